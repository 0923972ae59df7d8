import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

describe('createLogger', () => {
  it('writes JSON lines and censors authorization headers and API keys wherever they appear', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        headers: { authorization: 'Bearer sk-secret-1' },
        api_key: 'sk-secret-2',
        provider: { api_key: 'sk-secret-3', apiKey: 'sk-secret-4' },
        config: { server: { auth: { api_keys: ['sk-secret-5'] } } },
        request: { headers: { 'x-llamastack-provider-data': '{"brave_search_api_key":"sk-secret-6"}' } },
        invocation: { provider_data: { tavily_search_api_key: 'sk-secret-7' } },
        providerData: { wolfram_alpha_api_key: 'sk-secret-8' },
        path: '/v1/agents',
      },
      'request',
    );
    const line = JSON.parse(lines[0]!);
    expect(line.msg).toBe('request');
    expect(line.path).toBe('/v1/agents');
    expect(lines.join('')).not.toMatch(/sk-secret/);
    expect(line.headers.authorization).toBe('[redacted]');
    expect(line.request.headers['x-llamastack-provider-data']).toBe('[redacted]');
    expect(line.invocation.provider_data).toBe('[redacted]');
  });
});
