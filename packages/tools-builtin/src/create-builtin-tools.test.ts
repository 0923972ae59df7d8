import { ToolDef } from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxTestsEnabled } from './code-interpreter/sandbox-test-support.js';
import { createBuiltinTools } from './create-builtin-tools.js';
import { MemoryFileStore } from './testing/memory-file-store.js';
import { startToolApiStub, type ToolApiStub } from './testing/tool-api-stub.js';

describe('createBuiltinTools', () => {
  let stub: ToolApiStub;

  beforeAll(async () => {
    stub = await startToolApiStub();
  });
  afterAll(() => stub.close());

  it('enables only the remote tools that are configured and says why the others are off', async () => {
    const tools = await createBuiltinTools({
      codeInterpreter: { enabled: false },
      webSearch: { provider: 'tavily', apiKey: 'tvly-key', baseUrl: stub.url },
    });
    expect(tools.providers.map((provider) => provider.id)).toEqual(['builtin-web-search']);
    expect(tools.unavailable).toEqual([
      {
        toolgroup_id: 'builtin::code_interpreter',
        tool: 'code_interpreter',
        reason: expect.stringContaining('disabled'),
      },
      {
        toolgroup_id: 'builtin::wolfram_alpha',
        tool: 'wolfram_alpha',
        reason: expect.stringContaining('wolframAlpha.apiKey'),
      },
      {
        toolgroup_id: 'builtin::photogen',
        tool: 'photogen',
        reason: expect.stringContaining('photogen.baseUrl'),
      },
    ]);
    const result = await tools.webSearch!.invoke({
      tool_name: 'web_search',
      arguments: { query: 'meta board' },
      call_id: 'c',
    });
    expect(result.error).toBeUndefined();
    await tools.dispose();
  });

  it('reports a code interpreter whose sandbox cannot start instead of enabling it', async () => {
    const tools = await createBuiltinTools({ codeInterpreter: { bwrapPath: '/nonexistent/bwrap' } });
    expect(tools.codeInterpreter).toBeUndefined();
    expect(tools.unavailable[0]).toEqual({
      toolgroup_id: 'builtin::code_interpreter',
      tool: 'code_interpreter',
      reason: expect.stringContaining('apt-get install bubblewrap python3 python3-matplotlib python3-numpy'),
    });
  });

  it('notes tools that work but need keys per request', async () => {
    const tools = await createBuiltinTools({
      codeInterpreter: { enabled: false },
      webSearch: { baseUrl: stub.url },
      wolframAlpha: { baseUrl: stub.url },
    });
    expect(tools.notes).toEqual([
      expect.stringContaining('web_search (brave): no apiKey configured'),
      expect.stringContaining('wolfram_alpha: no apiKey configured'),
    ]);
  });

  it.skipIf(!sandboxTestsEnabled())('enables all four tools on a machine with the sandbox', async () => {
    const tools = await createBuiltinTools({
      fileStore: new MemoryFileStore(),
      webSearch: { apiKey: 'k', baseUrl: stub.url },
      wolframAlpha: { apiKey: 'k', baseUrl: stub.url },
      photogen: { baseUrl: `${stub.url}/v1`, model: 'local' },
    });
    expect(tools.unavailable).toEqual([]);
    expect(tools.notes).toEqual([]);
    const listed = (await Promise.all(tools.providers.map((provider) => provider.listTools()))).flat();
    expect(
      listed.map((tool) => [tool.name, tool.toolgroup_id, tool.builtin_name, tool.parameters?.[0]?.name]),
    ).toEqual([
      ['code_interpreter', 'builtin::code_interpreter', 'code_interpreter', 'code'],
      ['web_search', 'builtin::websearch', 'brave_search', 'query'],
      ['wolfram_alpha', 'builtin::wolfram_alpha', 'wolfram_alpha', 'query'],
      ['photogen', 'builtin::photogen', 'photogen', 'query'],
    ]);
    for (const tool of listed) expect(ToolDef.safeParse(tool).success).toBe(true);
    const ran = await tools.codeInterpreter!.invoke({
      tool_name: 'code_interpreter',
      arguments: { code: 'print(2 ** 10)' },
      call_id: 'c',
    });
    expect(ran.content).toBe('completed\n[stdout]1024[/stdout]');
    await tools.dispose();
  });
});
