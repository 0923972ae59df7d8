import { CancelledError, type ToolInvocation } from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TINY_PNG_BASE64 } from '../testing/fixtures.js';
import { MemoryFileStore } from '../testing/memory-file-store.js';
import { startToolApiStub, type ToolApiStub } from '../testing/tool-api-stub.js';
import { PhotogenProvider } from './photogen-provider.js';

const draw = (query: string, extra: Partial<ToolInvocation> = {}): ToolInvocation => ({
  tool_name: 'photogen',
  arguments: { query },
  call_id: 'call-7',
  session_id: 'session-1',
  ...extra,
});

describe('photogen', () => {
  let stub: ToolApiStub;

  beforeAll(async () => {
    stub = await startToolApiStub();
  });
  afterAll(() => stub.close());
  beforeEach(() => stub.reset());

  it('generates through /v1/images/generations and stores the PNG as a servable attachment', async () => {
    const files = new MemoryFileStore();
    const tool = new PhotogenProvider({
      baseUrl: `${stub.url}/v1`,
      apiKey: 'image-key',
      model: 'dall-e-3',
      size: '1024x1024',
      fileStore: files,
      publicBaseUrl: 'http://localhost:8321/',
    });
    const result = await tool.invoke(draw('a small red square'));
    expect(result.error).toBeUndefined();

    const [request] = stub.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/images/generations' });
    expect(request!.headers.authorization).toBe('Bearer image-key');
    expect(JSON.parse(request!.body)).toEqual({
      model: 'dall-e-3',
      prompt: 'a small red square',
      n: 1,
      size: '1024x1024',
      response_format: 'b64_json',
    });

    const [stored] = files.list();
    expect(stored).toMatchObject({
      mime_type: 'image/png',
      filename: 'photogen-call-7.png',
      session_id: 'session-1',
    });
    const url = `http://localhost:8321/v1/files/${stored!.id}/content`;
    expect(result.attachments).toEqual([{ content: { uri: url }, mime_type: 'image/png' }]);
    expect(result.content).toBe(
      `Generated an image for "a small red square"; it is attached as image/png at ${url}.`,
    );
    expect(Buffer.from((await files.get(stored!.id))!.data).toString('base64')).toBe(TINY_PNG_BASE64);
    expect(result.metadata).toMatchObject({ file_id: stored!.id, revised_prompt: expect.any(String) });
  });

  it('leaves response_format out for gpt-image models, which always answer in base64', async () => {
    const tool = new PhotogenProvider({ baseUrl: `${stub.url}/v1`, apiKey: 'k', model: 'gpt-image-1' });
    await tool.invoke(draw('a cat'));
    expect(JSON.parse(stub.requests[0]!.body)).not.toHaveProperty('response_format');
  });

  it('returns the image inline when there is no file store, and needs no key for a local endpoint', async () => {
    const tool = new PhotogenProvider({ baseUrl: `${stub.url}/v1`, model: 'local-diffusion' });
    const result = await tool.invoke(draw('a cat'));
    expect(result.attachments).toEqual([
      { content: { type: 'image', image: { data: TINY_PNG_BASE64 } }, mime_type: 'image/png' },
    ]);
  });

  it('turns an HTTP error into a tool error with the endpoint’s message, without retrying', async () => {
    stub.set('images', {
      type: 'json',
      status: 400,
      body: {
        error: {
          message: 'Your request was rejected by the safety system.',
          type: 'invalid_request_error',
          code: 'content_policy_violation',
        },
      },
    });
    const tool = new PhotogenProvider({ baseUrl: `${stub.url}/v1`, apiKey: 'k', model: 'dall-e-3' });
    const result = await tool.invoke(draw('something'));
    expect(result.error).toEqual({
      code: 'http_error',
      message: 'The image endpoint answered HTTP 400: Your request was rejected by the safety system.',
    });
    expect(stub.requests).toHaveLength(1);
  });

  it('gives up after the timeout with a tool error', async () => {
    stub.set('images', { type: 'hang' });
    const tool = new PhotogenProvider({ baseUrl: `${stub.url}/v1`, apiKey: 'k', model: 'm', timeoutMs: 200 });
    const started = Date.now();
    const result = await tool.invoke(draw('slow'));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.error).toEqual({
      code: 'timeout',
      message: 'The image endpoint did not answer within 200 ms.',
    });
  });

  it('reports an answer without an image, or with bytes that are no image, as malformed', async () => {
    const tool = new PhotogenProvider({ baseUrl: `${stub.url}/v1`, apiKey: 'k', model: 'm' });
    stub.set('images', {
      type: 'json',
      body: { created: 1, data: [{ url: `${stub.url}/x.png` }] },
    });
    expect((await tool.invoke(draw('x'))).error?.code).toBe('malformed_response');
    stub.set('images', {
      type: 'json',
      body: { created: 1, data: [{ b64_json: Buffer.from('hello').toString('base64') }] },
    });
    expect((await tool.invoke(draw('x'))).error).toMatchObject({
      code: 'malformed_response',
      message: expect.stringContaining('not a PNG'),
    });
    stub.set('images', { type: 'text', body: '<html>Bad gateway</html>', contentType: 'text/html' });
    expect((await tool.invoke(draw('x'))).error?.code).toBe('malformed_response');
  });

  it('answers with an internal error, not a throw, when the file store fails', async () => {
    const brokenStore = new MemoryFileStore();
    brokenStore.put = async () => {
      throw new Error('disk full');
    };
    const tool = new PhotogenProvider({ baseUrl: `${stub.url}/v1`, model: 'm', fileStore: brokenStore });
    const result = await tool.invoke(draw('x'));
    expect(result.error).toEqual({ code: 'internal_error', message: 'The tool failed: disk full' });
  });

  it('needs a key for api.openai.com and says where to put it', async () => {
    const noNetwork = async (): Promise<Response> => {
      throw new Error('tests never leave loopback');
    };
    const result = await new PhotogenProvider({ fetch: noNetwork }).invoke(draw('x'));
    expect(result.error?.code).toBe('missing_api_key');
    expect(result.content).toContain('photogen_api_key');
  });

  it('throws a CancelledError when the caller aborts', async () => {
    stub.set('images', { type: 'hang' });
    const tool = new PhotogenProvider({
      baseUrl: `${stub.url}/v1`,
      apiKey: 'k',
      model: 'm',
      timeoutMs: 10_000,
    });
    const controller = new AbortController();
    const pending = tool.invoke(draw('x'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });
});
