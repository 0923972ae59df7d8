import type { ProvidedTool, ToolProvider } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { drain, textReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

/** A tool provider whose tools change while the runtime runs, counting its listings. */
function changingTools(groups: Record<string, string[]>) {
  const provider = {
    id: 'changing-tools',
    listings: 0,
    groups,
    async listTools(): Promise<ProvidedTool[]> {
      provider.listings += 1;
      return Object.entries(provider.groups).flatMap(([group, names]) =>
        names.map((name) => ({ name, toolgroup_id: group, description: `the ${name} tool` })),
      );
    },
    async invoke() {
      return { content: 'ok' };
    },
  } satisfies ToolProvider & { listings: number; groups: Record<string, string[]> };
  return provider;
}

const offered = (request: { tools?: { tool_name: string }[] } | undefined) =>
  (request?.tools ?? []).map((tool) => tool.tool_name);

describe('tool listings across turns', () => {
  it('lists the providers once for several turns instead of on every turn', async () => {
    const tools = changingTools({ 'test::weather': ['get_weather'] });
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['test::weather'] },
      fallback: textReply('Sunny.'),
    });
    for (let i = 0; i < 3; i++) {
      await drain(runtime.createTurn(agentId, sessionId, { messages: [user('Weather?')] }));
    }
    expect(tools.listings).toBe(1);
    expect(model.requests.map(offered)).toEqual([['get_weather'], ['get_weather'], ['get_weather']]);
  });

  it('finds a toolgroup a provider added since the last listing at once', async () => {
    const tools = changingTools({ 'test::weather': ['get_weather'] });
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['test::weather'] },
      fallback: textReply('Done.'),
    });
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('Weather?')] }));
    tools.groups['test::calendar'] = ['list_events'];
    await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('Anything today?')],
        toolgroups: ['test::calendar'],
      }),
    );
    expect(offered(model.requests[1])).toEqual(['list_events']);
  });

  it('stops offering a removed tool after refreshTools(), and lists on every turn with toolListTtlMs 0', async () => {
    const tools = changingTools({ 'test::weather': ['get_weather', 'get_forecast'] });
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['test::weather'] },
      fallback: textReply('Sunny.'),
    });
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('Weather?')] }));
    tools.groups['test::weather'] = ['get_weather'];
    runtime.refreshTools();
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('Weather?')] }));
    expect(model.requests.map(offered)).toEqual([['get_weather', 'get_forecast'], ['get_weather']]);

    const everyTurn = changingTools({ 'test::weather': ['get_weather'] });
    const uncached = await startAgent({
      tools: [everyTurn],
      config: { toolgroups: ['test::weather'] },
      runtime: { toolListTtlMs: 0 },
      fallback: textReply('Sunny.'),
    });
    for (let i = 0; i < 2; i++) {
      await drain(
        uncached.runtime.createTurn(uncached.agentId, uncached.sessionId, { messages: [user('Weather?')] }),
      );
    }
    expect(everyTurn.listings).toBe(3);
  });
});
