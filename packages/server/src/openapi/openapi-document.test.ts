import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAgents } from '../test-support/fake-agents.js';
import { FakeInference } from '../test-support/fake-inference.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { openApiPath } from './route-registry.js';

let server: TestServer;
beforeAll(async () => {
  async function* none() {}
  server = await startTestServer(
    { inference: new FakeInference([]), agents: new FakeAgents(none) },
    { server: { auth: { api_keys: ['k'] } } },
  );
});
afterAll(() => server.close());

async function fetchDocument() {
  const response = await fetch(`${server.url}/v1/openapi.json`, { headers: { authorization: 'Bearer k' } });
  expect(response.status).toBe(200);
  return (await response.json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
}

describe('GET /v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = await fetchDocument();
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('lists every route the app answers, and marks only health as public', async () => {
    const document = await fetchDocument();
    const listed = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const answered = server.app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect(new Set(listed)).toEqual(new Set(answered));
    for (const route of [
      'POST /v1/agents',
      'GET /v1/agents/{agent_id}/session/{session_id}',
      'POST /v1/agents/{agent_id}/session/{session_id}/turn/{turn_id}/resume',
      'GET /v1/agents/{agent_id}/session/{session_id}/turn/{turn_id}/step/{step_id}',
      'POST /v1/openai/v1/chat/completions',
      'POST /v1/chat/completions',
      'GET /v1/openai/v1/models',
      'POST /v1/tool-runtime/invoke',
      'POST /v1/safety/run-shield',
      'POST /v1/inference/chat-completion',
      'GET /v1/files/{file_id}/content',
      'GET /v1/version',
    ]) {
      expect(listed).toContain(route);
    }
    const turn = document.paths['/v1/agents/{agent_id}/session/{session_id}/turn']?.post as {
      parameters: Array<{ name: string; in: string }>;
    };
    expect(turn.parameters).toContainEqual(
      expect.objectContaining({ name: 'X-LlamaStack-Provider-Data', in: 'header' }),
    );
    expect(document.paths['/v1/health']?.get?.security).toEqual([]);
    expect(document.paths['/v1/models']?.get?.security).toBeUndefined();
  });
});
