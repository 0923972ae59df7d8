import type {
  InterleavedContent,
  StepType,
  ToolCall,
  ToolResponse,
  Turn,
  TurnEventPayload,
  TurnStreamChunk,
  UserMessage,
} from '@llama-stack-ts/api-types';

export function user(content: InterleavedContent): UserMessage {
  return { role: 'user', content };
}

/** The client's answer to a tool call, as sent on resume. */
export function toolResponse(call: ToolCall, content: InterleavedContent): ToolResponse {
  return { call_id: call.call_id, tool_name: call.tool_name, content };
}

export interface DrainedTurn {
  turnId: string | undefined;
  payloads: TurnEventPayload[];
  /** The terminal payload (turn_complete or turn_awaiting_input). */
  last: TurnEventPayload;
  turn: Turn;
  /** Tool calls the turn's output asks the client to run. */
  calls: ToolCall[];
  /** The text deltas of inference steps, joined: what a streaming client showed. */
  streamedText: string;
  /** Compact event order: `step_start:inference`, `step_progress:inference`, `turn_complete`, … */
  order: string[];
}

function label(payload: TurnEventPayload): string {
  const stepType: StepType | undefined = 'step_type' in payload ? payload.step_type : undefined;
  return stepType ? `${payload.event_type}:${stepType}` : payload.event_type;
}

/** Reads a whole turn stream and returns what tests want to look at. */
export async function drain(
  run:
    | (AsyncIterable<TurnStreamChunk> & { turnId?: string })
    | Promise<AsyncIterable<TurnStreamChunk> & { turnId?: string }>,
): Promise<DrainedTurn> {
  const stream = await run;
  const payloads: TurnEventPayload[] = [];
  for await (const chunk of stream) payloads.push(chunk.event.payload);
  const last = payloads[payloads.length - 1];
  if (!last || (last.event_type !== 'turn_complete' && last.event_type !== 'turn_awaiting_input')) {
    throw new Error(`The turn stream did not end with a terminal event: ${payloads.map(label).join(', ')}`);
  }
  const streamedText = payloads
    .map((p) =>
      p.event_type === 'step_progress' && p.step_type === 'inference' && p.delta.type === 'text'
        ? p.delta.text
        : '',
    )
    .join('');
  return {
    turnId: stream.turnId,
    payloads,
    last,
    turn: last.turn,
    calls: last.turn.output_message.tool_calls,
    streamedText,
    order: payloads.map(label),
  };
}

/** The order without repeated step_progress entries, to compare with Llama Stack's sequence. */
export function collapsedOrder(order: readonly string[]): string[] {
  return order.filter((entry, index) => !(entry.startsWith('step_progress') && order[index - 1] === entry));
}
