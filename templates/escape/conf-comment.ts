/**
 * Free text after a `#` in nginx, PostgreSQL and rsyslog configuration files. Those
 * comments end at the line break, so the text is kept on one line: every control
 * character (and U+2028/2029, which editors show as line breaks) becomes a space.
 *
 * A comment must not END with a backslash either: rsyslog joins a line ending in `\`
 * with the next one even inside a comment (so `# /var/log/\` would swallow the
 * directive below it), and PostgreSQL 16+ does the same in pg_hba.conf. Trailing
 * backslashes and white space are dropped.
 *
 * This is lossy on purpose: a comment only informs the reader. Lone UTF-16 surrogates
 * (no UTF-8 form) become U+FFFD.
 */
import { LONE_SURROGATES } from "../../model/unicode.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function confComment(value: string): string {
  return value
    .replace(LINE_BREAKING, " ")
    .replace(LONE_SURROGATES, "\uFFFD")
    .replace(/[\s\\]+$/, "");
}
