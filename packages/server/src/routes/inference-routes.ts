import { ChatCompletionRequest, collectChatCompletion } from '@llama-stack-ts/api-types';
import { EARLY_FAILURE_WAIT_MS, withEarlyFailure } from '../http/early-failure.js';
import { readJsonBody } from '../http/request-body.js';
import { sseResponse } from '../http/sse-response.js';
import { linkedAbort } from './linked-abort.js';
import type { RouteContext } from './route-context.js';

export function registerInferenceRoutes(context: RouteContext): void {
  const { registry, stack, config } = context;
  registry.add(
    'post',
    '/v1/inference/chat-completion',
    {
      summary: 'Chat completion (streamed with `stream: true`)',
      tag: 'Inference',
      body: 'ChatCompletionRequest',
      response: 'ChatCompletionResponse',
      stream: 'ChatCompletionResponseStreamChunk',
    },
    async (c) => {
      const request = await readJsonBody(c, ChatCompletionRequest);
      const { abort, release } = linkedAbort(c.req.raw.signal);
      if (request.stream) {
        let started: AsyncIterable<unknown>;
        try {
          started = await withEarlyFailure(
            stack.inference.chatCompletion(request, { signal: abort.signal }),
            EARLY_FAILURE_WAIT_MS,
          );
        } catch (error) {
          release();
          throw error;
        }
        return sseResponse(started, {
          abort,
          keepaliveIntervalMs: config.server.keepalive_interval_ms,
          onSettled: release,
          onError: (error, original) =>
            context.logger.warn({ err: original, code: error.code }, 'chat completion stream failed'),
        });
      }
      try {
        return c.json(
          await collectChatCompletion(stack.inference.chatCompletion(request, { signal: abort.signal })),
        );
      } finally {
        release();
      }
    },
  );
}
