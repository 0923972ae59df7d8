import {
  type Message,
  type RunShieldRequest,
  type RunShieldResponse,
  type SafetyViolation,
  type Shield,
  type ShieldProvider,
  cancelledFrom,
  contentToText,
} from '@llama-stack-ts/api-types';

export const LLAMA_GUARD_REFUSAL = "I can't answer that. Can I help with something else?";

export interface ScriptedShieldProviderOptions {
  /** Registered shield ids. Default ['llama-guard']. */
  shields?: string[];
  /** Unsafe when this returns true for the text of the last message (or a violation to return). */
  unsafe?: (lastMessageText: string, request: RunShieldRequest) => boolean | SafetyViolation;
  /** Wait before answering (honours the signal). */
  delayMs?: number;
  /** Never answer until aborted. */
  hang?: boolean;
  /** Throw this instead of answering (a shield that cannot decide). */
  error?: Error;
}

export function unsafeViolation(userMessage = LLAMA_GUARD_REFUSAL, category = 'S1'): SafetyViolation {
  return { violation_level: 'error', user_message: userMessage, metadata: { violation_type: category } };
}

function lastText(messages: readonly Message[]): string {
  const last = messages[messages.length - 1];
  if (!last) return '';
  const text = contentToText(last.content);
  if (last.role === 'assistant' && last.tool_calls.length > 0) {
    return `${text}${last.tool_calls.map((call) => JSON.stringify(call)).join('\n')}`;
  }
  return text;
}

/** A ShieldProvider that decides by a test's rule and records every request it received. */
export class ScriptedShieldProvider implements ShieldProvider {
  readonly id = 'scripted-safety';
  readonly requests: RunShieldRequest[] = [];
  readonly #options: ScriptedShieldProviderOptions;

  constructor(options: ScriptedShieldProviderOptions = {}) {
    this.#options = options;
  }

  async listShields(): Promise<Shield[]> {
    return (this.#options.shields ?? ['llama-guard']).map((identifier) => ({
      identifier,
      provider_resource_id: identifier,
      provider_id: this.id,
      type: 'shield',
    }));
  }

  async runShield(
    request: RunShieldRequest,
    options: { signal?: AbortSignal } = {},
  ): Promise<RunShieldResponse> {
    this.requests.push(structuredClone(request));
    const { signal } = options;
    if (this.#options.delayMs || this.#options.hang) {
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(cancelledFrom(signal));
        const timer = this.#options.hang ? undefined : setTimeout(done, this.#options.delayMs);
        function done() {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }
        function onAbort() {
          clearTimeout(timer);
          reject(cancelledFrom(signal!));
        }
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    if (this.#options.error) throw this.#options.error;
    const verdict = this.#options.unsafe?.(lastText(request.messages), request) ?? false;
    if (verdict === false) return { violation: null };
    return { violation: verdict === true ? unsafeViolation() : verdict };
  }
}
