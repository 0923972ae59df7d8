import { ModelNotFoundError, UpstreamError } from '@llama-stack-ts/api-types';
import { OllamaInferenceProvider } from '@llama-stack-ts/inference-ollama';
import { loadRecordings, type Recording, startReplayServer } from '@llama-stack-ts/inference-ollama/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { guardRecordings, recordingsDir } from '../test-support/guard-recordings.js';
import { LLAMA_GUARD_REFUSAL, LlamaGuardShield } from './llama-guard-shield.js';

// Each recording is served alone, so the verdict that comes back is that recording's and no other's.
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(recordings: Recording[], options: { models?: string[] } = {}) {
  const server = await startReplayServer({ recordingsDir: false, recordings, ...options });
  servers.push(server);
  return {
    server,
    shield: new LlamaGuardShield({ inference: new OllamaInferenceProvider({ baseUrl: server.url }) }),
  };
}

let byId: Map<string, Recording>;
beforeAll(async () => {
  byId = new Map((await loadRecordings(recordingsDir)).map((recording) => [recording.id, recording]));
});

describe('LlamaGuardShield through OllamaInferenceProvider and the replay server', () => {
  const recordings = guardRecordings();
  const verdicts = { safe: 0, unsafe: 0 };

  it.each(
    recordings.map((r) => [r.id, r] as const),
  )('%s: same request, same verdict', async (id, recording) => {
    const { server, shield } = await serve([byId.get(id)!]);
    const { violation } = await shield.runShield({
      shield_id: 'llama-guard',
      messages: recording.conversation,
      params: {},
    });
    server.assertNoMisses();
    const [received] = server.requests;
    expect(received?.path).toBe('/api/generate');
    expect(received?.recordingId).toBe(id);
    expect(received?.outcome).toBe('replayed');
    const { options, ...body } = received?.body as { prompt: string; options: Record<string, unknown> };
    const { options: recordedOptions, ...recordedBody } = recording.request as typeof recording.request & {
      options: Record<string, unknown>;
    };
    expect(body.prompt).toBe(recording.request.prompt);
    expect(body).toEqual(recordedBody);
    expect({ ...options, num_ctx: undefined }).toEqual({ ...recordedOptions, num_ctx: undefined });
    if (recording.verdict === 'safe') {
      expect(violation).toBeNull();
      verdicts.safe++;
    } else {
      expect(violation).toEqual({
        violation_level: 'error',
        user_message: LLAMA_GUARD_REFUSAL,
        metadata: { violation_type: recording.verdict.split('\n')[1] },
      });
      verdicts.unsafe++;
    }
  });

  it('reproduced 60 safe and 28 unsafe verdicts', () => {
    expect(verdicts).toEqual({ safe: 60, unsafe: 28 });
  });
});

describe('LlamaGuardShield failures through Ollama', () => {
  const recording = guardRecordings()[0]!;

  it('surfaces a missing model as ModelNotFoundError, never as safe', async () => {
    const { shield } = await serve([], { models: [] });
    await expect(
      shield.runShield({ shield_id: 'llama-guard', messages: recording.conversation, params: {} }),
    ).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it('surfaces an Ollama error as a typed error', async () => {
    const failing: Recording = {
      id: 'ollama-500',
      request: { method: 'POST', path: '/api/generate' },
      response: { streaming: false, status: 500, body: { error: 'llama runner process has terminated' } },
    };
    const { shield } = await serve([failing], { models: ['llama-guard3:1b'] });
    const error = await shield
      .runShield({ shield_id: 'llama-guard', messages: recording.conversation, params: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toContain('HTTP 500');
  });

  it('treats an answer that is not a verdict as an UpstreamError', async () => {
    const rambling: Recording = {
      id: 'not-a-verdict',
      request: { method: 'POST', path: '/api/generate' },
      response: {
        streaming: false,
        body: {
          model: 'llama-guard3:1b',
          response: 'I think this is fine.',
          done: true,
          done_reason: 'stop',
        },
      },
    };
    const { shield } = await serve([rambling], { models: ['llama-guard3:1b'] });
    await expect(
      shield.runShield({ shield_id: 'llama-guard', messages: recording.conversation, params: {} }),
    ).rejects.toThrow(/answered "I think this is fine\."/);
  });
});
