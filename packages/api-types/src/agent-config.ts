import { z } from 'zod';
import { JsonObject } from './json.js';
import { SamplingParams } from './sampling.js';
import { ResponseFormat, ToolChoice, ToolConfig, ToolPromptFormat } from './tool-config.js';
import { ToolDef } from './tools.js';

/** A tool group by name (`builtin::websearch`, or one tool of it: `builtin::rag/knowledge_search`), optionally with args merged into every call. */
export const AgentToolGroup = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), args: JsonObject.default({}) }),
]);
export type AgentToolGroup = z.infer<typeof AgentToolGroup>;

/**
 * How output shields treat streamed text: `buffer` holds text deltas until the shields pass (a blocked answer
 * never leaves the server); `stream` streams at once and retracts on violation, as Llama Stack does.
 */
export const OutputShieldPolicy = z.enum(['buffer', 'stream']);
export type OutputShieldPolicy = z.infer<typeof OutputShieldPolicy>;

const DEPRECATION_MESSAGE =
  'tool_choice is deprecated. Use tool_choice in tool_config instead; the two disagree here.';

export const AgentConfig = z
  .object({
    model: z.string().min(1),
    instructions: z.string(),
    name: z.string().optional(),
    sampling_params: SamplingParams.default({
      strategy: { type: 'greedy' },
      max_tokens: 0,
      repetition_penalty: 1,
    }),
    input_shields: z.array(z.string()).default([]),
    output_shields: z.array(z.string()).default([]),
    /** Extension: shields that check what a tool returned before the model sees it. Empty by default. */
    tool_output_shields: z.array(z.string()).default([]),
    /** Extension: see OutputShieldPolicy. */
    output_shield_policy: OutputShieldPolicy.default('buffer'),
    toolgroups: z.array(AgentToolGroup).default([]),
    client_tools: z.array(ToolDef).default([]),
    /** Deprecated: use tool_config.tool_choice. */
    tool_choice: ToolChoice.optional(),
    /** Deprecated: use tool_config.tool_prompt_format. */
    tool_prompt_format: ToolPromptFormat.optional(),
    tool_config: ToolConfig.optional(),
    max_infer_iters: z.number().int().min(0).default(10),
    enable_session_persistence: z.boolean().default(false),
    response_format: ResponseFormat.optional(),
  })
  .superRefine((config, ctx) => {
    const tc = config.tool_config;
    if (tc && config.tool_choice !== undefined && config.tool_choice !== tc.tool_choice) {
      ctx.addIssue({ code: 'custom', path: ['tool_choice'], message: DEPRECATION_MESSAGE });
    }
    if (tc && config.tool_prompt_format !== undefined && tc.tool_prompt_format !== undefined) {
      if (config.tool_prompt_format !== tc.tool_prompt_format) {
        ctx.addIssue({
          code: 'custom',
          path: ['tool_prompt_format'],
          message:
            'tool_prompt_format is deprecated. Use tool_prompt_format in tool_config instead; the two disagree here.',
        });
      }
    }
  })
  .transform((config) => ({
    ...config,
    tool_config: config.tool_config ?? {
      tool_choice: config.tool_choice ?? 'auto',
      ...(config.tool_prompt_format ? { tool_prompt_format: config.tool_prompt_format } : {}),
      system_message_behavior: 'append' as const,
    },
  }));
export type AgentConfig = z.infer<typeof AgentConfig>;
export type AgentConfigInput = z.input<typeof AgentConfig>;

export const CreateAgentRequest = z.object({ agent_config: AgentConfig });
export type CreateAgentRequest = z.infer<typeof CreateAgentRequest>;

export const CreateAgentResponse = z.object({ agent_id: z.string() });

export const AgentRecord = z.object({
  agent_id: z.string(),
  agent_config: AgentConfig,
  created_at: z.string(),
});
export type AgentRecord = z.infer<typeof AgentRecord>;

/** The names a toolgroup reference carries. */
export function toolGroupName(group: AgentToolGroup): string {
  return typeof group === 'string' ? group : group.name;
}
