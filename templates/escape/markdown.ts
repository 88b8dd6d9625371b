/**
 * The one way a value enters a generated Markdown document (CommonMark with GFM
 * tables), such as the vendor backup policy and the incident report form.
 *
 * CommonMark lets a backslash escape any ASCII punctuation, and an escaped character is
 * always literal text. Escaping is limited to the characters that can start structure,
 * so that addresses, dates and Vietnamese text stay readable in the .md file itself:
 *
 * - anywhere: `\` `` ` `` `*` `_` `[` `]` `<` `>` `|` `~` `&` (emphasis, code, links,
 *   raw HTML and entities, table cells, strikethrough);
 * - at the start of a line: `#` `-` `+` `=` and `1.` / `1)` (headings, lists, setext
 *   underlines), and leading spaces are dropped (four would open a code block).
 *
 * `markdownInline` keeps a value on one line (line breaks become spaces), so it can sit
 * in a sentence, a list item, a heading or a table cell. `markdownBlock` keeps the
 * value's lines as hard line breaks of one paragraph; it must stand on lines of its own
 * (the template check enforces that). Lone UTF-16 surrogates become U+FFFD and other
 * control characters a space: a report must render whatever a vendor typed.
 */
import { LONE_SURROGATES } from "../../model/unicode.js";

const ANYWHERE = /[\\`*_[\]<>|~&]/g;
const LINE_START = /^([#+=-]|\d+(?=[.)]))/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function escapeLine(line: string): string {
  const trimmed = line.trim().replace(ANYWHERE, (c) => `\\${c}`);
  // "12." or "12)" at the start would open an ordered list: escape the delimiter after the digits.
  const ordered = /^(\d+)([.)])/.exec(trimmed);
  if (ordered?.[1] && ordered[2]) return `${ordered[1]}\\${ordered[2]}${trimmed.slice(ordered[0].length)}`;
  return LINE_START.test(trimmed) ? `\\${trimmed}` : trimmed;
}

function clean(value: string): string {
  return value.replace(LONE_SURROGATES, "\uFFFD").replace(CONTROL, " ");
}

/** Text on one line: safe in a paragraph, a list item, a heading or a GFM table cell. */
export function markdownInline(value: string | number): string {
  return escapeLine(
    clean(String(value))
      .replace(/\r\n|[\r\n\t\u2028\u2029]/g, " ")
      .replace(/ {2,}/g, " "),
  );
}

/** Several lines of text as one paragraph with hard line breaks (blank lines are dropped). */
export function markdownBlock(value: string): string {
  const lines = clean(value)
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((l) => escapeLine(l.replaceAll("\t", " ").replace(/ {2,}/g, " ")))
    .filter((l) => l !== "");
  // A backslash at the end of a line is CommonMark's hard line break.
  return lines.length === 0 ? "\\-" : lines.join("\\\n");
}

/**
 * The name the baseline bundles' READMEs import (baselines/emit/windows/readme.ts):
 * one line of inventory text in a sentence, list item or table cell.
 */
export const markdownText = markdownInline;
