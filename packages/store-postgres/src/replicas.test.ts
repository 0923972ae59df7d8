// biome-ignore-all lint/suspicious/noTemplateCurlyInString: run.yaml writes ${env.NAME} in plain strings
import 'llama-stack-client/shims/web';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Turn } from '@llama-stack-ts/api-types';
import { type ReplayServer, startReplayServer } from '@llama-stack-ts/inference-ollama/testing';
import LlamaStackClient from 'llama-stack-client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgresOrSkip } from './testing/start-postgres.js';

// Two `llama-stack-ts serve` processes on one PostgreSQL database, driven by the official client, with model
// traffic replayed from Llama Stack's recorded Ollama exchanges (the prompts must match them byte for byte).

const MODEL = 'llama3.2:3b-instruct-fp16';
const QUESTION = 'What is the boiling point of the liquid polyjuice in celsius?';
// Short, so a replica killed mid-turn frees its session within seconds; its replica renews it every third of this.
const LEASE_TTL_MS = 1500;
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Run from source, not through a package dependency: the server depends on this package.
const serverCli = resolve(packageDir, '../server/src/cli.ts');

const { postgres, skipReason } = existsSync(serverCli)
  ? await startTestPostgresOrSkip()
  : { postgres: undefined, skipReason: `(skipped: ${serverCli} not found)` };

interface Replica {
  name: string;
  url: string;
  client: LlamaStackClient;
  process: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}

let replay: ReplayServer;
let workDir: string;
let db: pg.Client;
const replicas: Replica[] = [];

async function startReplica(name: string): Promise<Replica> {
  const dataDir = join(workDir, name);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@llama-stack-ts/source',
      serverCli,
      'serve',
      '--config',
      join(workDir, 'run.yaml'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: postgres!.url, TEST_OLLAMA_URL: replay.url },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    child.on('exit', (code, signal) => done(signal ?? code)),
  );
  let stderr = '';
  const url = await new Promise<string>((found, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`replica ${name} did not start in 60 s:\n${stderr}`)),
      60_000,
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = stderr.match(/listening on (http:\/\/\S+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        found(match[1]);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      fail(new Error(`replica ${name} exited (${how}) before listening:\n${stderr}`));
    });
  });
  const replica = {
    name,
    url,
    client: new LlamaStackClient({ baseURL: url, maxRetries: 0 }),
    process: child,
    exited,
  };
  replicas.push(replica);
  return replica;
}

type Payload = Record<string, any>;

/** The frames of an SSE body read in full, as the client's stream would yield them. */
async function* sseEvents(body: string): AsyncIterable<unknown> {
  for (const frame of body.split('\n\n')) {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice('data: '.length))
      .join('\n');
    if (data) yield JSON.parse(data);
  }
}

async function payloads(stream: AsyncIterable<unknown>): Promise<Payload[]> {
  const out: Payload[] = [];
  for await (const chunk of stream as AsyncIterable<{ event?: { payload: Payload }; error?: unknown }>) {
    if (chunk.error) throw new Error(`error frame: ${JSON.stringify(chunk.error)}`);
    out.push(chunk.event!.payload);
  }
  return out;
}

