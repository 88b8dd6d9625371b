/**
 * The one way a value enters a generated rsyslog configuration: as a RainerScript
 * string constant in a parameter of an object (`action(... target="...")`,
 * `input(... file="...")`).
 *
 * In that position (the lexer's INOBJ state) a string is `"` followed by any
 * characters other than `"` and `\`, or backslash escapes, up to `"`. `$`, backticks,
 * `'`, `;`, `#`, `{}` and `()` are plain characters there: RainerScript expands `$`
 * only in expressions and templates, and backticks only around a whole unquoted value.
 * So `\` and `"` are escaped and the value is one parameter of one object.
 *
 * Control characters are refused rather than escaped: the escape sets for them differ
 * between rsyslog versions (newer lexers accept C escapes and octal, older ones fewer),
 * and no path, tag or host name we write may hold one.
 *
 * Never use this inside an `if` expression: there a `$` must be written `\$`.
 */
import { LONE_SURROGATE } from "../../model/unicode.js";

export class RsyslogEscapeError extends Error {
  constructor(value: string, why: string) {
    super(
      `cannot write ${JSON.stringify(value.slice(0, 80))} into an rsyslog configuration: expected ${why}`,
    );
    this.name = "RsyslogEscapeError";
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function rsyslogParamProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return "one line of text without control characters (line breaks, tabs, NUL)";
  if (LONE_SURROGATE.test(value)) return "text that can be written as UTF-8 (found a lone UTF-16 surrogate)";
  return undefined;
}

/** A RainerScript string constant for an object parameter, whose value is exactly `value`. */
export function rsyslogParam(value: string): string {
  const problem = rsyslogParamProblem(value);
  if (problem) throw new RsyslogEscapeError(value, problem);
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
