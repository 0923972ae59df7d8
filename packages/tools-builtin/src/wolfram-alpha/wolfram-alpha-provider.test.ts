import { CancelledError, type ToolInvocation } from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WOLFRAM_ALPHA_ERROR_RESPONSE } from '../testing/fixtures.js';
import { startToolApiStub, type ToolApiStub } from '../testing/tool-api-stub.js';
import { WolframAlphaProvider } from './wolfram-alpha-provider.js';

const ask = (query: string, extra: Partial<ToolInvocation> = {}): ToolInvocation => ({
  tool_name: 'wolfram_alpha',
  arguments: { query },
  call_id: 'call-1',
  ...extra,
});

describe('wolfram_alpha', () => {
  let stub: ToolApiStub;

  beforeAll(async () => {
    stub = await startToolApiStub();
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  it('queries the v2 API for plaintext JSON and returns the cleaned result', async () => {
    const tool = new WolframAlphaProvider({ apiKey: 'APP-ID', baseUrl: stub.url });
    const result = await tool.invoke(ask('integrate x^2 sin x dx'));
    expect(stub.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v2/query',
      query: { input: 'integrate x^2 sin x dx', appid: 'APP-ID', format: 'plaintext', output: 'json' },
    });
    expect(result.error).toBeUndefined();
    expect(result.content).toBe(
      '{"queryresult": {"success": true, "inputstring": "integrate x^2 sin x dx", "pods": [' +
        '{"title": "Indefinite integral", "primary": true, "subpods": [{"title": "", "plaintext": "\\u222bx^2 sin(x) dx = 2 x sin(x) - (x^2 - 2) cos(x) + constant"}]}, ' +
        '{"title": "Result", "subpods": [{"title": "", "plaintext": "2 x sin(x) - (x^2 - 2) cos(x) + constant"}]}]}}',
    );
    expect(result.metadata).toEqual({ success: true });
    expect(await tool.listTools()).toEqual([
      expect.objectContaining({
        name: 'wolfram_alpha',
        toolgroup_id: 'builtin::wolfram_alpha',
        builtin_name: 'wolfram_alpha',
      }),
    ]);
  });

  it('uses the app id a request brings as provider data', async () => {
    const tool = new WolframAlphaProvider({ baseUrl: stub.url });
    await tool.invoke(ask('2+2', { provider_data: { wolfram_alpha_api_key: 'REQUEST-ID' } }));
    expect(stub.requests[0]!.query.appid).toBe('REQUEST-ID');
  });

  it('says how to supply an app id when there is none', async () => {
    const result = await new WolframAlphaProvider({ baseUrl: stub.url }).invoke(ask('2+2'));
    expect(result.error?.code).toBe('missing_api_key');
    expect(result.content).toContain('wolfram_alpha_api_key');
    expect(stub.requests).toHaveLength(0);
  });

  it('turns Wolfram’s in-body error into a tool error', async () => {
    stub.set('wolfram', { type: 'json', body: WOLFRAM_ALPHA_ERROR_RESPONSE });
    const result = await new WolframAlphaProvider({ apiKey: 'bad', baseUrl: stub.url }).invoke(ask('2+2'));
    expect(result.error).toEqual({
      code: 'upstream_error',
      message: 'Wolfram Alpha answered with an error: Invalid appid',
    });
  });

  it('turns an HTTP error into a tool error', async () => {
    stub.set('wolfram', {
      type: 'text',
      status: 501,
      body: 'Error 1: Invalid appid',
      contentType: 'text/plain',
    });
    const result = await new WolframAlphaProvider({ apiKey: 'k', baseUrl: stub.url }).invoke(ask('2+2'));
    expect(result.error).toEqual({
      code: 'http_error',
      message: 'Wolfram Alpha answered HTTP 501: Error 1: Invalid appid',
    });
  });

  it('gives up after the timeout with a tool error', async () => {
    stub.set('wolfram', { type: 'hang' });
    const result = await new WolframAlphaProvider({ apiKey: 'k', baseUrl: stub.url, timeoutMs: 150 }).invoke(
      ask('2+2'),
    );
    expect(result.error).toEqual({ code: 'timeout', message: 'Wolfram Alpha did not answer within 150 ms' });
  });

  it('reports a malformed body', async () => {
    stub.set('wolfram', { type: 'json', body: ['not', 'an', 'object'] });
    const tool = new WolframAlphaProvider({ apiKey: 'k', baseUrl: stub.url });
    expect((await tool.invoke(ask('2+2'))).error?.code).toBe('malformed_response');
    stub.set('wolfram', { type: 'text', body: '<queryresult success="true"/>', contentType: 'text/xml' });
    expect((await tool.invoke(ask('2+2'))).error?.code).toBe('malformed_response');
  });

  it('throws a CancelledError when the caller aborts', async () => {
    stub.set('wolfram', { type: 'hang' });
    const controller = new AbortController();
    controller.abort();
    await expect(
      new WolframAlphaProvider({ apiKey: 'k', baseUrl: stub.url }).invoke(ask('2+2'), {
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});
