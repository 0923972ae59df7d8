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
import { raceAbort } from '../turn/abort.js';

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

/**
 * Resolves tool groups as Llama Stack does: a turn's toolgroups replace the agent's (args from both are
 * kept), client tools come first, every name offered once. Builtin tools are offered under the name a
 * Llama model is trained to call (`brave_search` for `web_search`).
 */
export async function resolveToolSet(
  input: {
    agentToolGroups: readonly AgentToolGroup[];
    turnToolGroups?: readonly AgentToolGroup[] | undefined;
    clientTools: readonly ToolDef[];
    providers: readonly ToolProvider[];
  },
  options: { signal: AbortSignal },
): Promise<ToolSet> {
  const argsByGroup = new Map<string, JsonObject>();
  for (const group of [...input.agentToolGroups, ...(input.turnToolGroups ?? [])]) {
    if (typeof group !== 'string') argsByGroup.set(parseToolGroupName(group.name).group, group.args);
  }
  const selected = input.turnToolGroups?.length ? input.turnToolGroups : input.agentToolGroups;
  const names = [...new Set(selected.map(toolGroupName))];

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
  for (const tool of input.clientTools) {
    offer(tool.name);
    client.set(tool.name, tool);
    definitions.push(toolDefinitionOf(tool.name, tool));
  }
  if (names.length === 0) return { definitions, server, client };

  const listed = await raceAbort(
    Promise.all(
      input.providers.map(async (provider) =>
        (await provider.listTools({ signal: options.signal })).map((tool) => ({ provider, tool })),
      ),
    ),
    options.signal,
  );
  const available = listed.flat();
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
