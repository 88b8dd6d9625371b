/**
 * The one way a value enters a generated PowerShell script: as a PowerShell
 * literal in a data table that a fixed runtime reads. Nothing here ever builds
 * code from data; every string becomes an expression that evaluates to exactly
 * that string and can do nothing else.
 *
 * Two forms, chosen per string:
 *
 * 1. A single-quoted (verbatim) string, for printable text: `'Trường THPT ''A'''`.
 *    In a verbatim string PowerShell gives no character a meaning except the
 *    single quote, and its tokenizer counts FIVE characters as single quotes:
 *    ' U+0027, ‘ U+2018, ’ U+2019, ‚ U+201A, ‛ U+201B (the language specification,
 *    §2.3.5.2 "single-quote-character"; CharExtensions.IsSingleQuote in the engine).
 *    Inside the string, any one of them followed by another one is an escaped
 *    quote (the second is kept), so each of the five is doubled. `$(...)`, backticks,
 *    `;`, double quotes of any kind and here-string terminators (`'@` needs a line
 *    start AND a here-string) are plain text there.
 *
 * 2. A base64 expression, `[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('...'))`,
 *    for any string holding a character a reader cannot see or that changes how
 *    the line around it displays: control characters (NUL, CR, LF, TAB, ESC, C1),
 *    format characters (bidi overrides as in "Trojan Source", zero-width spaces,
 *    BOM), line/paragraph separators, other non-ASCII spaces, private-use and
 *    unassigned code points. Base64 digits are [A-Za-z0-9+/=]: no quote of any
 *    kind can occur, so this form is safe whatever the string holds.
 *
 * Why not base64 always: IT staff read the data table before they run a script as
 * Administrator, and registry paths and Vietnamese unit names must stay readable
 * for that review. Why not the literal always: a CR or a bidi override inside a
 * literal is correct PowerShell but makes the script display differently from what
 * it does; base64 makes such a string visibly opaque instead of misleading.
 *
 * Lone UTF-16 surrogates have no UTF-8 form (the file is UTF-8): they are refused.
 */
import { LONE_SURROGATE } from "../../model/unicode.js";

export class PowerShellEscapeError extends Error {}

/** Every character PowerShell's tokenizer treats as a single quote. */
export const PS_SINGLE_QUOTES = ["'", "\u2018", "\u2019", "\u201A", "\u201B"] as const;
const SINGLE_QUOTE_RE = /['\u2018\u2019\u201A\u201B]/g;

/**
 * Text that may appear inside a verbatim literal: letters, combining marks and
 * digits of any script (Vietnamese diacritics), the ASCII space, and visible
 * punctuation and symbols. Everything else goes to base64.
 */
const READABLE_TEXT = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u;

/** The expression PowerShell evaluates to `s`'s UTF-8 bytes decoded back into text. */
export const BASE64_PREFIX = "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('";
export const BASE64_SUFFIX = "'))";

/** A PowerShell expression whose value is exactly `value`. */
export function psString(value: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw new PowerShellEscapeError(
      `a lone UTF-16 surrogate cannot be written to a UTF-8 script: ${JSON.stringify(value.slice(0, 80))}`,
    );
  }
  if (READABLE_TEXT.test(value)) return psVerbatim(value);
  return `${BASE64_PREFIX}${Buffer.from(value, "utf8").toString("base64")}${BASE64_SUFFIX}`;
}

/** The verbatim form alone, for printable text (every single-quote character doubled). */
export function psVerbatim(value: string): string {
  if (!READABLE_TEXT.test(value)) {
    throw new PowerShellEscapeError("psVerbatim takes printable text only; use psString for anything else");
  }
  return `'${value.replace(SINGLE_QUOTE_RE, (q) => q + q)}'`;
}

/** An integer literal (decimal). Fractions, NaN and unsafe integers are refused. */
export function psInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new PowerShellEscapeError(`not a safe integer: ${value}`);
  return String(value);
}

export function psBool(value: boolean): string {
  return value ? "$true" : "$false";
}

/** Data a table may hold: the JSON-like values the runtimes read. */
export type PsData =
  | string
  | number
  | boolean
  | null
  | readonly PsData[]
  | { readonly [key: string]: PsData };

/** Hashtable keys are written bare, so they must be plain identifiers (they come from code, never data). */
const PS_KEY = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * A PowerShell literal for structured data: strings via psString, integers via
 * psInt, arrays as `@(...)` (one item a line), objects as `[ordered]@{...}` with
 * keys in the order given (so output is deterministic by construction).
 */
export function psData(value: PsData, indent = ""): string {
  if (value === null) return "$null";
  if (typeof value === "string") return psString(value);
  if (typeof value === "number") return psInt(value);
  if (typeof value === "boolean") return psBool(value);
  const inner = `${indent}  `;
  if (isArray(value)) {
    if (value.length === 0) return "@()";
    // @() flattens an array item into its parent, so an array of arrays would not survive.
    if (value.some(isArray))
      throw new PowerShellEscapeError("psData cannot write an array directly inside an array");
    return `@(\r\n${value.map((v) => `${inner}${psData(v, inner)}`).join(",\r\n")}\r\n${indent})`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "[ordered]@{}";
  const lines = entries.map(([k, v]) => {
    if (!PS_KEY.test(k))
      throw new PowerShellEscapeError(`hashtable key ${JSON.stringify(k)} is not a plain identifier`);
    return `${inner}${k} = ${psData(v, inner)}`;
  });
  return `[ordered]@{\r\n${lines.join("\r\n")}\r\n${indent}}`;
}

function isArray(v: PsData): v is readonly PsData[] {
  return Array.isArray(v);
}
