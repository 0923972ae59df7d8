import {
  type Attachment,
  type InterleavedContent,
  type SafetyViolation,
  type ToolCall,
  type ToolExecutionStep,
  type ToolResponse,
  type ToolResponseMessage,
  type TurnEventPayload,
  toolCallArguments,
} from '@llama-stack-ts/api-types';
import { raceAbort } from './abort.js';
import { type ShieldOutcome, runShields, shieldCallStep } from './shield-step.js';
import type { TurnContext } from './turn-context.js';
import { turnEvents } from './turn-events.js';
import type { TurnState } from './turn-state.js';

/** What a stored tool step holds instead of tool output a tool output shield blocked. */
export const BLOCKED_TOOL_OUTPUT = '[tool output withheld: blocked by a tool output shield]';

interface ToolRun {
  response: ToolResponse;
  attachments: Attachment[];
  startedAt: string;
  completedAt: string;
  shield?: { outcome: ShieldOutcome; startedAt: string; completedAt: string };
}

function isEmpty(content: InterleavedContent | undefined): boolean {
  return content === undefined || content === '' || (Array.isArray(content) && content.length === 0);
}

/** Runs one call on its provider; an unknown tool or a failing one becomes an error response the model sees. */
async function invokeServerTool(
  ctx: TurnContext,
  state: TurnState,
  call: ToolCall,
): Promise<Omit<ToolRun, 'startedAt' | 'completedAt'>> {
  const answer = (content: InterleavedContent, metadata?: ToolResponse['metadata']) => ({
    response: {
      call_id: call.call_id,
      tool_name: call.tool_name,
      content,
      ...(metadata ? { metadata } : {}),
    },
    attachments: [],
  });
  const serverTool = ctx.tools.server.get(call.tool_name);
  if (!serverTool) {
    const offered = [...ctx.tools.server.keys(), ...ctx.tools.client.keys()];
    ctx.logger.warn('model called an unknown tool', { tool_name: call.tool_name });
    return answer(
      `Unknown tool \`${call.tool_name}\` was called. Available tools: ${offered.join(', ') || 'none'}.`,
    );
  }
  try {
    const result = await raceAbort(
      serverTool.provider.invoke(
        {
          tool_name: serverTool.tool.name,
          arguments: { ...toolCallArguments(call), ...serverTool.args },
          call_id: call.call_id,
          session_id: ctx.sessionId,
          ...(state.document_attachments.length > 0 ? { attachments: state.document_attachments } : {}),
          ...(ctx.providerData ? { provider_data: ctx.providerData } : {}),
        },
        { signal: ctx.signal },
      ),
      ctx.signal,
    );
    let content = result.content;
    if (result.error) {
      ctx.logger.warn('tool returned an error', { tool_name: call.tool_name, error: result.error.message });
      if (isEmpty(content)) content = `Error when running tool ${call.tool_name}: ${result.error.message}`;
    } else if (isEmpty(content)) {
      content = `Tool ${call.tool_name} returned no content`;
    }
    return {
      response: {
        call_id: call.call_id,
        tool_name: call.tool_name,
        content,
        ...(result.metadata ? { metadata: result.metadata } : {}),
      },
      attachments: result.attachments ?? [],
    };
  } catch (error) {
    ctx.signal.throwIfAborted();
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.warn('tool failed', { tool_name: call.tool_name, error: message });
    return answer(`Error when running tool ${call.tool_name}: ${message}`);
  }
}

async function runOne(ctx: TurnContext, state: TurnState, call: ToolCall): Promise<ToolRun> {
  const startedAt = ctx.clock();
  const result = await invokeServerTool(ctx, state, call);
  const completedAt = ctx.clock();
  const shieldIds = ctx.config.tool_output_shields;
  if (shieldIds.length === 0) return { ...result, startedAt, completedAt };
  const shieldStartedAt = ctx.clock();
  const toolMessage: ToolResponseMessage = {
    role: 'tool',
    call_id: call.call_id,
    content: result.response.content,
  };
  const outcome = await runShields(ctx, shieldIds, [...state.messages, toolMessage], 'tool-output');
  return {
    ...result,
    startedAt,
    completedAt,
    shield: { outcome, startedAt: shieldStartedAt, completedAt: ctx.clock() },
  };
}

/**
 * Runs the server tool calls of one message in parallel; on the wire each call is its own tool_execution
 * step, in call order, as Llama Stack emits them. Each result joins the conversation as a tool message.
 * With tool output shields, a blocked result never reaches the model, the stream or the stored step; the
 * turn then ends with the violation.
 */
export async function* runServerTools(
  ctx: TurnContext,
  state: TurnState,
  calls: readonly ToolCall[],
): AsyncGenerator<TurnEventPayload, SafetyViolation | null> {
  const runs = calls.map((call) => {
    const run = runOne(ctx, state, call);
    run.catch(() => {});
    return { call, stepId: ctx.newId(), run };
  });
  let blocked: SafetyViolation | null = null;
  for (const { call, stepId, run } of runs) {
    yield turnEvents.stepStart('tool_execution', stepId);
    yield turnEvents.stepProgress('tool_execution', stepId, {
      type: 'tool_call',
      tool_call: call,
      parse_status: 'in_progress',
    });
    const result = await raceAbort(run, ctx.signal);
    const isBlocked = result.shield?.outcome.blocking === true;
    const response = isBlocked ? { ...result.response, content: BLOCKED_TOOL_OUTPUT } : result.response;
    const step: ToolExecutionStep = {
      turn_id: ctx.turnId,
      step_id: stepId,
      step_type: 'tool_execution',
      tool_calls: [call],
      tool_responses: [response],
      started_at: result.startedAt,
      completed_at: result.completedAt,
    };
    state.steps.push(step);
    yield turnEvents.stepComplete(step);
    if (result.shield) {
      const shieldStepId = ctx.newId();
      yield turnEvents.stepStart('shield_call', shieldStepId, { touchpoint: 'tool-output' });
      const shieldStep = {
        ...shieldCallStep(ctx, shieldStepId, result.shield.startedAt, result.shield.outcome),
        completed_at: result.shield.completedAt,
      };
      state.steps.push(shieldStep);
      yield turnEvents.stepComplete(shieldStep);
    }
    if (isBlocked) {
      blocked ??= result.shield?.outcome.violation ?? null;
      continue;
    }
    state.messages.push({ role: 'tool', call_id: response.call_id, content: response.content });
    state.output_attachments.push(...result.attachments);
  }
  return blocked;
}
