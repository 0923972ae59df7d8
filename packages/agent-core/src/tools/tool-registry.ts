import {
  type AgentToolGroup,
  InvalidRequestError,
  type JsonObject,
  type ProvidedTool,
  type ToolDef,
  type ToolDefinition,
  type ToolParamDefinition,
  type ToolProvider,
  toolGroupName,
} from '@llama-stack-ts/api-types';
import type { ListedTool, ToolCatalog } from './tool-catalog.js';

/** A tool the server runs: which provider, under which name, with which per-group args merged in. */
export interface ServerTool {
  provider: ToolProvider;
  tool: ProvidedTool;
  args: JsonObject;
}

/** The tools of one turn: what the model is offered, and who runs each name it may call. */
export interface ToolSet {
  definitions: ToolDefinition[];
  server: ReadonlyMap<string, ServerTool>;
  client: ReadonlyMap<string, ToolDef>;
}

export function toolDefinitionOf(
  name: string,
  def: Pick<ToolDef, 'description' | 'parameters'>,
): ToolDefinition {
  const parameters: Record<string, ToolParamDefinition> = {};
  for (const p of def.parameters ?? []) {
    parameters[p.name] = {
      param_type: p.parameter_type,
      description: p.description,
      required: p.required,
      ...(p.default !== undefined ? { default: p.default } : {}),
    };
  }
  return {
    tool_name: name,
    ...(def.description !== undefined ? { description: def.description } : {}),
    parameters,
  };
}

/** `builtin::rag/knowledge_search` → group `builtin::rag`, tool `knowledge_search`. */
export function parseToolGroupName(name: string): { group: string; tool?: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { group: name };
  return { group: name.slice(0, slash), tool: name.slice(slash + 1) };
}

export interface ToolSetRequest {
  agentToolGroups: readonly AgentToolGroup[];
  turnToolGroups?: readonly AgentToolGroup[] | undefined;
  clientTools: readonly ToolDef[];
}

/**
 * Resolves tool groups as Llama Stack does: a turn's toolgroups replace the agent's (args from both are
 * kept), client tools come first, every name offered once. Builtin tools are offered under the name a
 * Llama model is trained to call (`brave_search` for `web_search`). The providers' tools come from the
 * catalog; when a kept listing lacks a requested group or tool, a fresh listing decides.
 */
export async function resolveToolSet(
  request: ToolSetRequest,
  catalog: ToolCatalog,
  options: { signal?: AbortSignal | undefined },
): Promise<ToolSet> {
  if (selectedGroupNames(request).length === 0) return toolSetFrom(request, []);
  // A signal that never aborts only when the caller gave none and a listing is actually needed.
  const signal = options.signal ?? new AbortController().signal;
  const listing = await catalog.list({ signal });
  try {
    return toolSetFrom(request, listing.tools);
  } catch (error) {
    if (listing.fresh || !(error instanceof InvalidRequestError)) throw error;
    const fresh = await catalog.list({ signal, fresh: true });
    return toolSetFrom(request, fresh.tools);
  }
}

function selectedGroupNames(request: ToolSetRequest): string[] {
  const selected = request.turnToolGroups?.length ? request.turnToolGroups : request.agentToolGroups;
  return [...new Set(selected.map(toolGroupName))];
}

/** The tool set from the tools the providers list; InvalidRequestError for a missing group, tool or a name offered twice. */
export function toolSetFrom(request: ToolSetRequest, available: readonly ListedTool[]): ToolSet {
  const argsByGroup = new Map<string, JsonObject>();
  for (const group of [...request.agentToolGroups, ...(request.turnToolGroups ?? [])]) {
    if (typeof group !== 'string') argsByGroup.set(parseToolGroupName(group.name).group, group.args);
  }
  const names = selectedGroupNames(request);

  const definitions: ToolDefinition[] = [];
  const server = new Map<string, ServerTool>();
  const client = new Map<string, ToolDef>();
  const offer = (name: string) => {
    if (client.has(name) || server.has(name)) {
      throw new InvalidRequestError(
        `Tool ${name} already exists: each tool name may be offered once`,
        'toolgroups',
      );
    }
  };
  for (const tool of request.clientTools) {
    offer(tool.name);
    client.set(tool.name, tool);
    definitions.push(toolDefinitionOf(tool.name, tool));
  }
  for (const name of names) {
    const { group, tool: only } = parseToolGroupName(name);
    const inGroup = available.filter(({ tool }) => tool.toolgroup_id === group);
    if (inGroup.length === 0) {
      const groups = [...new Set(available.map(({ tool }) => tool.toolgroup_id))].join(', ') || 'none';
      throw new InvalidRequestError(
        `Toolgroup ${group} not found, available toolgroups: ${groups}`,
        'toolgroups',
      );
    }
    if (only !== undefined && !inGroup.some(({ tool }) => tool.name === only)) {
      throw new InvalidRequestError(
        `Tool ${only} not found in toolgroup ${group}. Available tools: ${inGroup.map(({ tool }) => tool.name).join(', ')}`,
        'toolgroups',
      );
    }
    for (const { provider, tool } of inGroup) {
      if (only !== undefined && tool.name !== only) continue;
      const modelName = tool.builtin_name ?? tool.name;
      offer(modelName);
      server.set(modelName, { provider, tool, args: argsByGroup.get(group) ?? {} });
      definitions.push(toolDefinitionOf(modelName, tool));
    }
  }
  return { definitions, server, client };
}
