import type { Attachment, InterleavedContent } from '../content.js';
import type { JsonObject } from '../json.js';
import type { ToolDef } from '../tools.js';
import type { CallOptions } from './call-options.js';

export interface ProvidedTool extends ToolDef {
  /** `builtin::code_interpreter`, `builtin::websearch`, … */
  toolgroup_id: string;
  /** The builtin name a Llama model is trained to call (`brave_search` for web_search), if any. */
  builtin_name?: 'brave_search' | 'wolfram_alpha' | 'photogen' | 'code_interpreter';
}

export interface ToolInvocation {
  tool_name: string;
  arguments: JsonObject;
  call_id: string;
  session_id?: string;
  /** Files attached to the turn, readable by tools that work on files (the code interpreter). */
  attachments?: Attachment[];
  /** Per-request secrets such as API keys (Llama Stack's X-LlamaStack-Provider-Data). */
  provider_data?: JsonObject;
}

export interface ToolResult {
  content: InterleavedContent;
  /** Files the tool produced (plots, images), carried to the turn's output_attachments. */
  attachments?: Attachment[];
  /** Set when the tool failed; the content then tells the model what went wrong. */
  error?: { message: string; code?: string };
  metadata?: JsonObject;
}

export interface ToolProvider {
  readonly id: string;
  listTools(options?: CallOptions): Promise<ProvidedTool[]>;
  /** Resolves with the result or a result carrying `error`; throws only on abort. */
  invoke(invocation: ToolInvocation, options?: CallOptions): Promise<ToolResult>;
}
