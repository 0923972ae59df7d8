import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidRequestError } from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../turn/private-address.js';
import { drain, textReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

let baseUrl = '';
let fetched = 0;
const server = createServer((request, response) => {
  fetched++;
  if (request.url === '/redirect') {
    response.writeHead(302, { location: '/doc.txt' }).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'text/plain' }).end('LoRA fine-tunes low-rank adapters.');
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('documents (test_rag_agent_with_attachments, §6.2 #13, without indexing)', () => {
  it('inlines inline text and fetched URLs into the last user message, after the input shields', async () => {
    const { runtime, model, safety, agentId, sessionId } = await startAgent({
      config: { input_shields: ['llama-guard'] },
      runtime: { documents: { allowPrivateNetwork: true } },
      script: [textReply('LoRA uses low-rank adapters.')],
    });
    const result = await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('I am attaching some documentation. Tell me how to use LoRA')],
        documents: [
          { content: { uri: `${baseUrl}/redirect` }, mime_type: 'text/plain' },
          { content: 'Inline notes about torchtune.', mime_type: 'text/markdown' },
        ],
      }),
    );
    const expected = [
      { type: 'text', text: 'I am attaching some documentation. Tell me how to use LoRA' },
      { type: 'text', text: 'LoRA fine-tunes low-rank adapters.' },
      { type: 'text', text: 'Inline notes about torchtune.' },
    ];
    expect(model.requests[0]?.messages.at(-1)).toEqual({ role: 'user', content: expected });
    expect(result.turn.input_messages[0]).toEqual({ role: 'user', content: expected });
    // As in Llama Stack, input shields see the message before the documents are added.
    expect(safety.requests[0]?.messages.at(-1)?.content).toBe(
      'I am attaching some documentation. Tell me how to use LoRA',
    );
    expect(String(result.turn.output_message.content).toLowerCase()).toContain('lora');
  });

  it('refuses URLs on private or loopback addresses unless allowed, without connecting', async () => {
    const { runtime, agentId, sessionId } = await startAgent();
    const before = fetched;
    const error = await runtime
      .createTurn(agentId, sessionId, {
        messages: [user('read this')],
        documents: [{ content: { uri: `${baseUrl}/doc.txt` }, mime_type: 'text/plain' }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain('private or loopback');
    expect(fetched).toBe(before);
  });

  it('rejects non-text documents and file: URLs with a 400 naming the field', async () => {
    const { runtime, agentId, sessionId } = await startAgent();
    await expect(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('x')],
        documents: [{ content: 'abc', mime_type: 'application/pdf' }],
      }),
    ).rejects.toMatchObject({ status: 400, field: 'documents[0].mime_type' });
    await expect(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('x')],
        documents: [{ content: { uri: 'file:///etc/passwd' }, mime_type: 'text/plain' }],
      }),
    ).rejects.toMatchObject({ status: 400, field: 'documents[0].content.uri' });
  });

  it('reads data: URLs and refuses documents above the size limit', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      runtime: { documents: { allowPrivateNetwork: true, maxBytes: 10 } },
      script: [textReply('ok')],
    });
    await expect(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('x')],
        documents: [{ content: { uri: `${baseUrl}/doc.txt` }, mime_type: 'text/plain' }],
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('larger than 10 bytes') });
    await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('x')],
        documents: [{ content: { uri: 'data:text/plain;base64,aGVsbG8=' }, mime_type: 'text/plain' }],
      }),
    );
    expect(model.requests[0]?.messages.at(-1)?.content).toEqual([
      { type: 'text', text: 'x' },
      { type: 'text', text: 'hello' },
    ]);
  });

  it('classifies addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});