function postTurn(
  replica: Replica,
  agentId: string,
  sessionId: string,
  content: string,
  signal?: AbortSignal,
) {
  return fetch(`${replica.url}/v1/agents/${agentId}/session/${sessionId}/turn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content }], stream: true }),
    ...(signal ? { signal } : {}),
  });
}

async function createAgentAndSession(replica: Replica, extra: Record<string, unknown> = {}) {
  const { agent_id } = await replica.client.agents.create({
    agent_config: {
      model: MODEL,
      instructions: 'You are a helpful assistant',
      sampling_params: { strategy: { type: 'top_p', temperature: 0.0001, top_p: 0.9 } },
      enable_session_persistence: true,
      ...extra,
    } as never,
  });
  const { session_id } = await replica.client.agents.session.create(agent_id, { session_name: 'replicas' });
  return { agent_id, session_id };
}

const chunk = (response: string, done = false) => ({
  model: MODEL,
  created_at: '2025-08-01T12:00:00.000Z',
  done,
  response,
  ...(done ? { done_reason: 'stop', prompt_eval_count: 40, eval_count: 3 } : {}),
});

beforeAll(async () => {
  if (!postgres) return;
  workDir = await mkdtemp(join(tmpdir(), 'lst-replicas-'));
  replay = await startReplayServer({
    models: [MODEL],
    // A later turn's prompt holds the session's whole history, which no recording has: script that answer.
    recordings: [
      {
        id: 'after-the-crash',
        match: ({ body }) => JSON.stringify(body).includes('Say hello after the crash'),
        request: { method: 'POST', path: '/api/generate' },
        response: { streaming: true, chunks: [chunk('Hello'), chunk(' again.'), chunk('', true)] },
      },
      {
        id: 'long-answer',
        match: ({ body }) => JSON.stringify(body).includes('Tell me about polyjuice.'),
        request: { method: 'POST', path: '/api/generate' },
        response: {
          streaming: true,
          chunks: [...Array.from({ length: 100 }, (_, i) => chunk(`word${i} `)), chunk('', true)],
        },
      },
    ],
  });
  await writeFile(
    join(workDir, 'run.yaml'),
    [
      'server:',
      '  host: 127.0.0.1',
      '  log_level: silent',
      `  turn_lease_ttl_ms: ${LEASE_TTL_MS}`,
      'providers:',
      '  inference:',
      '    url: ${env.TEST_OLLAMA_URL}',
      '  tools:',
      '    code_interpreter:',
      '      enabled: false',
      '  storage:',
      '    type: postgres',
      '    url: ${env.DATABASE_URL}',
    ].join('\n'),
  );
  db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  // Both start at once on an empty database: the migrations must not trip over each other.
  await Promise.all([startReplica('a'), startReplica('b')]);
}, 120_000);

afterAll(async () => {
  for (const replica of replicas) {
    if (replica.process.exitCode === null && replica.process.signalCode === null)
      replica.process.kill('SIGTERM');
    await replica.exited;
  }
  await db?.end();
  await replay?.close();
  await postgres?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 60_000);

describe.skipIf(!postgres)(`two server replicas on one PostgreSQL ${skipReason ?? ''}`, () => {
  const a = () => replicas[0]!;
  const b = () => replicas[1]!;

  it('an agent and session created on A take a turn on B, and A serves the stored turn', async () => {
    replay.reset();
    const { agent_id, session_id } = await createAgentAndSession(a());
    expect((await b().client.agents.retrieve(agent_id)).agent_id).toBe(agent_id);

    const events = await payloads(
      await b().client.agents.turn.create(agent_id, session_id, {
        messages: [{ role: 'user', content: QUESTION }],
        stream: true,
      }),
    );
    const done = events.at(-1)!;
    expect(done.event_type).toBe('turn_complete');
    expect(done.turn.output_message.content).toMatch(/^I/);

    const session = await a().client.agents.session.retrieve(agent_id, session_id);
    expect(session.turns.map((turn) => turn.turn_id)).toEqual([done.turn.turn_id]);
    expect(await a().client.agents.turn.retrieve(agent_id, session_id, done.turn.turn_id)).toEqual(done.turn);
    replay.assertNoMisses();
  });

  it('a turn paused for a client tool on A resumes on B', async () => {
    replay.reset();
    const { agent_id, session_id } = await createAgentAndSession(a(), {
      client_tools: [
        {
          name: 'get_boiling_point',
          description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit.',
          parameters: [
            {
              name: 'liquid_name',
              parameter_type: 'str',
              description: 'The name of the liquid',
              required: true,
            },
            {
              name: 'celcius',
              parameter_type: 'bool',
              description: 'Whether to return the boiling point in Celcius',
              required: false,
              default: true,
            },
          ],
        },
      ],
    });
    const first = await payloads(
      await a().client.agents.turn.create(agent_id, session_id, {
        messages: [{ role: 'user', content: QUESTION }],
        stream: true,
      }),
    );
    const paused = first.at(-1)!;
    expect(paused.event_type).toBe('turn_awaiting_input');
    const call = paused.turn.output_message.tool_calls[0];
    expect(call).toMatchObject({ tool_name: 'get_boiling_point', arguments: { liquid_name: 'polyjuice' } });

    const second = await payloads(
      await b().client.agents.turn.resume(agent_id, session_id, paused.turn.turn_id, {
        tool_responses: [{ call_id: call.call_id, tool_name: 'get_boiling_point', content: '-100' }],
        stream: true,
      }),
    );
    const done = second.at(-1)!;
    expect(done.event_type).toBe('turn_complete');
    expect(done.turn.turn_id).toBe(paused.turn.turn_id);
    expect(done.turn.output_message.content).toContain('-100');
    // Resuming again, on either replica, is refused: the turn is no longer paused.
    await expect(
      a().client.agents.turn.resume(agent_id, session_id, paused.turn.turn_id, {
        tool_responses: [{ call_id: call.call_id, tool_name: 'get_boiling_point', content: '-100' }],
        stream: false,
      }),
    ).rejects.toMatchObject({ status: 409 });
    replay.assertNoMisses();
  });

  it('two concurrent turns on one session, one through each replica: exactly one gets 409', async () => {
    replay.reset();
    const { agent_id, session_id } = await createAgentAndSession(a());
    replay.behaviour.chunkDelayMs = 20; // the recorded answer (100 chunks) now takes about 2 s
    try {
      const [fromA, fromB] = await Promise.all([
        postTurn(a(), agent_id, session_id, QUESTION),
        postTurn(b(), agent_id, session_id, QUESTION),
      ]);
      expect([fromA.status, fromB.status].sort()).toEqual([200, 409]);
      const refused = fromA.status === 409 ? fromA : fromB;
      const running = fromA.status === 409 ? fromB : fromA;
      expect(await refused.json()).toMatchObject({ error: { code: 'conflict' } });
      expect(await running.text()).toContain('"event_type":"turn_complete"');
    } finally {
      replay.behaviour.chunkDelayMs = 0;
    }
    const session = await b().client.agents.session.retrieve(agent_id, session_id);
    expect(session.turns).toHaveLength(1);
  });

  it('a replica killed mid-turn loses no completed turn, and the session runs again once its lease expires', async () => {
    replay.reset();
    const { agent_id, session_id } = await createAgentAndSession(a());
    const completed = (
      await payloads(
        await b().client.agents.turn.create(agent_id, session_id, {
          messages: [{ role: 'user', content: QUESTION }],
          stream: true,
        }),
      )
    ).at(-1)!;
    expect(completed.event_type).toBe('turn_complete');

    // A second turn on B, slowed down to about 20 s (100 chunks, 200 ms apart); it outlives the lease TTL, so B
    // must be renewing the lease for A to keep refusing the session.
    replay.behaviour.chunkDelayMs = 200;
    const victim = b();
    const response = await postTurn(victim, agent_id, session_id, 'Tell me about polyjuice.');
    expect(response.status).toBe(200);
    const startedAt = Date.now();
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('word0 ') || Date.now() - startedAt < LEASE_TTL_MS * 1.5) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`the turn ended before B was killed: ${seen}`);
      seen += new TextDecoder().decode(value);
    }
    const whileAlive = await postTurn(a(), agent_id, session_id, 'Say hello after the crash');
    expect(whileAlive.status).toBe(409);
    await whileAlive.body?.cancel();

    victim.process.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    await reader.cancel().catch(() => {});
    replay.behaviour.chunkDelayMs = 0;

    // The dead replica's lease, on its unfinished turn, is still valid, so A refuses a new turn for now…
    const lease = await db.query<{ turn_id: string; valid: boolean }>(
      'SELECT turn_id, expires_at > clock_timestamp() AS valid FROM turn_leases WHERE session_id = $1',
      [session_id],
    );
    expect(lease.rows).toHaveLength(1);
    const { turn_id: killedTurnId, valid } = lease.rows[0]!;
    expect(valid).toBe(true);
    expect(killedTurnId).not.toBe(completed.turn.turn_id);
    const refused = await postTurn(a(), agent_id, session_id, 'Say hello after the crash');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'conflict' } });

    // …until nobody renews it and it runs out: A takes the session without any help.
    const deadline = Date.now() + LEASE_TTL_MS + 15_000;
    let after: Payload | undefined;
    while (!after) {
      const attempt = await postTurn(a(), agent_id, session_id, 'Say hello after the crash');
      if (attempt.status === 409 && Date.now() < deadline) {
        await attempt.body?.cancel();
        await sleep(100);
        continue;
      }
      expect(attempt.status).toBe(200);
      after = (await payloads(sseEvents(await attempt.text()))).at(-1);
    }
    expect(after.event_type).toBe('turn_complete');
    expect(after.turn.output_message.content).toBe('Hello again.');
    // A's turn released the lease it took over.
    const leases = await db.query('SELECT holder FROM turn_leases WHERE session_id = $1', [session_id]);
    expect(leases.rows).toEqual([]);

    const session = await a().client.agents.session.retrieve(agent_id, session_id);
    expect(session.turns.find((turn) => turn.turn_id === completed.turn.turn_id)).toEqual(completed.turn);
    expect(session.turns.at(-1)?.turn_id).toBe(after.turn.turn_id);

    // Every stored row of the session is a whole turn. The killed turn never completed: it is absent, or
    // stored as still in progress if it was saved before the kill.
    const { rows } = await db.query<{ turn_id: string; status: string; turn: string }>(
      'SELECT turn_id, status, turn::text AS turn FROM turns WHERE session_id = $1 ORDER BY seq',
      [session_id],
    );
    for (const row of rows) {
      const turn = Turn.parse(JSON.parse(row.turn));
      expect(turn.turn_id).toBe(row.turn_id);
      expect(row.status).toBe(row.turn_id === killedTurnId ? 'in_progress' : 'completed');
    }
    expect(rows.map((row) => row.turn_id).filter((id) => id !== killedTurnId)).toEqual([
      completed.turn.turn_id,
      after.turn.turn_id,
    ]);
    replay.assertNoMisses();
  }, 40_000);
});
