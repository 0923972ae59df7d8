export type Paint = (text: string) => string;

export interface Palette {
  enabled: boolean;
  user: Paint;
  inference: Paint;
  toolCall: Paint;
  tool: Paint;
  shieldOk: Paint;
  shieldBlocked: Paint;
  clientTool: Paint;
  dim: Paint;
  bold: Paint;
  heading: Paint;
  error: Paint;
}

const code = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

export function palette(enabled: boolean): Palette {
  if (!enabled) {
    return {
      enabled,
      user: plain,
      inference: plain,
      toolCall: plain,
      tool: plain,
      shieldOk: plain,
      shieldBlocked: plain,
      clientTool: plain,
      dim: plain,
      bold: plain,
      heading: plain,
      error: plain,
    };
  }
  return {
    enabled,
    user: code(36, 39),
    inference: code(33, 39),
    toolCall: code(96, 39),
    tool: code(32, 39),
    shieldOk: code(35, 39),
    shieldBlocked: code(31, 39),
    clientTool: code(90, 39),
    dim: code(2, 22),
    bold: code(1, 22),
    heading: (text) => `\u001b[1;4m${text}\u001b[0m`,
    error: code(31, 39),
  };
}

/** Colour unless --no-color, NO_COLOR, or output that is not a terminal (FORCE_COLOR overrides the last). */
export function colorEnabled(noColorFlag: boolean, stream: { isTTY?: boolean }, env = process.env): boolean {
  if (noColorFlag || env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
