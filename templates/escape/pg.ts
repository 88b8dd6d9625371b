/**
 * The one way a value enters PostgreSQL's configuration files.
 *
 * postgresql.conf (guc-file.l): a string value is `'...'`; inside it `''` is a quote,
 * and GUC_scanstr() turns `\\` into `\`, `\n` `\t` `\r` `\b` `\f` into control characters
 * and `\ooo` (octal) into that byte. A raw line break cannot occur inside the quotes.
 * So: backslash doubled, quote doubled, every control character written as a
 * three-digit octal escape; NUL (which would end the C string) is refused.
 *
 * pg_hba.conf (hba.c, next_token): a token in double quotes keeps `,` `#` and spaces,
 * is never a keyword (`"all"` is a database named all), never a group (`+`) or file
 * inclusion (`@`), and `""` inside it is one `"`. Line breaks end the record, so a
 * name with a control character is refused. Addresses are parsed and printed back
 * (node:net), never copied.
 */

import { isIP } from "node:net";
import { LONE_SURROGATE } from "../../model/unicode.js";

export class PgEscapeError extends Error {
  constructor(file: string, value: string, why: string) {
    super(`cannot write ${JSON.stringify(value.slice(0, 80))} into ${file}: expected ${why}`);
    this.name = "PgEscapeError";
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

// ---------------------------------------------------------------- postgresql.conf

export function pgConfStringProblem(value: string): string | undefined {
  if (value.includes("\u0000")) return "text without NUL (PostgreSQL settings are C strings)";
  if (LONE_SURROGATE.test(value)) return "text that can be written as UTF-8 (found a lone UTF-16 surrogate)";
  return undefined;
}

/** A postgresql.conf string literal whose value is exactly `value`. */
export function pgConfString(value: string): string {
  const problem = pgConfStringProblem(value);
  if (problem) throw new PgEscapeError("postgresql.conf", value, problem);
  const body = value
    .replaceAll("\\", "\\\\")
    .replaceAll("'", "''")
    // Octal escapes are byte values: a control character here is always one UTF-8 byte
    // (C1 characters are two bytes, written as two escapes).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    .replace(/[\u0001-\u001f\u007f-\u009f]/g, (c) =>
      [...Buffer.from(c, "utf8")].map((b) => `\\${b.toString(8).padStart(3, "0")}`).join(""),
    );
  return `'${body}'`;
}

// ---------------------------------------------------------------- pg_hba.conf

/** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes; a longer name in pg_hba could never match. */
const MAX_NAME_BYTES = 63;

export function pgHbaNameProblem(value: string): string | undefined {
  if (value === "") return "a non-empty name";
  if (CONTROL.test(value)) return "a name on one line, without control characters";
  if (LONE_SURROGATE.test(value))
    return "a name that can be written as UTF-8 (found a lone UTF-16 surrogate)";
  if (Buffer.byteLength(value, "utf8") > MAX_NAME_BYTES)
    return `a name of at most ${MAX_NAME_BYTES} bytes (PostgreSQL's limit)`;
  return undefined;
}

/** One database or role name as a quoted pg_hba.conf token (never a keyword, group or @file). */
export function pgHbaName(value: string): string {
  const problem = pgHbaNameProblem(value);
  if (problem) throw new PgEscapeError("pg_hba.conf", value, problem);
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * The DATABASE or USER field: the keyword `all` when given the string "all" (a
 * deliberate choice in the values), otherwise a comma-separated list of quoted names.
 */
export function pgHbaNames(value: "all" | readonly string[]): string {
  if (value === "all") return "all";
  if (value.length === 0) throw new PgEscapeError("pg_hba.conf", "", "at least one name");
  return value.map(pgHbaName).join(",");
}

export function pgHbaAddressProblem(value: string): string | undefined {
  return parseCidr(value) ? undefined : "an IPv4 or IPv6 address with a prefix length, such as 10.70.20.0/24";
}

/** An address/prefix for the ADDRESS field, parsed and printed back. */
export function pgHbaAddress(value: string): string {
  const cidr = parseCidr(value);
  if (!cidr) throw new PgEscapeError("pg_hba.conf", value, "an IPv4 or IPv6 address with a prefix length");
  return `${cidr.address}/${cidr.prefix}`;
}

function parseCidr(value: string): { address: string; prefix: number } | undefined {
  const m = /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/.exec(value);
  if (!m?.[1] || !m[2]) return undefined;
  const family = isIP(m[1]);
  const prefix = Number(m[2]);
  if (family === 0 || prefix > (family === 4 ? 32 : 128)) return undefined;
  // IPv4 is re-printed from its numbers (drops leading zeros, which PostgreSQL would read as octal elsewhere).
  const address = family === 4 ? m[1].split(".").map(Number).join(".") : m[1].toLowerCase();
  return { address, prefix };
}
