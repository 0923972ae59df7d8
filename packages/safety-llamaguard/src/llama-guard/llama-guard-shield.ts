import {
  type CallOptions,
  ChatCompletionRequest,
  type ContentItem,
  ConfigError,
  collectChatCompletion,
  contentToText,
  type InferenceProvider,
  type Message,
  type RunShieldRequest,
  type RunShieldResponse,
  type Shield,
  parseOrThrow,
  type ShieldProvider,
} from '@llama-stack-ts/api-types';
import { llamaGuardPrompt } from '@llama-stack-ts/llama-format';
import { checkShieldRequest, shieldModelError, throwIfAborted } from '../shared/shield-errors.js';
import { guardConversation, visionConversation } from './guard-conversation.js';
import {
  isLlamaGuardVisionModel,
  LLAMA_GUARD_CATEGORY_CODES,
  llamaGuardCategoriesFor,
} from './llama-guard-models.js';
import { parseLlamaGuardVerdict } from './parse-verdict.js';

export const DEFAULT_LLAMA_GUARD_MODEL = 'llama-guard3:1b';
export const LLAMA_GUARD_SHIELD_ID = 'llama-guard';
/** Llama Stack's canned refusal for a Llama Guard violation. */
export const LLAMA_GUARD_REFUSAL = "I can't answer that. Can I help with something else?";

export interface LlamaGuardShieldOptions {
  /** Any inference provider that serves the Llama Guard model. */
  inference: InferenceProvider;
  /** Model id as the inference provider knows it. Default `llama-guard3:1b` (Ollama). */
  model?: string;
  /** Category codes (`S1`…`S14`) that never count as a violation and are left out of the prompt. */
  excludedCategories?: readonly string[];
  /**
   * How the judged side is named. `llama-stack` (default): the role of the last message capitalised (`User`,
   * `Assistant`, `Tool`), byte for byte what Llama Stack v0.2 sends. `model-card`: Meta's Llama Guard 3 card
   * wording, where assistant messages are `Agent` in the conversation and in the task line.
   */
  roleNames?: 'llama-stack' | 'model-card';
  /** Shield id it answers to. Default `llama-guard`. */
  shieldId?: string;
  /** Provider id in its Shield listing. Default `llama-guard`. */
  providerId?: string;
}

/** Llama Guard 3 as a shield, run through any InferenceProvider the way Llama Stack v0.2 runs it. */
export class LlamaGuardShield implements ShieldProvider {
  readonly id: string;
  readonly shieldId: string;
  readonly model: string;
  readonly excludedCategories: readonly string[];
  private readonly inference: InferenceProvider;
  private readonly roleNames: 'llama-stack' | 'model-card';

  constructor(options: LlamaGuardShieldOptions) {
    const excluded = options.excludedCategories ?? [];
    const invalid = excluded.filter((code) => !LLAMA_GUARD_CATEGORY_CODES.includes(code));
    if (invalid.length > 0) {
      throw new ConfigError(
        `Invalid Llama Guard excluded categories ${invalid.join(', ')}: use codes S1 to S14, e.g. ['S1', 'S2']`,
        { details: { invalid } },
      );
    }
    this.inference = options.inference;
    this.model = options.model ?? DEFAULT_LLAMA_GUARD_MODEL;
    this.excludedCategories = [...excluded];
    this.roleNames = options.roleNames ?? 'llama-stack';
    this.shieldId = options.shieldId ?? LLAMA_GUARD_SHIELD_ID;
    this.id = options.providerId ?? LLAMA_GUARD_SHIELD_ID;
  }

  async listShields(): Promise<Shield[]> {
    return [
      {
        identifier: this.shieldId,
        provider_id: this.id,
        provider_resource_id: this.model,
        type: 'shield',
        params: { excluded_categories: [...this.excludedCategories] },
      },
    ];
  }

  /** The one user message sent to the model: the task prompt (with the latest user image for vision models). */
  guardInput(messages: readonly Message[]): Message {
    const conversation = guardConversation(messages);
    if (!isLlamaGuardVisionModel(this.model)) return { role: 'user', content: this.prompt(conversation) };
    const vision = visionConversation(conversation);
    const text: ContentItem = { type: 'text', text: this.prompt(vision.conversation) };
    return { role: 'user', content: vision.image ? [vision.image, text] : text.text };
  }

  async runShield(request: RunShieldRequest, options: CallOptions = {}): Promise<RunShieldResponse> {
    checkShieldRequest(request, this.shieldId);
    const { signal } = options;
    throwIfAborted(signal);
    const chatRequest = parseOrThrow(ChatCompletionRequest, {
      model_id: this.model,
      messages: [this.guardInput(request.messages)],
      stream: false,
    });
    let output: string;
    try {
      const response = await collectChatCompletion(this.inference.chatCompletion(chatRequest, { signal }));
      output = contentToText(response.completion_message.content);
    } catch (error) {
      throw shieldModelError(error, this.model, signal);
    }
    throwIfAborted(signal);
    const verdict = parseLlamaGuardVerdict(output, this.model);
    if (verdict.type === 'safe') return { violation: null };
    if (verdict.codes.every((code) => this.excludedCategories.includes(code))) return { violation: null };
    return {
      violation: {
        violation_level: 'error',
        user_message: LLAMA_GUARD_REFUSAL,
        metadata: { violation_type: verdict.violation_type },
      },
    };
  }

  private prompt(conversation: Message[]): string {
    const categories = llamaGuardCategoriesFor(this.model);
    const excludedCategories = this.excludedCategories;
    if (this.roleNames === 'llama-stack')
      return llamaGuardPrompt({ messages: conversation, categories, excludedCategories });
    return llamaGuardPrompt({
      messages: conversation.map(withModelCardRole),
      categories,
      excludedCategories,
    });
  }
}

/**
 * llamaGuardPrompt labels each message with its role capitalised; the model card calls the assistant `Agent`.
 * The relabelled message only feeds the prompt text, never leaves this module.
 */
function withModelCardRole(message: Message): Message {
  return message.role === 'assistant' ? ({ ...message, role: 'agent' } as unknown as Message) : message;
}
