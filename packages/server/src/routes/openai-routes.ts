import { randomUUID } from 'node:crypto';
import {
  collectChatCompletion,
  type Message,
  NotFoundError,
  ProviderUnavailableError,
  type SafetyViolation,
} from '@llama-stack-ts/api-types';
import type { Context } from 'hono';
import { EARLY_FAILURE_WAIT_MS, withEarlyFailure } from '../http/early-failure.js';
import { pathParam, readJsonBody } from '../http/request-body.js';
import { sseResponse } from '../http/sse-response.js';
import { chatRequestFromOpenAi, OpenAiChatRequest } from '../openai/openai-chat-request.js';
import {
  chunksOfCompletion,
  type OpenAiChatCompletion,
  openAiChunks,
  openAiCompletion,
  refusalCompletion,
} from '../openai/openai-chat-response.js';
import { linkedAbort } from './linked-abort.js';
import { servedModels } from './model-routes.js';
import type { RouteContext } from './route-context.js';

const chatCompletionSchema = {
  inline: {
    type: 'object',
    description: 'OpenAI chat.completion',
    required: ['id', 'object', 'created', 'model', 'choices'],
    properties: {
      id: { type: 'string' },
      object: { const: 'chat.completion' },
      created: { type: 'integer' },
      model: { type: 'string' },
      choices: { type: 'array', items: { type: 'object' } },
      usage: { type: 'object' },
    },
  },
};
const chatChunkSchema = {
  inline: {
    type: 'object',
    description: 'OpenAI chat.completion.chunk',
    required: ['id', 'object', 'created', 'model', 'choices'],
    properties: {
      id: { type: 'string' },
      object: { const: 'chat.completion.chunk' },
      created: { type: 'integer' },
      model: { type: 'string' },
      choices: { type: 'array', items: { type: 'object' } },
    },
  },
};
const chatRequestSchema = {
  inline: {
    type: 'object',
    description:
      'OpenAI chat completion request (model, messages, tools, tool_choice, response_format, stream, …)',
    required: ['model', 'messages'],
    properties: {
      model: { type: 'string' },
      messages: { type: 'array', items: { type: 'object' } },
      tools: { type: 'array', items: { type: 'object' } },
      tool_choice: {},
      response_format: { type: 'object' },
      stream: { type: 'boolean' },
      stream_options: { type: 'object' },
      temperature: { type: 'number' },
      top_p: { type: 'number' },
      max_tokens: { type: 'integer' },
      max_completion_tokens: { type: 'integer' },
      stop: {},
    },
  },
};

export function registerOpenAiRoutes(context: RouteContext): void {
  const { registry } = context;
  const doc = (summary: string) => ({
    summary,
    tag: 'OpenAI',
    body: chatRequestSchema,
    response: chatCompletionSchema,
    stream: chatChunkSchema,
  });
  registry.add(
    'post',
    '/v1/openai/v1/chat/completions',
    doc('OpenAI-compatible chat completion (Llama Stack path; streams end without [DONE])'),
    (c) => openAiChat(context, c, undefined),
  );
  registry.add(
    'post',
    '/v1/chat/completions',
    doc('OpenAI-compatible chat completion (OpenAI path; streams end with data: [DONE])'),
    (c) => openAiChat(context, c, '[DONE]'),
  );
  const openAiModel = (model: { identifier: string; provider_id: string }) => ({
    id: model.identifier,
    object: 'model' as const,
    created: 0,
    owned_by: model.provider_id,
  });
  const openAiModelSchema = {
    inline: {
      type: 'object',
      required: ['id', 'object', 'created', 'owned_by'],
      properties: {
        id: { type: 'string' },
        object: { const: 'model' },
        created: { type: 'integer' },
        owned_by: { type: 'string' },
      },
    },
  };
  registry.add(
    'get',
    '/v1/openai/v1/models',
    {
      summary: 'List models in OpenAI form',
      tag: 'OpenAI',
      response: {
        inline: {
          type: 'object',
          required: ['object', 'data'],
          properties: { object: { const: 'list' }, data: { type: 'array', items: openAiModelSchema.inline } },
        },
      },
    },
    async (c) => {
      const models = await servedModels(context, c.req.raw.signal);
      return c.json({ object: 'list', data: models.map(openAiModel) });
    },
  );
  registry.add(
    'get',
    '/v1/openai/v1/models/:model_id',
    { summary: 'Describe a model in OpenAI form', tag: 'OpenAI', response: openAiModelSchema },
    async (c) => {
      const id = pathParam(c, 'model_id');
      const model = (await servedModels(context, c.req.raw.signal)).find(
        (m) => m.identifier === id || m.provider_resource_id === id,
      );
      if (!model) throw new NotFoundError('Model', id);
      return c.json(openAiModel(model));
    },
  );
}

