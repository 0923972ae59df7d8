import { InternalError, type Turn, type TurnStreamChunk } from '@llama-stack-ts/api-types';

/** The non-streaming API: read the whole stream and return the turn its terminal event carries. */
export async function drainTurn(run: AsyncIterable<TurnStreamChunk> & { turnId?: string }): Promise<Turn> {
  let turn: Turn | undefined;
  for await (const chunk of run) {
    const { payload } = chunk.event;
    if (payload.event_type === 'turn_complete' || payload.event_type === 'turn_awaiting_input')
      turn = payload.turn;
  }
  if (!turn)
    throw new InternalError(
      `Turn ${run.turnId ?? ''} ended without a turn_complete or turn_awaiting_input event`,
    );
  return turn;
}
