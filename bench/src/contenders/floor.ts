/**
 * The floor: a hand-written agent loop over raw /api/generate (fetch + NDJSON), no framework. It encodes the
 * Llama 3 prompt itself, spots a `[name(…)]` (or `<function=…>`) tool call, runs get_weather and asks again.
 */
import type { Contender, ContenderContext, ContenderSession, TextSink } from '../harness/contender.js';
import { readNdjson } from '../harness/ndjson.js';
import { getWeather, WEATHER_TOOL } from '../harness/weather-tool.js';

const header = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;

const TOOL_PROMPT = `You are an expert in composing functions. You are given a question and a set of possible functions.
If you decide to invoke any of the function(s), you MUST put it in the format of [func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)]
Here is a list of functions in JSON format that you can invoke.
[{"name": "${WEATHER_TOOL.name}", "description": "${WEATHER_TOOL.description}", "parameters": {"type": "dict", "required": ["${WEATHER_TOOL.parameterName}"], "properties": {"${WEATHER_TOOL.parameterName}": {"type": "string", "description": "${WEATHER_TOOL.parameterDescription}"}}}}]`;

const FUNCTION_TAG = /<function=([^>]+)>(\{.*?\})<\/function>/s;
const PYTHON_CALL = /^\[\s*([a-zA-Z_]\w*)\((.*)\)\s*\]$/s;

function parseToolCall(text: string): { name: string; args: Record<string, unknown> } | undefined {
  const tag = FUNCTION_TAG.exec(text);
  if (tag) return { name: tag[1]!, args: JSON.parse(tag[2]!) };
  const py = PYTHON_CALL.exec(text.trim());
  if (py) {
    const args: Record<string, unknown> = {};
    for (const m of py[2]!.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)) args[m[1]!] = m[2];
    return { name: py[1]!, args };
  }
  return undefined;
}

export async function createContender(context: ContenderContext): Promise<Contender> {
  const url = `${context.modelBaseUrl}/api/generate`;

  async function generate(prompt: string, sink: TextSink | undefined): Promise<string> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: context.model,
        prompt,
        raw: true,
        stream: true,
        options: { num_ctx: 32768 },
      }),
    });
    if (!response.ok || !response.body) throw new Error(`generate failed: HTTP ${response.status}`);
    let text = '';
    // Text that could open a tool call is held back; anything else streams at once.
    let holding = true;
    for await (const chunk of readNdjson<{ response?: string; done?: boolean }>(response.body)) {
      const piece = chunk.response ?? '';
      if (piece.length === 0) continue;
      text += piece;
      if (holding) {
        const head = text.trimStart();
        if (head.length === 0 || head.startsWith('<') || head.startsWith('[')) continue;
        holding = false;
        sink?.text(text);
      } else {
        sink?.text(piece);
      }
    }
    if (holding && !parseToolCall(text)) sink?.text(text);
    return text;
  }

  return {
    async newSession({ tools }): Promise<ContenderSession> {
      const system = tools ? `${TOOL_PROMPT}\n\n${context.instructions}` : context.instructions;
      let history = `<|begin_of_text|>${header('system')}${system}<|eot_id|>`;
      return {
        async turn(userText, sink) {
          history += `${header('user')}${userText}<|eot_id|>`;
          let toolCalls = 0;
          for (let step = 0; step < 10; step++) {
            const text = await generate(`${history}${header('assistant')}`, sink);
            history += `${header('assistant')}${text}<|eot_id|>`;
            const call = tools ? parseToolCall(text) : undefined;
            if (!call) break;
            toolCalls++;
            const result =
              call.name === WEATHER_TOOL.name ? getWeather(call.args) : `unknown tool ${call.name}`;
            history += `${header('ipython')}${result}<|eot_id|>`;
          }
          return { toolCalls };
        },
      };
    },
    async close() {},
  };
}
