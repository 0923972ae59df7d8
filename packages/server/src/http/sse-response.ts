import type { StackError } from '@llama-stack-ts/api-types';
import { errorFrame, toStackError } from './error-response.js';

export interface SseResponseOptions {
  /** Aborted when the client goes away or the stream is cancelled, so the producer stops its work. */
  abort: AbortController;
  /** `: ping` comment interval. */
  keepaliveIntervalMs: number;
  /** Written after the last event (`[DONE]` on OpenAI's own path); agent streams never end with one. */
  terminator?: string;
  /** Called once with the error that ended the stream (after its frame was written). */
  onError?: (error: StackError, original: unknown) => void;
  /** Called once when the stream is over, however it ended. */
  onSettled?: () => void;
  headers?: Record<string, string>;
}

const encoder = new TextEncoder();

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/**
 * A `text/event-stream` response from an async iterable: one `data: <json>\n\n` frame per item, `: ping`
 * keep-alives, an error frame `{error:{message, code}}` when the source throws. The status and headers go
 * out as soon as the response is returned; when the client disconnects, `abort` fires and the source's
 * iterator is closed.
 *
 * Frames produced in the same turn of the event loop leave as one chunk (one socket write): each frame is
 * appended to a buffer that is flushed on `setImmediate`, i.e. right after the I/O that produced it has
 * been handled. A microtask would not do: an async generator hands over each item a few microtasks apart,
 * so the flush would run between every two frames. A lone frame waits for nothing but the end of the
 * current event-loop turn; pings, the end of the stream and the error frame flush at once.
 */
export function sseResponse(source: AsyncIterable<unknown>, options: SseResponseOptions): Response {
  const { abort } = options;
  let iterator: AsyncIterator<unknown> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let discardPending: (() => void) | undefined;
  let settled = false;
  const settle = () => {
    if (settled) return;
    settled = true;
    if (ping) clearInterval(ping);
    options.onSettled?.();
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let pending = '';
      let scheduled: ReturnType<typeof setImmediate> | undefined;
      const flush = () => {
        if (scheduled) {
          clearImmediate(scheduled);
          scheduled = undefined;
        }
        if (!open || pending === '') return;
        const text = pending;
        pending = '';
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          open = false;
        }
      };
      const write = (text: string) => {
        if (!open) return;
        pending += text;
        scheduled ??= setImmediate(flush);
      };
      discardPending = () => {
        open = false;
        pending = '';
        flush();
      };
      ping = setInterval(() => {
        write(': ping\n\n');
        flush();
      }, options.keepaliveIntervalMs);
      ping.unref?.();
      const pump = async () => {
        iterator = source[Symbol.asyncIterator]();
        try {
          while (true) {
            const next = await iterator.next();
            if (next.done) break;
            write(`data: ${JSON.stringify(next.value)}\n\n`);
          }
          if (options.terminator) write(`data: ${options.terminator}\n\n`);
        } catch (error) {
          const stackError = toStackError(error);
          write(`data: ${JSON.stringify(errorFrame(stackError))}\n\n`);
          flush();
          options.onError?.(stackError, error);
        } finally {
          flush();
          settle();
          if (open) {
            open = false;
            try {
              controller.close();
            } catch {
              // already closed by a cancel
            }
          }
        }
      };
      void pump();
    },
    cancel(reason) {
      discardPending?.();
      abort.abort(reason ?? new Error('client disconnected'));
      void iterator?.return?.().catch(() => {});
    },
  });

  return new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...options.headers } });
}
