import 'llama-stack-client/shims/web';
import { MemoryAgentStore } from '@llama-stack-ts/agent-core';
import { ScriptedInferenceProvider, textReply } from '@llama-stack-ts/agent-core/testing';
import type { TurnLeaseRequest } from '@llama-stack-ts/api-types';
import LlamaStackClient from 'llama-stack-client';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../config/load-config.js';
import type { RunConfigInput } from '../config/run-config.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const MODEL = 'llama3.2:3b-instruct-fp16';

/** A memory store that remembers the leases it was asked for. */
class LeaseRecordingStore extends MemoryAgentStore {
  readonly leases: TurnLeaseRequest[] = [];
  override async acquireTurnLease(request: TurnLeaseRequest): Promise<boolean> {
    this.leases.push(request);
    return super.acquireTurnLease(request);
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function leaseOfOneTurn(config: RunConfigInput): Promise<TurnLeaseRequest> {
  const store = new LeaseRecordingStore();
  const inference = new ScriptedInferenceProvider({ models: [MODEL], script: [textReply('Hi.')] });
  server = await startTestServer({ inference, store }, config);
  const client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
  const { agent_id } = await client.agents.create({
    agent_config: { model: MODEL, instructions: 'Be brief', enable_session_persistence: true } as never,
  });
  const { session_id } = await client.agents.session.create(agent_id, { session_name: 'lease' });
  for await (const _chunk of await client.agents.turn.create(agent_id, session_id, {
    messages: [{ role: 'user', content: 'Hello' }],
    stream: true,
  }));
  expect(store.leases).toHaveLength(1);
  return store.leases[0]!;
}

describe('server.turn_lease_ttl_ms', () => {
  it('holds a turn’s session for 30 s by default', async () => {
    expect((await leaseOfOneTurn({})).ttl_ms).toBe(30_000);
  });

  it('holds it for the configured time, so a replica that died frees its sessions sooner', async () => {
    expect((await leaseOfOneTurn({ server: { turn_lease_ttl_ms: 1_500 } })).ttl_ms).toBe(1_500);
  });

  it('refuses a lease shorter than 100 ms, naming the key', () => {
    expect(() => validateConfig({ server: { turn_lease_ttl_ms: 10 } })).toThrow(/server\.turn_lease_ttl_ms/);
  });
});
