/**
 * The one way a value enters a generated shell script: as a single-quoted word.
 *
 * Inside single quotes a POSIX shell (and bash) treats every byte as literal except
 * the closing quote itself, so `$(...)`, backticks, `;`, `\`, newlines and CRs are
 * only data. A quote inside the value ends the quoted word, adds an escaped quote
 * and reopens: `it's` becomes `'it'\''s'`.
 *
 * NUL is the one character no shell word, environment variable or C string can
 * hold: quoting it is refused (the caller decides; see `shellText`).
 */
import { LONE_SURROGATES } from "../../model/unicode.js";

export class ShellQuoteError extends Error {}

export function shellQuote(value: string): string {
  if (value.includes("\u0000")) {
    throw new ShellQuoteError(
      "a NUL character cannot be passed to a shell script; replace or reject it before quoting",
    );
  }
  // ‘ and ’ are literal inside single quotes too, but shellcheck takes them for mistyped
  // quotes (SC1112); inside double quotes it does not, and they are as literal there.
  return `'${value.replaceAll("'", `'\\''`).replace(TYPOGRAPHIC_QUOTES, `'"$&"'`)}'`;
}

const TYPOGRAPHIC_QUOTES = /[\u2018\u2019]+/g;

/**
 * Quotes any value that may come from the inventory (a unit's name, a vendor's
 * service name) after replacing what a shell cannot carry: NUL becomes U+FFFD, and
 * lone UTF-16 surrogates (which have no UTF-8 form) become U+FFFD as they would in
 * any file we write. Every other character, control characters included, is kept.
 */
export function shellText(value: string): string {
  return shellQuote(value.replace(LONE_SURROGATES, "\uFFFD").replaceAll("\u0000", "\uFFFD"));
}
