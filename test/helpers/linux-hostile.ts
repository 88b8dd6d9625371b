/**
 * Hostile strings for the injection tests: a seeded generator (the same strings on
 * every run, so a failure reproduces) mixing shell metacharacters, command
 * substitutions that would leave a marker file, quotes of every kind, control
 * characters, NUL, lone surrogates, Vietnamese text and very long runs.
 */

import { prng as seededRandom } from "../../bench/prng.js";

export { seededRandom };

/** Pieces that each try to break out of a quoted word or run a command; MARKER is replaced. */
const PIECES = [
  "'",
  '"',
  "`touch MARKER`",
  "$(touch MARKER)",
  "'$(touch MARKER)'",
  "';touch MARKER;'",
  "'\\''",
  '"; touch MARKER; "',
  "\ntouch MARKER\n",
  "\r\ntouch MARKER #",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, on purpose
  "${IFS}",
  "$HOME",
  "$'\\x41'",
  ";",
  "&&",
  "||",
  "|",
  "&",
  ">",
  "<(touch MARKER)",
  "\\",
  "\\'",
  "\n",
  "\r",
  "\t",
  "\u0000",
  "\u001b[31m",
  "\u0007",
  "\u007f",
  "!",
  "#",
  "*",
  "?",
  "~",
  "%s%n",
  "-n",
  "--root /",
  "EOF",
  "USAGE",
  " ",
  "Trường THPT chuyên Nguyễn Trãi",
  "Phòng Giáo dục và Đào tạo huyện Văn Giang",
  "ễ",
  "🛡️",
  "\ud800",
  "\udc00x",
  '{"json":"\\u0000"}',
  "\\u0022",
  "</script>",
];

export function hostileString(random: () => number, marker: string, maxLength = 500): string {
  let out = "";
  const pieces = 1 + Math.floor(random() * 12);
  for (let i = 0; i < pieces; i++) {
    const p = PIECES[Math.floor(random() * PIECES.length)] as string;
    out += p.replaceAll("MARKER", marker);
  }
  // Now and then a very long string, up to the limit.
  if (random() < 0.15) out = out.repeat(Math.ceil(maxLength / Math.max(1, out.length)));
  return out.slice(0, maxLength);
}

export function hostileStrings(seed: number, count: number, marker: string, maxLength = 500): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => hostileString(random, marker, maxLength));
}

/** What a value becomes once written to a UTF-8 file: lone surrogates turn into U+FFFD. */
export const asWritten = (s: string): string => Buffer.from(s, "utf8").toString("utf8");

/** What shellText makes of free text: NUL and lone surrogates become U+FFFD. */
export const asShellText = (s: string): string => asWritten(s).replaceAll("\u0000", "\uFFFD");
