import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OllamaInferenceProvider } from './ollama-provider.js';
import { RECORDINGS_DIR } from './test-support/recordings.js';
import { type ReplayServer, startReplayServer } from './testing/index.js';

describe('listModels', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer({ recordingsDir: RECORDINGS_DIR });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists the pulled models from /api/tags, with the Llama SKUs they serve', async () => {
    const models = await new OllamaInferenceProvider({ baseUrl: server.url }).listModels();
    const byId = new Map(models.map((model) => [model.identifier, model]));
    expect(byId.get('llama3.2:3b-instruct-fp16')).toMatchObject({
      provider_resource_id: 'llama3.2:3b-instruct-fp16',
      provider_id: 'ollama',
      model_type: 'llm',
      metadata: { family: 'llama', parameter_size: '3.2B', quantization_level: 'F16' },
    });
    expect(byId.get('meta-llama/Llama-3.2-3B-Instruct')).toMatchObject({
      provider_resource_id: 'llama3.2:3b-instruct-fp16',
      model_type: 'llm',
    });
    expect(byId.get('meta-llama/Llama-Guard-3-1B')?.provider_resource_id).toBe('llama-guard3:1b');
    expect(byId.get('all-minilm:l6-v2')).toMatchObject({
      model_type: 'embedding',
      metadata: { embedding_dimension: 384 },
    });
    expect(byId.get('nomic-embed-text:latest')).toMatchObject({
      model_type: 'embedding',
      metadata: { embedding_dimension: 768 },
    });
  });

  it('lists models you started the replay server with', async () => {
    const local = await startReplayServer({
      recordingsDir: false,
      models: ['qwen3:0.6b', 'mxbai-embed-large'],
    });
    try {
      const models = await new OllamaInferenceProvider({ baseUrl: local.url, id: 'local' }).listModels();
      expect(models.map((m) => [m.identifier, m.model_type, m.provider_id])).toEqual([
        ['qwen3:0.6b', 'llm', 'local'],
        ['mxbai-embed-large', 'embedding', 'local'],
      ]);
    } finally {
      await local.close();
    }
  });
});
