import { UpstreamError } from '@llama-stack-ts/api-types';

export type LlamaGuardVerdict =
  | { type: 'safe' }
  /** `violation_type` is the model's second line as written (`S1,S10`); `codes` are its trimmed entries. */
  | { type: 'unsafe'; violation_type: string; codes: string[] };

/**
 * Reads Llama Guard's answer as Llama Stack does: `safe`, or `unsafe` and one more line with the codes.
 * Anything else is an UpstreamError, never "safe".
 */
export function parseLlamaGuardVerdict(output: string, model: string): LlamaGuardVerdict {
  const answer = output.trim();
  if (answer === 'safe') return { type: 'safe' };
  const unsafe = /^unsafe\n([^\n]+)$/.exec(answer);
  if (unsafe?.[1]) {
    const violationType = unsafe[1];
    return {
      type: 'unsafe',
      violation_type: violationType,
      codes: violationType.split(',').map((c) => c.trim()),
    };
  }
  throw new UpstreamError(
    `Llama Guard model ${model} answered ${JSON.stringify(answer)}, expected "safe" or "unsafe" followed by a line of category codes. Check that the shield's model is a Llama Guard 3 model.`,
    { details: { model, output } },
  );
}
