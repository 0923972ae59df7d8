import { z } from 'zod';
import { ImageSource } from './content.js';
import { CompletionMessage, Message, StopReason } from './messages.js';
import { SamplingParams } from './sampling.js';
import { ResponseFormat, ToolChoice, ToolConfig, ToolPromptFormat } from './tool-config.js';
import { ToolCall, ToolDefinition } from './tools.js';

export const ChatCompletionRequest = z.object({
  model_id: z.string().min(1),
  messages: z.array(Message).min(1),
  sampling_params: SamplingParams.default({
    strategy: { type: 'greedy' },
    max_tokens: 0,
    repetition_penalty: 1,
  }),
  tools: z.array(ToolDefinition).default([]),
  /** Deprecated in favour of tool_config.tool_choice; accepted for compatibility. */
  tool_choice: ToolChoice.optional(),
  /** Deprecated in favour of tool_config.tool_prompt_format; accepted for compatibility. */
  tool_prompt_format: ToolPromptFormat.optional(),
  tool_config: ToolConfig.optional(),
  response_format: ResponseFormat.optional(),
  stream: z.boolean().default(false),
  logprobs: z.object({ top_k: z.number().int().min(0).default(0) }).optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;
export type ChatCompletionRequestInput = z.input<typeof ChatCompletionRequest>;

export const ToolCallParseStatus = z.enum(['started', 'in_progress', 'failed', 'succeeded']);
export type ToolCallParseStatus = z.infer<typeof ToolCallParseStatus>;

export const TextDelta = z.object({ type: z.literal('text'), text: z.string() });
export type TextDelta = z.infer<typeof TextDelta>;

export const ImageDelta = z.object({ type: z.literal('image'), image: ImageSource });
export type ImageDelta = z.infer<typeof ImageDelta>;

/** `tool_call` is the raw text while parsing (started / in_progress / failed) and a ToolCall once it succeeded. */
export const ToolCallDelta = z.object({
  type: z.literal('tool_call'),
  tool_call: z.union([z.string(), ToolCall]),
  parse_status: ToolCallParseStatus,
});
export type ToolCallDelta = z.infer<typeof ToolCallDelta>;

export const ContentDelta = z.discriminatedUnion('type', [TextDelta, ImageDelta, ToolCallDelta]);
export type ContentDelta = z.infer<typeof ContentDelta>;

export const TokenLogProbs = z.object({ logprobs_by_token: z.record(z.string(), z.number()) });

export const MetricInResponse = z.object({
  metric: z.string(),
  value: z.number(),
  unit: z.string().optional(),
});
export type MetricInResponse = z.infer<typeof MetricInResponse>;

export const ChatCompletionEventType = z.enum(['start', 'progress', 'complete']);
export type ChatCompletionEventType = z.infer<typeof ChatCompletionEventType>;

export const ChatCompletionResponseEvent = z.object({
  event_type: ChatCompletionEventType,
  delta: ContentDelta,
  logprobs: z.array(TokenLogProbs).optional(),
  stop_reason: StopReason.optional(),
});
export type ChatCompletionResponseEvent = z.infer<typeof ChatCompletionResponseEvent>;

/** One chunk of a streamed chat completion: what providers yield and `/v1/inference/chat-completion` streams. */
export const ChatCompletionChunk = z.object({
  event: ChatCompletionResponseEvent,
  metrics: z.array(MetricInResponse).optional(),
});
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunk>;

export const ChatCompletionResponse = z.object({
  completion_message: CompletionMessage,
  logprobs: z.array(TokenLogProbs).optional(),
  metrics: z.array(MetricInResponse).optional(),
});
export type ChatCompletionResponse = z.infer<typeof ChatCompletionResponse>;

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageMetrics(usage: TokenUsage): MetricInResponse[] {
  return [
    { metric: 'prompt_tokens', value: usage.prompt_tokens, unit: 'tokens' },
    { metric: 'completion_tokens', value: usage.completion_tokens, unit: 'tokens' },
    { metric: 'total_tokens', value: usage.total_tokens, unit: 'tokens' },
  ];
}

export function usageFromMetrics(metrics: readonly MetricInResponse[] | undefined): TokenUsage | undefined {
  if (!metrics) return undefined;
  const value = (name: string) => metrics.find((m) => m.metric === name)?.value;
  const prompt = value('prompt_tokens');
  const completion = value('completion_tokens');
  if (prompt === undefined && completion === undefined) return undefined;
  return {
    prompt_tokens: prompt ?? 0,
    completion_tokens: completion ?? 0,
    total_tokens: value('total_tokens') ?? (prompt ?? 0) + (completion ?? 0),
  };
}
