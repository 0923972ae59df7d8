import {
  CreateAgentRequest,
  CreateSessionRequest,
  CreateTurnRequest,
  InternalError,
  PaginationQuery,
  parseOrThrow,
  ProviderUnavailableError,
  ResumeTurnRequest,
  type Turn,
} from '@llama-stack-ts/api-types';
import type { Context } from 'hono';
import { z } from 'zod';
import { providerDataHeaderDoc, readProviderData } from '../http/provider-data-header.js';
import { pathParam, readJsonBody, readQuery, splitListParam } from '../http/request-body.js';
import { sseResponse } from '../http/sse-response.js';
import type { TurnRun } from '../stack/agent-service.js';
import type { RouteContext } from './route-context.js';

const pageQueryDocs = [
  { name: 'start_index', type: 'integer', description: 'Index of the first item to return' },
  { name: 'limit', type: 'integer', description: 'How many items to return' },
] as const;

const pageOf = (item: string) => ({
  inline: {
    type: 'object',
    required: ['data', 'has_more'],
    properties: {
      data: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
      has_more: { type: 'boolean' },
      url: { type: 'string' },
    },
  },
});

const SessionQuery = z.object({ turn_ids: z.array(z.string()).optional() });

export function registerAgentRoutes(context: RouteContext): void {
  const { registry, stack } = context;
  const agents = () => stack.agents;

  registry.add(
    'post',
    '/v1/agents',
    {
      summary: 'Create an agent',
      tag: 'Agents',
      body: 'CreateAgentRequest',
      response: 'CreateAgentResponse',
    },
    async (c) => {
      // Validate here for a 400 naming the field; the runtime fills defaults from the same schema.
      const raw = (await readJsonBody(c, z.object({ agent_config: z.unknown() }))).agent_config;
      parseOrThrow(CreateAgentRequest, { agent_config: raw });
      const created = await agents().createAgent(raw as never);
      return c.json({ agent_id: created.agent_id });
    },
  );

  registry.add(
    'get',
    '/v1/agents',
    { summary: 'List agents', tag: 'Agents', query: [...pageQueryDocs], response: pageOf('Agent') },
    async (c) => {
      const page = await agents().listAgents(readQuery(c, PaginationQuery));
      return c.json({ data: page.data, has_more: page.has_more, url: c.req.path });
    },
  );

  registry.add(
    'get',
    '/v1/agents/:agent_id',
    { summary: 'Describe an agent', tag: 'Agents', response: 'Agent' },
    async (c) => c.json(await agents().getAgent(pathParam(c, 'agent_id'))),
  );

  registry.add(
    'delete',
    '/v1/agents/:agent_id',
    { summary: 'Delete an agent with its sessions and turns', tag: 'Agents', status: 204 },
    async (c) => {
      await agents().deleteAgent(pathParam(c, 'agent_id'));
      return c.body(null, 204);
    },
  );

  registry.add(
    'post',
    '/v1/agents/:agent_id/session',
    {
      summary: 'Create a session',
      tag: 'Agents',
      body: 'CreateSessionRequest',
      response: 'CreateSessionResponse',
    },
    async (c) => {
      const body = await readJsonBody(c, CreateSessionRequest);
      const created = await agents().createSession(pathParam(c, 'agent_id'), body.session_name);
      return c.json({ session_id: created.session_id });
    },
  );

  registry.add(
    'get',
    '/v1/agents/:agent_id/sessions',
    {
      summary: "List an agent's sessions",
      tag: 'Agents',
      query: [...pageQueryDocs],
      response: pageOf('Session'),
    },
    async (c) => {
      const page = await agents().listSessions(pathParam(c, 'agent_id'), readQuery(c, PaginationQuery));
      return c.json({ data: page.data, has_more: page.has_more, url: c.req.path });
    },
  );

  registry.add(
    'get',
    '/v1/agents/:agent_id/session/:session_id',
    {
      summary: 'Retrieve a session with its turns',
      tag: 'Agents',
      query: [
        {
          name: 'turn_ids',
          type: 'array',
          description: 'Only these turns; comma-joined (`a,b`) or repeated (`turn_ids=a&turn_ids=b`)',
        },
      ],
      response: 'Session',
    },
    async (c) => {
      const { turn_ids } = readQuery(c, SessionQuery, ['turn_ids']);
      const session = await agents().getSession(
        pathParam(c, 'agent_id'),
        pathParam(c, 'session_id'),
        splitListParam(turn_ids),
      );
      return c.json(session);
    },
  );

  registry.add(
    'delete',
    '/v1/agents/:agent_id/session/:session_id',
    { summary: 'Delete a session with its turns', tag: 'Agents', status: 204 },
    async (c) => {
      await agents().deleteSession(pathParam(c, 'agent_id'), pathParam(c, 'session_id'));
      return c.body(null, 204);
    },
  );

  registry.add(
    'post',
    '/v1/agents/:agent_id/session/:session_id/turn',
    {
      summary: 'Run a turn (streamed with `stream: true`, otherwise the finished Turn)',
      tag: 'Agents',
      body: 'CreateTurnRequest',
      headers: [providerDataHeaderDoc],
      response: 'Turn',
      stream: 'AgentTurnResponseStreamChunk',
    },
    async (c) => {
      const body = await readJsonBody(c, CreateTurnRequest);
      const providerData = readProviderData(c);
      const { stream, ...request } = body;
      return runTurn(context, c, stream, (signal) =>
        agents().createTurn(pathParam(c, 'agent_id'), pathParam(c, 'session_id'), request, {
          signal,
          ...(providerData ? { providerData } : {}),
        }),
      );
    },
  );

  registry.add(
    'post',
    '/v1/agents/:agent_id/session/:session_id/turn/:turn_id/resume',
    {
      summary: 'Resume a turn paused for client tools, with their responses',
      tag: 'Agents',
      body: 'ResumeTurnRequest',
      headers: [providerDataHeaderDoc],
      response: 'Turn',
      stream: 'AgentTurnResponseStreamChunk',
    },
    async (c) => {
      const body = await readJsonBody(c, ResumeTurnRequest);
      const providerData = readProviderData(c);
      return runTurn(context, c, body.stream, (signal) =>
        agents().resumeTurn(
          pathParam(c, 'agent_id'),
          pathParam(c, 'session_id'),
          pathParam(c, 'turn_id'),
          { tool_responses: body.tool_responses },
          { signal, ...(providerData ? { providerData } : {}) },
        ),
      );
    },
  );

  registry.add(
    'get',
    '/v1/agents/:agent_id/session/:session_id/turn/:turn_id',
    { summary: 'Retrieve a turn', tag: 'Agents', response: 'Turn' },
    async (c) =>
      c.json(
        await agents().getTurn(pathParam(c, 'agent_id'), pathParam(c, 'session_id'), pathParam(c, 'turn_id')),
      ),
  );

  registry.add(
    'get',
    '/v1/agents/:agent_id/session/:session_id/turn/:turn_id/step/:step_id',
    { summary: 'Retrieve a step of a turn', tag: 'Agents', response: 'StepResponse' },
    async (c) => {
      const step = await agents().getStep(
        pathParam(c, 'agent_id'),
        pathParam(c, 'session_id'),
        pathParam(c, 'turn_id'),
        pathParam(c, 'step_id'),
      );
      return c.json({ step });
    },
  );
}

