/**
 * Text for a terminal. Names in an inventory or a record may hold ESC, BEL, C1 controls
 * or bidirectional overrides (RLO) that would retitle the window, recolour the output or
 * reverse what the reader sees; each is shown as an escape (\x1b, \u202e) instead. Line
 * breaks and tabs the toolkit writes itself stay as they are.
 */
const INVISIBLE = /(?![\n\t])[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

export function terminalText(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
