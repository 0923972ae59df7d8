import type { ChatCompletionRequest, Turn } from '@llama-stack-ts/api-types';
import { CodeInterpreterProvider } from '@llama-stack-ts/tools-builtin';
import { afterAll, describe, expect, it } from 'vitest';
import { drain, type ScriptStep, textReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

/** The real sandbox, or why it cannot run here (bubblewrap and Debian's python3 are needed). */
const interpreter = new CodeInterpreterProvider();
const unavailable = await interpreter.check().then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (unavailable) {
  const message = `end-to-end code interpreter test needs the sandbox: ${unavailable} (apt-get install bubblewrap python3)`;
  if (process.env.REQUIRE_SYSTEM_DEPS === '1') throw new Error(message);
  console.warn(`Skipping ${message}`);
}

afterAll(() => interpreter.dispose());

/** The path the attachment notice of the model's prompt names, as a Llama model reads it. */
function noticedPath(request: ChatCompletionRequest): string | undefined {
  const notice = request.messages.find((m) => m.role === 'tool' && m.call_id === '');
  return /"([^"]+)"/.exec(String(notice?.content))?.[1];
}

/** A model that sums the `amount` column of the file its notice names, and records that path. */
function sumNoticedFile(paths: string[]): ScriptStep {
  return (request) => {
    const path = noticedPath(request);
    if (path) paths.push(path);
    const code = [
      'import csv',
      `with open(${JSON.stringify(path)}) as f:`,
      "    print(sum(float(row['amount']) for row in csv.DictReader(f)))",
    ].join('\n');
    return { toolCalls: [{ tool_name: 'code_interpreter', arguments: { code } }] };
  };
}

function toolOutput(turn: Turn): unknown {
  const toolStep = turn.steps.find((step) => step.step_type === 'tool_execution');
  return toolStep?.step_type === 'tool_execution' && toolStep.tool_responses[0]?.content;
}

describe.skipIf(unavailable !== undefined)('a turn document read by the real code interpreter', () => {
  it('the code the model writes opens the file the notice names and sums its column', async () => {
    const paths: string[] = [];
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [interpreter],
      config: { toolgroups: ['builtin::code_interpreter'] },
      script: [sumNoticedFile(paths), textReply('The amounts add up to 60.5.')],
    });
    const { turn } = await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('What is the total amount?')],
        documents: [{ content: 'item,amount\ntea,10.5\ncake,20\nbread,30\n', mime_type: 'text/csv' }],
      }),
    );
    expect(paths).toEqual([expect.stringMatching(/^\/work\/turn-[0-9a-f]{8}-1\.csv$/)]);
    expect(toolOutput(turn)).toBe('completed\n[stdout]60.5[/stdout]');
  });

  it("the second turn of a session reads the second turn's document, not the first one's", async () => {
    const paths: string[] = [];
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [interpreter],
      config: { toolgroups: ['builtin::code_interpreter'] },
      script: [sumNoticedFile(paths), textReply('6.'), sumNoticedFile(paths), textReply('600.')],
    });
    const ask = (content: string) =>
      drain(
        runtime.createTurn(agentId, sessionId, {
          messages: [user('What is the total amount?')],
          documents: [{ content, mime_type: 'text/csv' }],
        }),
      );
    const first = await ask('item,amount\na,1\nb,2\nc,3\n');
    const second = await ask('item,amount\na,100\nb,200\nc,300\n');

    expect(toolOutput(first.turn)).toBe('completed\n[stdout]6.0[/stdout]');
    expect(toolOutput(second.turn)).toBe('completed\n[stdout]600.0[/stdout]');
    expect(paths).toHaveLength(2);
    expect(paths[1]).not.toBe(paths[0]);
  });
});
