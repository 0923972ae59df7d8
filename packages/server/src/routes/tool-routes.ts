import { randomUUID } from 'node:crypto';
import {
  InvokeToolRequest,
  NotFoundError,
  type ProvidedTool,
  type Tool,
  type ToolGroup,
  type ToolInvocationResult,
  type ToolProvider,
} from '@llama-stack-ts/api-types';
import { z } from 'zod';
import { providerDataHeaderDoc, readProviderData } from '../http/provider-data-header.js';
import { pathParam, readJsonBody, readQuery } from '../http/request-body.js';
import type { RouteContext } from './route-context.js';

interface ListedTool {
  provider: ToolProvider;
  tool: ProvidedTool;
}

async function listAllTools(providers: readonly ToolProvider[], signal: AbortSignal): Promise<ListedTool[]> {
  const lists = await Promise.all(
    providers.map(async (provider) =>
      (await provider.listTools({ signal })).map((tool) => ({ provider, tool })),
    ),
  );
  return lists.flat();
}

function wireTool({ provider, tool }: ListedTool): Tool {
  return {
    identifier: tool.name,
    provider_resource_id: tool.name,
    provider_id: provider.id,
    toolgroup_id: tool.toolgroup_id,
    type: 'tool',
    description: tool.description ?? '',
    parameters: tool.parameters ?? [],
    ...(tool.metadata ? { metadata: tool.metadata } : {}),
  };
}

function toolGroups(tools: readonly ListedTool[]): ToolGroup[] {
  const groups = new Map<string, ToolGroup>();
  for (const { provider, tool } of tools) {
    if (!groups.has(tool.toolgroup_id)) {
      groups.set(tool.toolgroup_id, {
        identifier: tool.toolgroup_id,
        provider_resource_id: tool.toolgroup_id,
        provider_id: provider.id,
        type: 'tool_group',
      });
    }
  }
  return [...groups.values()];
}

const listOf = (item: string) => ({
  inline: {
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'array', items: { $ref: `#/components/schemas/${item}` } } },
  },
});

export function registerToolRoutes(context: RouteContext): void {
  const { registry, stack } = context;

  registry.add(
    'get',
    '/v1/tools',
    {
      summary: 'List tools',
      tag: 'Tools',
      query: [{ name: 'toolgroup_id', type: 'string', description: 'Only the tools of this tool group' }],
      response: listOf('Tool'),
    },
    async (c) => {
      const { toolgroup_id } = readQuery(c, z.object({ toolgroup_id: z.string().optional() }));
      const tools = await listAllTools(stack.tools, c.req.raw.signal);
      if (toolgroup_id && !tools.some((t) => t.tool.toolgroup_id === toolgroup_id)) {
        throw new NotFoundError('Tool group', toolgroup_id);
      }
      const data = tools.filter((t) => !toolgroup_id || t.tool.toolgroup_id === toolgroup_id).map(wireTool);
      return c.json({ data });
    },
  );

  registry.add(
    'get',
    '/v1/tools/:tool_name',
    { summary: 'Describe a tool', tag: 'Tools', response: 'Tool' },
    async (c) => {
      const name = pathParam(c, 'tool_name');
      const found = (await listAllTools(stack.tools, c.req.raw.signal)).find((t) => t.tool.name === name);
      if (!found) throw new NotFoundError('Tool', name);
      return c.json(wireTool(found));
    },
  );

  registry.add(
    'get',
    '/v1/toolgroups',
    { summary: 'List tool groups', tag: 'Tools', response: listOf('ToolGroup') },
    async (c) => c.json({ data: toolGroups(await listAllTools(stack.tools, c.req.raw.signal)) }),
  );

  registry.add(
    'get',
    '/v1/toolgroups/:toolgroup_id',
    { summary: 'Describe a tool group', tag: 'Tools', response: 'ToolGroup' },
    async (c) => {
      const id = pathParam(c, 'toolgroup_id');
      const group = toolGroups(await listAllTools(stack.tools, c.req.raw.signal)).find(
        (g) => g.identifier === id,
      );
      if (!group) throw new NotFoundError('Tool group', id);
      return c.json(group);
    },
  );

  registry.add(
    'get',
    '/v1/tool-runtime/list-tools',
    {
      summary: 'List tool definitions of the tool runtime',
      tag: 'Tools',
      query: [{ name: 'tool_group_id', type: 'string', description: 'Only the tools of this tool group' }],
      response: listOf('ToolDef'),
    },
    async (c) => {
      const { tool_group_id } = readQuery(c, z.object({ tool_group_id: z.string().optional() }));
      const tools = await listAllTools(stack.tools, c.req.raw.signal);
      const data = tools
        .filter((t) => !tool_group_id || t.tool.toolgroup_id === tool_group_id)
        .map(({ tool }) => ({
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          parameters: tool.parameters ?? [],
          ...(tool.metadata ? { metadata: tool.metadata } : {}),
        }));
      return c.json({ data });
    },
  );

  registry.add(
    'post',
    '/v1/tool-runtime/invoke',
    {
      summary: 'Run a server-side tool',
      tag: 'Tools',
      body: 'InvokeToolRequest',
      headers: [providerDataHeaderDoc],
      response: 'ToolInvocationResult',
    },
    async (c) => {
      const request = await readJsonBody(c, InvokeToolRequest);
      const signal = c.req.raw.signal;
      const found = (await listAllTools(stack.tools, signal)).find((t) => t.tool.name === request.tool_name);
      if (!found) throw new NotFoundError('Tool', request.tool_name);
      const providerData = readProviderData(c);
      const result = await found.provider.invoke(
        {
          tool_name: request.tool_name,
          arguments: request.kwargs,
          call_id: randomUUID(),
          ...(providerData ? { provider_data: providerData } : {}),
        },
        { signal },
      );
      const body: ToolInvocationResult = {
        content: result.content,
        ...(result.error ? { error_message: result.error.message, error_code: 1 } : {}),
        metadata: {
          ...(result.metadata ?? {}),
          ...(result.error?.code ? { error_type: result.error.code } : {}),
          ...(result.attachments ? { attachments: JSON.parse(JSON.stringify(result.attachments)) } : {}),
        },
      };
      return c.json(body);
    },
  );
}
