import { CancelledError, type ToolInvocation } from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedLoopbackPort } from '../shared/closed-port.js';
import { BRAVE_ERROR_RESPONSE, TAVILY_ERROR_RESPONSE } from '../testing/fixtures.js';
import { startToolApiStub, type ToolApiStub } from '../testing/tool-api-stub.js';
import { WebSearchProvider } from './web-search-provider.js';

const search = (query: unknown, extra: Partial<ToolInvocation> = {}): ToolInvocation => ({
  tool_name: 'web_search',
  arguments: query === undefined ? {} : { query: query as string },
  call_id: 'call-1',
  ...extra,
});

describe('web_search', () => {
  let stub: ToolApiStub;

  beforeAll(async () => {
    stub = await startToolApiStub();
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  describe('on Brave Search', () => {
    it('sends the query with the subscription token and returns the top results as the seed did', async () => {
      const tool = new WebSearchProvider({ provider: 'brave', apiKey: 'brave-key', baseUrl: stub.url });
      const result = await tool.invoke(search('who was the 44th president of the united states'));
      expect(result.error).toBeUndefined();
      expect(stub.requests).toHaveLength(1);
      const [request] = stub.requests;
      expect(request).toMatchObject({
        method: 'GET',
        path: '/res/v1/web/search',
        query: { q: 'who was the 44th president of the united states' },
      });
      expect(request!.headers['x-subscription-token']).toBe('brave-key');
      expect(request!.headers.accept).toBe('application/json');
      const content = result.content as string;
      expect(
        content.startsWith(
          '{"query": "who was the 44th president of the united states", "top_k": [{"title": ',
        ),
      ).toBe(true);
      expect(JSON.parse(content).top_k).toHaveLength(3);
      expect(content).toContain('\\u2014'); // the em dash, escaped as Python's json.dumps does
      expect(result.metadata).toEqual({ provider: 'brave', results: 3 });
    });

    it('answers to the builtin name brave_search as well', async () => {
      const tool = new WebSearchProvider({ apiKey: 'k', baseUrl: stub.url, topK: 1 });
      const result = await tool.invoke(search('obama', { tool_name: 'brave_search' }));
      expect(JSON.parse(result.content as string).top_k).toHaveLength(1);
      expect(await tool.listTools()).toEqual([
        expect.objectContaining({
          name: 'web_search',
          toolgroup_id: 'builtin::websearch',
          builtin_name: 'brave_search',
        }),
      ]);
    });

    it('prefers the key a request brings as provider data', async () => {
      const tool = new WebSearchProvider({ apiKey: 'config-key', baseUrl: stub.url });
      await tool.invoke(search('q', { provider_data: { brave_search_api_key: 'request-key' } }));
      expect(stub.requests[0]!.headers['x-subscription-token']).toBe('request-key');
    });

    it('tells the model how to supply a key when there is none, without calling Brave', async () => {
      const tool = new WebSearchProvider({ baseUrl: stub.url });
      const result = await tool.invoke(search('q'));
      expect(result.error?.code).toBe('missing_api_key');
      expect(result.content).toContain('brave_search_api_key');
      expect(stub.requests).toHaveLength(0);
    });

    it('turns an HTTP error into a tool error with Brave’s explanation and no key', async () => {
      stub.set('brave', { type: 'json', status: 422, body: BRAVE_ERROR_RESPONSE });
      const tool = new WebSearchProvider({ apiKey: 'secret-brave-key', baseUrl: stub.url });
      const result = await tool.invoke(search('q'));
      expect(result.error).toEqual({
        code: 'http_error',
        message: 'Brave Search answered HTTP 422: The provided subscription token is invalid.',
      });
      expect(result.content).toBe(result.error!.message);
      expect(JSON.stringify(result)).not.toContain('secret-brave-key');
    });

    it('gives up after the timeout with a tool error', async () => {
      stub.set('brave', { type: 'hang' });
      const tool = new WebSearchProvider({ apiKey: 'k', baseUrl: stub.url, timeoutMs: 200 });
      const started = Date.now();
      const result = await tool.invoke(search('q'));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(result.error).toEqual({ code: 'timeout', message: 'Brave Search did not answer within 200 ms' });
    });

    it('reports a body that is not JSON as malformed', async () => {
      stub.set('brave', { type: 'text', body: '<html><body>Service Unavailable</body></html>' });
      const tool = new WebSearchProvider({ apiKey: 'k', baseUrl: stub.url });
      const result = await tool.invoke(search('q'));
      expect(result.error?.code).toBe('malformed_response');
      expect(result.error?.message).toContain('not JSON');
      stub.set('brave', { type: 'json', body: { unexpected: true } });
      const odd = await tool.invoke(search('q'));
      expect(odd.error?.code).toBe('malformed_response');
    });

    it('reports an unreachable service as a network error', async () => {
      const port = await closedLoopbackPort();
      const tool = new WebSearchProvider({ apiKey: 'k', baseUrl: `http://127.0.0.1:${port}` });
      const result = await tool.invoke(search('q'));
      expect(result.error?.code).toBe('network_error');
      expect(result.error?.message).toContain('ECONNREFUSED');
    });

    it('throws a CancelledError when the caller aborts', async () => {
      stub.set('brave', { type: 'hang' });
      const tool = new WebSearchProvider({ apiKey: 'k', baseUrl: stub.url, timeoutMs: 10_000 });
      const controller = new AbortController();
      const pending = tool.invoke(search('q'), { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toBeInstanceOf(CancelledError);
    });

    it('asks for a query when the argument is missing', async () => {
      const tool = new WebSearchProvider({ apiKey: 'k', baseUrl: stub.url });
      const result = await tool.invoke(search(undefined));
      expect(result.error?.code).toBe('invalid_arguments');
      expect(stub.requests).toHaveLength(0);
    });
  });

  describe('on Tavily', () => {
    it('posts the query with a bearer key and returns the top results', async () => {
      const tool = new WebSearchProvider({
        provider: 'tavily',
        apiKey: 'tvly-key',
        baseUrl: stub.url,
        topK: 3,
      });
      const result = await tool.invoke(search('latest board members to join Meta'));
      expect(result.error).toBeUndefined();
      const [request] = stub.requests;
      expect(request).toMatchObject({ method: 'POST', path: '/search' });
      expect(request!.headers.authorization).toBe('Bearer tvly-key');
      expect(JSON.parse(request!.body)).toEqual({
        query: 'latest board members to join Meta',
        max_results: 3,
        search_depth: 'basic',
      });
      const parsed = JSON.parse(result.content as string);
      expect(parsed.query).toBe('latest board members to join Meta');
      expect(parsed.top_k.map((entry: { score: number }) => entry.score)).toEqual([0.93, 0.88, 0.71]);
      expect(result.content).not.toContain('raw_content');
    });

    it('honours max_results from the toolgroup args', async () => {
      const tool = new WebSearchProvider({ provider: 'tavily', apiKey: 'k', baseUrl: stub.url, topK: 3 });
      const result = await tool.invoke({
        tool_name: 'web_search',
        arguments: { query: 'q', max_results: 1 },
        call_id: 'c',
      });
      expect(JSON.parse(stub.requests[0]!.body).max_results).toBe(1);
      expect(JSON.parse(result.content as string).top_k).toHaveLength(1);
    });

    it('takes the key from provider data under Llama Stack’s name', async () => {
      const tool = new WebSearchProvider({ provider: 'tavily', baseUrl: stub.url });
      await tool.invoke(search('q', { provider_data: { tavily_search_api_key: 'tvly-request' } }));
      expect(stub.requests[0]!.headers.authorization).toBe('Bearer tvly-request');
    });

    it('turns an HTTP error into a tool error with Tavily’s explanation', async () => {
      stub.set('tavily', { type: 'json', status: 401, body: TAVILY_ERROR_RESPONSE });
      const tool = new WebSearchProvider({ provider: 'tavily', apiKey: 'bad', baseUrl: stub.url });
      const result = await tool.invoke(search('q'));
      expect(result.error).toEqual({
        code: 'http_error',
        message: 'Tavily answered HTTP 401: Unauthorized: missing or invalid API key.',
      });
      expect(result.metadata).toEqual({ status: 401 });
    });

    it('gives up after the timeout with a tool error', async () => {
      stub.set('tavily', { type: 'hang' });
      const tool = new WebSearchProvider({
        provider: 'tavily',
        apiKey: 'k',
        baseUrl: stub.url,
        timeoutMs: 150,
      });
      const result = await tool.invoke(search('q'));
      expect(result.error?.code).toBe('timeout');
    });

    it('reports a body without results as malformed', async () => {
      stub.set('tavily', { type: 'json', body: { query: 'q', results: 'none' } });
      const tool = new WebSearchProvider({ provider: 'tavily', apiKey: 'k', baseUrl: stub.url });
      const result = await tool.invoke(search('q'));
      expect(result.error?.code).toBe('malformed_response');
      stub.set('tavily', {
        type: 'text',
        body: '{"query": "q", "results": [',
        contentType: 'application/json',
      });
      const truncated = await tool.invoke(search('q'));
      expect(truncated.error?.code).toBe('malformed_response');
    });
  });
});
