import {
  contentToText,
  type InterleavedContent,
  type Step,
  type ToolCall,
  type Turn,
  type TurnEventPayload,
} from '@llama-stack-ts/api-types';
import type { Palette } from './colors.js';
import type { Spinner } from './spinner.js';

export interface Output {
  write(text: string): unknown;
}

function seconds(step: Step): string {
  if (!step.started_at || !step.completed_at) return '';
  const ms = Date.parse(step.completed_at) - Date.parse(step.started_at);
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '';
}

function argumentsText(call: ToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

function oneLine(text: string, max = 400): string {
  const flat = text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function contentText(content: InterleavedContent): string {
  const text = contentToText(content);
  const items = Array.isArray(content) ? content : typeof content === 'string' ? [] : [content];
  const images = items.filter((item) => item.type === 'image').length;
  return images > 0 ? `${text}${text ? ' ' : ''}[${images} image${images > 1 ? 's' : ''}]` : text;
}

/**
 * Prints a turn's events the way Llama Stack's EventLogger did: `role> content` lines in colour, streamed
 * text as it arrives, tool calls with their arguments, tool results, shield verdicts, and each step's time.
 */
export class EventLog {
  private lineOpen = false;
  private streamedToolText = false;

  constructor(
    private readonly out: Output,
    private readonly paint: Palette,
    private readonly spinner?: Spinner,
  ) {}

  user(text: string): void {
    this.line(`${this.paint.user('User>')} ${text}`);
  }

  clientTool(call: ToolCall, result: string): void {
    this.line(this.paint.clientTool(`CustomTool> ${call.tool_name}(${argumentsText(call)}) → ${result}`));
  }

  note(text: string): void {
    this.line(this.paint.dim(text));
  }

  waiting(label: string): void {
    this.closeLine();
    this.spinner?.start(label);
  }

  handle(payload: TurnEventPayload): void {
    this.spinner?.stop();
    switch (payload.event_type) {
      case 'step_start':
        if (payload.step_type === 'inference') {
          this.out.write(this.paint.inference('inference> '));
          this.lineOpen = true;
          this.streamedToolText = false;
        }
        return;
      case 'step_progress': {
        const { delta } = payload;
        if (delta.type === 'text') this.out.write(this.paint.inference(delta.text));
        else if (delta.type === 'tool_call' && typeof delta.tool_call === 'string' && delta.tool_call) {
          this.out.write(this.paint.toolCall(delta.tool_call));
          this.streamedToolText = true;
        } else if (
          delta.type === 'tool_call' &&
          typeof delta.tool_call !== 'string' &&
          !this.streamedToolText
        ) {
          this.out.write(
            this.paint.toolCall(`${delta.tool_call.tool_name}(${argumentsText(delta.tool_call)})`),
          );
        }
        return;
      }
      case 'step_complete':
        this.stepComplete(payload.step_details);
        return;
      case 'turn_awaiting_input':
        this.closeLine();
        this.note(`(turn ${payload.turn.turn_id.slice(0, 8)} is waiting for client tool results)`);
        return;
      case 'turn_complete':
        this.closeLine();
        return;
      case 'turn_start':
        return;
    }
  }

  turnSummary(turn: Turn): void {
    const total =
      turn.completed_at && turn.started_at
        ? (Date.parse(turn.completed_at) - Date.parse(turn.started_at)) / 1000
        : 0;
    const steps = turn.steps.map((s) => s.step_type).join(', ');
    this.note(`turn done in ${total.toFixed(2)} s — steps: ${steps}`);
  }

  private stepComplete(step: Step): void {
    const time = seconds(step);
    const timing = time ? ` ${this.paint.dim(`(${time})`)}` : '';
    switch (step.step_type) {
      case 'inference':
        this.closeLine(timing);
        return;
      case 'shield_call': {
        const violation = step.violation;
        if (!violation) this.line(`${this.paint.shieldOk('shield_call> No Violation')}${timing}`);
        else {
          const type = violation.metadata?.violation_type;
          this.line(
            `${this.paint.shieldBlocked(`shield_call> ${type ? `${String(type)} ` : ''}${violation.user_message ?? violation.violation_level}`)}${timing}`,
          );
        }
        return;
      }
      case 'tool_execution':
        for (const call of step.tool_calls) {
          this.line(
            this.paint.tool(`tool_execution> Tool:${call.tool_name} Args:${oneLine(argumentsText(call))}`),
          );
        }
        for (const response of step.tool_responses) {
          this.line(
            `${this.paint.tool(`tool_execution> Tool:${response.tool_name} Response:${oneLine(contentText(response.content))}`)}${timing}`,
          );
        }
        return;
      case 'memory_retrieval':
        this.line(
          `${this.paint.dim(`memory_retrieval> ${oneLine(contentText(step.inserted_context))}`)}${timing}`,
        );
        return;
    }
  }

  private line(text: string): void {
    this.closeLine();
    this.out.write(`${text}\n`);
  }

  private closeLine(suffix = ''): void {
    if (!this.lineOpen) return;
    this.out.write(`${suffix}\n`);
    this.lineOpen = false;
  }
}
