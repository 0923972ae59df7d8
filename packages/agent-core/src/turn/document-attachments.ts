import type { Attachment, ToolConfig, ToolResponseMessage, TurnDocument } from '@llama-stack-ts/api-types';
import type { ToolSet } from '../tools/tool-registry.js';
import { toolsForChoice } from './tool-choice.js';

/** Where the code interpreter's work directory is inside its sandbox. */
export const CODE_INTERPRETER_WORK_DIR = '/work';

/** The extensions tools-builtin's code interpreter gives inline attachments, by MIME type. */
const EXTENSIONS: Record<string, string> = {
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/markdown': 'md',
  'text/html': 'html',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** Whether the model of this turn is offered a tool that works on files: the code interpreter. */
export function offersCodeInterpreter(tools: ToolSet, toolConfig: ToolConfig): boolean {
  return toolsForChoice(tools.definitions, toolConfig).some(
    (definition) => tools.server.get(definition.tool_name)?.tool.builtin_name === 'code_interpreter',
  );
}

/**
 * The turn's documents as attachments for tools, with the text already loaded (URLs fetched here, under
 * the document rules), so a tool never fetches a URL itself.
 */
export function documentAttachments(
  documents: readonly TurnDocument[],
  texts: readonly string[],
): Attachment[] {
  return documents.map((document, index) => ({ content: texts[index] ?? '', mime_type: document.mime_type }));
}

/**
 * The name the code interpreter gives the attachment at `index` in its work directory: inline content is
 * written as `attachment-<n>.<ext>` (tools-builtin's copy-attachments.ts).
 */
export function attachmentFilename(attachment: Attachment, index: number): string {
  const extension = EXTENSIONS[attachment.mime_type.split(';')[0] ?? ''] ?? 'bin';
  return `attachment-${index + 1}.${extension}`;
}

/**
 * The message that tells the model where the files are, as Llama Stack wrote it: a tool message with an
 * empty call id after the user's input, one line per file.
 */
export function attachmentNotice(attachments: readonly Attachment[]): ToolResponseMessage {
  const lines = attachments.map(
    (attachment, index) =>
      `# There is a file accessible to you at "${CODE_INTERPRETER_WORK_DIR}/${attachmentFilename(attachment, index)}"\n`,
  );
  return { role: 'tool', call_id: '', content: lines.join('') };
}
