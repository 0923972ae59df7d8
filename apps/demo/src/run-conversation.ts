import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type Attachment,
  type ToolResponse,
  type Turn,
  type TurnEventPayload,
  toolCallArguments,
} from '@llama-stack-ts/api-types';
import LlamaStackClient from 'llama-stack-client';
import type { EventLog } from './cli/event-log.js';
import { type AgentSetup, demoAgentConfig, GET_BOILING_POINT, getBoilingPoint } from './demo-script.js';

export interface TurnOutcome {
  prompt: string;
  turn: Turn;
  resumes: number;
  images: string[];
}

export class DemoSession {
  readonly turns: TurnOutcome[] = [];

  private constructor(
    private readonly client: LlamaStackClient,
    private readonly baseUrl: string,
    private readonly apiKey: string | undefined,
    readonly agentId: string,
    readonly sessionId: string,
    private readonly log: EventLog,
    private readonly outDir: string,
  ) {}

  static async open(options: {
    baseUrl: string;
    apiKey?: string;
    setup: AgentSetup;
    log: EventLog;
    outDir: string;
  }): Promise<DemoSession> {
    const client = new LlamaStackClient({
      baseURL: options.baseUrl,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      maxRetries: 0,
      timeout: 120_000,
    });
    const { setup } = options;
    const agent = await client.agents.create({
      agent_config: demoAgentConfig(setup) as never,
    });
    const session = await client.agents.session.create(agent.agent_id, { session_name: 'demo' });
    return new DemoSession(
      client,
      options.baseUrl,
      options.apiKey,
      agent.agent_id,
      session.session_id,
      options.log,
      options.outDir,
    );
  }

  /** One user message: stream the turn, run client tools locally and resume until the turn completes. */
  async ask(prompt: string): Promise<TurnOutcome> {
    this.log.user(prompt);
    this.log.waiting('waiting for the model…');
    let turn = await this.consume(
      await this.client.agents.turn.create(this.agentId, this.sessionId, {
        messages: [{ role: 'user', content: prompt }],
        stream: true,
      }),
    );
    let resumes = 0;
    while (
      turn.status === 'awaiting_input' ||
      (turn.status === undefined && turn.output_message.tool_calls.length > 0)
    ) {
      const responses = turn.output_message.tool_calls.map((call): ToolResponse => {
        const args = toolCallArguments(call);
        const result =
          call.tool_name === GET_BOILING_POINT.name
            ? String(
                getBoilingPoint(
                  String(args.liquid_name ?? ''),
                  args.celcius !== false && args.celcius !== 'False',
                ),
              )
            : `Unknown client tool ${call.tool_name}`;
        this.log.clientTool(call, result);
        return {
          call_id: call.call_id,
          tool_name: call.tool_name,
          content: result,
          metadata: { source: 'demo' },
        };
      });
      resumes++;
      this.log.waiting('resuming the turn…');
      turn = await this.consume(
        await this.client.agents.turn.resume(this.agentId, this.sessionId, turn.turn_id, {
          tool_responses: responses as never,
          stream: true,
        }),
      );
    }
    const images = await this.saveImages(turn);
    this.log.turnSummary(turn);
    const outcome = { prompt, turn, resumes, images };
    this.turns.push(outcome);
    return outcome;
  }

  private async consume(stream: AsyncIterable<unknown>): Promise<Turn> {
    let turn: Turn | undefined;
    for await (const chunk of stream) {
      const frame = chunk as { error?: { message: string }; event?: { payload: TurnEventPayload } };
      if (frame.error) throw new Error(`The server reported an error mid-turn: ${frame.error.message}`);
      if (!frame.event) continue;
      const { payload } = frame.event;
      this.log.handle(payload);
      if (payload.event_type === 'turn_complete' || payload.event_type === 'turn_awaiting_input')
        turn = payload.turn;
    }
    if (!turn) throw new Error('The turn stream ended without turn_complete or turn_awaiting_input');
    return turn;
  }

  private async saveImages(turn: Turn): Promise<string[]> {
    const images = turn.output_attachments.filter((a) => a.mime_type.startsWith('image/'));
    const saved: string[] = [];
    for (const [index, attachment] of images.entries()) {
      const bytes = await this.imageBytes(attachment);
      if (!bytes) continue;
      await mkdir(this.outDir, { recursive: true });
      const file = resolve(join(this.outDir, `turn-${this.turns.length + 1}-image-${index + 1}.png`));
      await writeFile(file, bytes);
      saved.push(file);
      this.log.note(`saved image: ${file}`);
    }
    return saved;
  }

  private async imageBytes(attachment: Attachment): Promise<Uint8Array | undefined> {
    const { content } = attachment;
    if (typeof content === 'object' && !Array.isArray(content) && 'uri' in content) {
      const url = new URL(content.uri, this.baseUrl);
      const response = await fetch(url, {
        headers: this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {},
      });
      if (!response.ok) {
        this.log.note(`could not fetch ${url}: HTTP ${response.status}`);
        return undefined;
      }
      return new Uint8Array(await response.arrayBuffer());
    }
    const items = Array.isArray(content) ? content : typeof content === 'string' ? [] : [content];
    for (const item of items) {
      if (item.type === 'image' && item.image.data) return Buffer.from(item.image.data, 'base64');
    }
    return undefined;
  }
}
