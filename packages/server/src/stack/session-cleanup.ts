import type { ToolProvider } from '@llama-stack-ts/api-types';
import type { Logger } from 'pino';
import type { AgentService } from './agent-service.js';

/** A tool that keeps something per session (the code interpreter's work directory) and can let it go. */
export interface SessionScopedTool {
  releaseSession(sessionId: string): Promise<void>;
}

export function isSessionScoped(tool: ToolProvider): tool is ToolProvider & SessionScopedTool {
  return typeof (tool as Partial<SessionScopedTool>).releaseSession === 'function';
}

const PAGE = 100;

async function sessionIdsOf(agents: AgentService, agentId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; ; start += PAGE) {
    const page = await agents.listSessions(agentId, { start_index: start, limit: PAGE });
    ids.push(...page.data.map((session) => session.session_id));
    if (!page.has_more || page.data.length === 0) return ids;
  }
}

/**
 * The agent service, with session-scoped tool state released once a session (or its agent) is deleted. A
 * release that fails is logged, not thrown: the session is already gone and the answer stays 204.
 */
export function withSessionCleanup(
  agents: AgentService,
  tools: readonly ToolProvider[],
  logger: Logger,
): AgentService {
  const scoped = tools.filter(isSessionScoped);
  if (scoped.length === 0) return agents;

  const release = async (sessionIds: readonly string[]) => {
    for (const sessionId of sessionIds) {
      for (const tool of scoped) {
        await tool.releaseSession(sessionId).catch((error: unknown) => {
          logger.warn(
            { err: error, session_id: sessionId, tool: tool.id },
            'could not release session files',
          );
        });
      }
    }
  };

  // A Proxy keeps every other method (and any the service adds later) exactly as it is.
  return new Proxy(agents, {
    get(target, property, receiver) {
      if (property === 'deleteSession') {
        return async (agentId: string, sessionId: string) => {
          const result = await target.deleteSession(agentId, sessionId);
          await release([sessionId]);
          return result;
        };
      }
      if (property === 'deleteAgent') {
        return async (agentId: string) => {
          const sessionIds = await sessionIdsOf(target, agentId);
          const result = await target.deleteAgent(agentId);
          await release(sessionIds);
          return result;
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