async function openAiChat(
  context: RouteContext,
  c: Context,
  terminator: string | undefined,
): Promise<Response> {
  const { stack, config } = context;
  const body = await readJsonBody(c, OpenAiChatRequest);
  const request = chatRequestFromOpenAi(body);
  const identity = {
    id: `chatcmpl-${randomUUID()}`,
    created: Math.floor(Date.now() / 1000),
    model: body.model,
  };
  const includeUsage = body.stream_options?.include_usage ?? false;
  const { input_shields: inputShields, output_shields: outputShields } = config.openai_compat;
  const { abort, release } = linkedAbort(c.req.raw.signal);
  const signal = abort.signal;
  const stream = (completion: AsyncIterable<unknown>) =>
    sseResponse(completion, {
      abort,
      keepaliveIntervalMs: config.server.keepalive_interval_ms,
      onSettled: release,
      ...(terminator ? { terminator } : {}),
      onError: (error, original) =>
        context.logger.warn({ err: original, code: error.code }, 'chat completion stream failed'),
    });

  let released = false;
  try {
    const inputViolation = await firstViolation(context, inputShields, request.messages, signal);
    let completion: OpenAiChatCompletion | undefined;
    if (inputViolation) {
      completion = refusalCompletion(refusalText(inputViolation), identity);
    } else if (!request.stream || outputShields.length > 0) {
      const response = await collectChatCompletion(
        stack.inference.chatCompletion({ ...request, stream: false }, { signal }),
      );
      completion = openAiCompletion(response, identity);
      const outputViolation = await firstViolation(
        context,
        outputShields,
        [...request.messages, response.completion_message],
        signal,
      );
      if (outputViolation) completion = refusalCompletion(refusalText(outputViolation), identity);
    }
    if (!request.stream) return c.json(completion!);
    const chunks = completion
      ? chunksOfCompletion(completion, includeUsage)
      : openAiChunks(
          await withEarlyFailure(stack.inference.chatCompletion(request, { signal }), EARLY_FAILURE_WAIT_MS),
          { ...identity, toolsOffered: request.tools.length > 0, includeUsage },
        );
    released = true;
    return stream(chunks);
  } finally {
    if (!released) release();
  }
}

function refusalText(violation: SafetyViolation): string {
  return violation.user_message ?? 'I cannot answer that. Can I help with something else?';
}

async function firstViolation(
  context: RouteContext,
  shieldIds: readonly string[],
  messages: Message[],
  signal: AbortSignal,
): Promise<SafetyViolation | undefined> {
  if (shieldIds.length === 0) return undefined;
  const safety = context.stack.safety;
  if (!safety) {
    throw new ProviderUnavailableError(
      `openai_compat names shields (${shieldIds.join(', ')}) but no safety provider is enabled`,
    );
  }
  const results = await Promise.all(
    shieldIds.map((shield_id) => safety.runShield({ shield_id, messages, params: {} }, { signal })),
  );
  return (
    results.map((result) => result.violation).find((violation) => violation?.violation_level === 'error') ??
    undefined
  );
}
