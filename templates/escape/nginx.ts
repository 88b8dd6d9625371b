/**
 * The one way a value enters a generated nginx configuration.
 *
 * nginx's tokenizer (ngx_conf_read_token) reads a token that starts with `"` up to the
 * next unescaped `"`; inside it `;`, `{`, `}`, `#` and `'` are plain characters, and the
 * copy loop turns `\"` into `"` and `\\` into `\` (and `\t`, `\r`, `\n` into control
 * characters, which is why a lone backslash must be doubled). So a value written as a
 * double-quoted token, with `\` and `"` escaped, is exactly one argument of exactly one
 * directive, whatever it holds, with two exceptions nginx offers no escape for:
 *
 * - `$`: most directives (add_header, ssl_certificate, access_log, proxy_pass, return
 *   ...) expand `$name` and `${name}` at request time, quoted or not, and nginx has no
 *   escape for a literal `$`. A `$` in data would read a request variable: refused.
 * - control characters (line breaks, tabs, NUL, C1, U+2028/2029): nothing we write
 *   (a header value, a path) may hold one, and a line break inside a header value
 *   would split the HTTP response: refused.
 *
 * `nginxWord` is for the few places a value must stay a bare word because it is part of
 * a larger token nginx reads unquoted (`zone=NAME:10m`, `server 10.0.0.1:8080`): it
 * accepts only letters, digits and `. _ : / - * [ ]` and refuses anything else.
 */
import { LONE_SURROGATE } from "../../model/unicode.js";

export class NginxEscapeError extends Error {
  constructor(value: string, why: string) {
    super(`cannot write ${JSON.stringify(value.slice(0, 80))} into an nginx configuration: expected ${why}`);
    this.name = "NginxEscapeError";
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Why `value` cannot be an nginx string (phrased as what is expected), or undefined when it can. */
export function nginxStringProblem(value: string): string | undefined {
  if (value.includes("$"))
    return 'text without "$" (nginx reads $name as a variable here and has no escape for it)';
  if (CONTROL.test(value)) return "one line of text without control characters (line breaks, tabs, NUL)";
  if (LONE_SURROGATE.test(value)) return "text that can be written as UTF-8 (found a lone UTF-16 surrogate)";
  return undefined;
}

/** A double-quoted nginx token whose value is exactly `value`. */
export function nginxString(value: string): string {
  const problem = nginxStringProblem(value);
  if (problem) throw new NginxEscapeError(value, problem);
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const WORD = /^[A-Za-z0-9._:/*[\]-]+$/;

export function nginxWordProblem(value: string): string | undefined {
  return WORD.test(value) ? undefined : "a bare word of letters, digits and . _ : / - * [ ]";
}

/** A bare nginx word, checked: it can neither end the directive nor open or close a block. */
export function nginxWord(value: string): string {
  const problem = nginxWordProblem(value);
  if (problem) throw new NginxEscapeError(value, problem);
  return value;
}
