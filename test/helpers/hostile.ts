/**
 * A small seeded generator of hostile strings (no fast-check here): quotes of every
 * kind PowerShell knows, subexpressions, backticks, statement separators, here-string
 * terminators, newlines, CR, NUL, bidi and zero-width characters, Vietnamese text,
 * and 500-character names. Same seed, same strings, so a failure is reproducible.
 */

import { prng as rng } from "../../bench/prng.js";

export { rng };

export const FRAGMENTS = [
  "'",
  "\u2018",
  "\u2019",
  "\u201A",
  "\u201B",
  "''",
  "'\u2019",
  '"',
  "\u201C",
  "\u201D",
  "\u201E",
  "$(Remove-Item -Recurse -Force C:\\)",
  "$(",
  ")",
  // Braced variable syntax, spelled so no linter mistakes it for a template.
  "$" + "{env:PATH}",
  "$env:USERNAME",
  "$null",
  "$true",
  "@(",
  "@{",
  "`",
  "`n",
  "`$",
  "``",
  ";",
  "; Stop-Computer -Force;",
  "|",
  "&",
  "&&",
  "||",
  "--%",
  "-Force",
  "#",
  "<#",
  "#>",
  "\n",
  "\r",
  "\r\n",
  "\0",
  "\t",
  "\x1b[31m",
  "\x7f",
  "\u0085",
  "\u2028",
  "\u2029",
  "\u202E",
  "\u200B",
  "\uFEFF",
  "\u00A0",
  "'@",
  "\n'@\n",
  "\r\n'@",
  "@'\n",
  '"@',
  '\n"@\n',
  '@"\n',
  "Nguyễn Thị Minh Nguyệt",
  "Trường THPT Chuyên Hưng Yên",
  "Phòng Khảo thí",
  "ắằẳẵặ ỹỷỵ",
  "đĐ",
  "₫",
  "😀",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  "\\",
  "%",
  "!",
  "<",
  ">",
  "*",
  "?",
  "~",
  "^",
  ",",
  "=",
  ".",
  "/",
  " ",
  "Write-Host pwned",
  "Invoke-Expression",
  "iex",
  "[Convert]::FromBase64String('')",
  "')) ; iex ('",
];

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

export function hostileString(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const parts: string[] = [];
  const n = 1 + Math.floor(next() * 8);
  for (let i = 0; i < n; i++) {
    parts.push(next() < 0.7 ? pick(FRAGMENTS) : pick([...LETTERS]).repeat(1 + Math.floor(next() * 3)));
  }
  let s = parts.join("");
  // One string in eight is a 500-character name.
  if (next() < 0.125) {
    while (s.length < 500) s += pick(FRAGMENTS);
    s = [...s].slice(0, 500).join("");
  }
  return s.length >= 2 ? s : `${s}x`;
}

/** Only the characters a Windows device-instance ID may hold (printable ASCII, no space or comma). */
export function asDeviceId(s: string, index: number): string {
  const kept = [...s].filter((c) => /[\x21-\x2b\x2d-\x7e]/.test(c)).join("");
  return `USBSTOR\\Disk&Ven_${index}&${kept}`.slice(0, 200);
}
