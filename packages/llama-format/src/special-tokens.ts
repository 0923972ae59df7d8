/** The Llama 3.x special tokens as they appear in a raw prompt or a raw model output. */
export const SpecialToken = {
  beginOfText: '<|begin_of_text|>',
  endOfText: '<|end_of_text|>',
  startHeader: '<|start_header_id|>',
  endHeader: '<|end_header_id|>',
  endOfMessage: '<|eom_id|>',
  endOfTurn: '<|eot_id|>',
  pythonTag: '<|python_tag|>',
  image: '<|image|>',
} as const;

/** `<|start_header_id|>{role}<|end_header_id|>\n\n`; the `tool` role is written as `ipython`. */
export function messageHeader(role: string): string {
  return `${SpecialToken.startHeader}${role === 'tool' ? 'ipython' : role}${SpecialToken.endHeader}\n\n`;
}
