import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContender as createFloor } from '../contenders/floor.js';
import { answerText } from '../fake-model-server/script.js';
import { type FakeModelServer, startFakeModelServer } from '../fake-model-server/server.js';
import type { Contender } from './contender.js';
import { runWorkload, type WorkloadId, type WorkloadPlan, WorkloadCheckError } from './workloads.js';

let server: FakeModelServer;
let floor: Contender;
beforeAll(async () => {
  server = await startFakeModelServer({ tokens: 20 });
  floor = await createFloor({
    modelBaseUrl: server.url,
    model: 'llama3.2:3b-instruct-fp16',
    instructions: 'Be brief.',
  });
});
afterAll(() => server.close());

const plan = (workload: WorkloadId, overrides: Partial<WorkloadPlan> = {}): WorkloadPlan => ({
  workload,
  warmup: 1,
  measured: 3,
  width: 1,
  expectedAnswer: answerText(20),
  ...overrides,
});

describe('workloads, driving the floor against the fake server', () => {
  it('W1 times each turn and counts the fake server only over the measured turns', async () => {
    const result = await runWorkload(floor, plan('W1'), server.url);
    expect(result.turns).toBe(3);
    expect(result.wallMs).toHaveLength(3);
    expect(result.ttftMs.every((t, i) => t > 0 && t <= result.wallMs[i]!)).toBe(true);
    expect(result.cpuMicros).toBeGreaterThan(0);
    expect(result.fakeServer.calls).toBe(3);
  });

  it('W2 runs get_weather once per turn: two model calls each', async () => {
    const result = await runWorkload(floor, plan('W2'), server.url);
    expect(result.fakeServer.calls).toBe(6);
  });

  it('W3 keeps one conversation per row and reports every turn', async () => {
    const result = await runWorkload(floor, plan('W3', { warmup: 0, measured: 2, width: 6 }), server.url);
    expect(result.w3WallByTurn).toHaveLength(2);
    expect(result.w3WallByTurn![0]).toHaveLength(6);
    expect(result.turns).toBe(12);
  });

  it('W4 runs a batch concurrently and times it', async () => {
    const result = await runWorkload(floor, plan('W4', { warmup: 0, measured: 2, width: 5 }), server.url);
    expect(result.w4BatchMs).toHaveLength(2);
    expect(result.turns).toBe(10);
    expect(result.fakeServer.calls).toBe(20);
  });

  it('rejects a contender whose streamed text is not the answer', async () => {
    const lossy: Contender = {
      async newSession(options) {
        const session = await floor.newSession(options);
        return { turn: (text, sink) => session.turn(text, { text: (d) => sink.text(d.slice(1)) }) };
      },
      close: async () => {},
    };
    await expect(runWorkload(lossy, plan('W1'), server.url)).rejects.toBeInstanceOf(WorkloadCheckError);
  });

  it('rejects a W2 contender that answers without running the tool', async () => {
    const toolless: Contender = {
      async newSession() {
        return floor.newSession({ tools: false });
      },
      close: async () => {},
    };
    await expect(runWorkload(toolless, plan('W2'), server.url)).rejects.toThrow(/get_weather/);
  });
});