/**
 * Starts a turn under an AbortController tied to the client connection, then streams it or drains it.
 * Errors before the run exists (404, 409, 400) are ordinary HTTP errors; after that they are error frames.
 */
async function runTurn(
  context: RouteContext,
  c: Context,
  stream: boolean,
  start: (signal: AbortSignal) => Promise<TurnRun>,
): Promise<Response> {
  if (context.tracker.draining) {
    throw new ProviderUnavailableError('The server is shutting down; retry against another instance');
  }
  const abort = new AbortController();
  const clientSignal = c.req.raw.signal;
  const onClientGone = () => abort.abort(new Error('client disconnected'));
  if (clientSignal.aborted) onClientGone();
  else clientSignal.addEventListener('abort', onClientGone, { once: true });
  const finished = context.tracker.start(abort);
  const settle = () => {
    clientSignal.removeEventListener('abort', onClientGone);
    finished();
  };

  let run: TurnRun;
  try {
    run = await start(abort.signal);
  } catch (error) {
    settle();
    throw error;
  }
  const log = context.logger.child({ turn_id: run.turnId });
  if (stream) {
    return sseResponse(run, {
      abort,
      keepaliveIntervalMs: context.config.server.keepalive_interval_ms,
      onSettled: settle,
      onError: (error, original) => {
        if (abort.signal.aborted) {
          log.info({ code: error.code }, 'turn cancelled: the client went away or the server is stopping');
        } else {
          log.warn({ err: original, code: error.code }, 'turn stream ended with an error');
        }
      },
    });
  }
  try {
    return c.json(await drainTurn(run));
  } finally {
    settle();
  }
}

/** The final Turn of a run: the non-streaming API is the stream drained. */
export async function drainTurn(
  run: AsyncIterable<{ event: { payload: { event_type: string } } }>,
): Promise<Turn> {
  let turn: Turn | undefined;
  for await (const chunk of run) {
    const payload = chunk.event.payload as { event_type: string; turn?: Turn };
    if (payload.event_type === 'turn_complete' || payload.event_type === 'turn_awaiting_input')
      turn = payload.turn;
  }
  if (!turn) throw new InternalError('The turn ended without a turn_complete or turn_awaiting_input event');
  return turn;
}
