import { createHash } from 'node:crypto';
import {
  type Attachment,
  attachmentFileExtension,
  attachmentFileName,
  type ToolConfig,
  type ToolResponseMessage,
  type TurnDocument,
} from '@llama-stack-ts/api-types';
import type { ToolSet } from '../tools/tool-registry.js';
import { toolsForChoice } from './tool-choice.js';

/** Where the code interpreter's work directory is inside its sandbox. */
export const CODE_INTERPRETER_WORK_DIR = '/work';

/** Whether the model of this turn is offered a tool that works on files: the code interpreter. */
export function offersCodeInterpreter(tools: ToolSet, toolConfig: ToolConfig): boolean {
  return toolsForChoice(tools.definitions, toolConfig).some(
    (definition) => tools.server.get(definition.tool_name)?.tool.builtin_name === 'code_interpreter',
  );
}

/**
 * The turn's documents as attachments for tools, with the text already loaded (URLs fetched here, under
 * the document rules), so a tool never fetches a URL itself. Each is named for this turn, because a
 * session's work directory outlives the turn: a later turn's documents must not meet an earlier turn's
 * files under the same name.
 */
export function documentAttachments(
  turnId: string,
  documents: readonly TurnDocument[],
  texts: readonly string[],
): Attachment[] {
  return documents.map((document, index) => ({
    content: texts[index] ?? '',
    mime_type: document.mime_type,
    filename: documentFileName(turnId, index, document.mime_type),
  }));
}

/**
 * `turn-<tag>-<n>.<ext>`: the tag is the start of a hash of the turn id, so it is short and differs
 * between the turns of a session whatever the ids look like.
 */
function documentFileName(turnId: string, index: number, mimeType: string): string {
  const tag = createHash('sha256').update(turnId).digest('hex').slice(0, 8);
  return `turn-${tag}-${index + 1}.${attachmentFileExtension(mimeType)}`;
}

/**
 * The message that tells the model where the files are, as Llama Stack wrote it: a tool message with an
 * empty call id after the user's input, one line per file, named as the code interpreter names them.
 */
export function attachmentNotice(attachments: readonly Attachment[]): ToolResponseMessage {
  const lines = attachments.map(
    (attachment, index) =>
      `# There is a file accessible to you at "${CODE_INTERPRETER_WORK_DIR}/${attachmentFileName(attachment, index)}"\n`,
  );
  return { role: 'tool', call_id: '', content: lines.join('') };
}
