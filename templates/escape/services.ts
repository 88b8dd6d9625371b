/**
 * Escaping for the service configuration files of the data centre (templates/services/).
 *
 * Every value a template inserts goes through exactly one of these, chosen for the
 * language of the file it lands in. Each either returns text that the target parser
 * reads back as the same value, or refuses (ConfigEscapeError) when the language has no
 * way to carry the value: nftables and rsyslog comments cannot hold a newline, an
 * address must be an address. A refusal names the value, so the inventory can be fixed.
 */
import { CRON_EXPECTED, isCronSchedule } from "../../model/cron.js";
import { confComment } from "./conf-comment.js";
import { rsyslogParam } from "./rsyslog.js";
import { shellQuote } from "./shell.js";

export class ConfigEscapeError extends Error {
  constructor(language: string, value: unknown, why: string) {
    super(`cannot write ${JSON.stringify(value)} into ${language}: ${why}`);
    this.name = "ConfigEscapeError";
  }
}

/** POSIX shell: a single-quoted word (the toolkit's one shell quoting, shared with the baselines). */
export function shellWord(value: string | number): string {
  return shellQuote(String(value));
}

/**
 * YAML: a double-quoted flow scalar. JSON's string syntax is a subset of YAML's
 * double-quoted style, and JSON.stringify escapes quotes, backslashes and every control
 * character, so the result always parses back to the same string. Numbers are written
 * as numbers (they are only ever ports, counts and durations we computed).
 */
export function yamlValue(value: string | number | boolean): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ConfigEscapeError("YAML", value, "not a finite number");
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  // U+2028/2029 are line breaks to YAML but plain characters to JSON: escape them too.
  return JSON.stringify(value).replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NFT_UNSAFE_ALL = /["\\]|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * nftables: a double-quoted string (comments, log prefixes). The nft scanner ends a
 * quoted string at the next `"` and offers no escape sequence, so a quote, a
 * backslash or a control character cannot be carried: they are refused rather than
 * silently changed, except in free text (`lossy`), where each becomes `_`.
 */
export function nftString(value: string, options: { lossy?: boolean; max?: number } = {}): string {
  const max = options.max ?? 128;
  let text = value;
  if (options.lossy) text = text.replace(NFT_UNSAFE_ALL, "_");
  else if (/["\\]/.test(text) || CONTROL.test(text)) {
    throw new ConfigEscapeError(
      "an nftables string",
      value,
      "it holds a quote, a backslash or a control character",
    );
  }
  // nft limits comments to 128 bytes (NFT_USERDATA_MAXLEN is larger, but the parser checks 128).
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length > max) text = truncateUtf8(text, max);
  return `"${text}"`;
}

function truncateUtf8(text: string, maxBytes: number): string {
  let out = "";
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, "utf8") > maxBytes) break;
    out += ch;
  }
  return out;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 address or CIDR block, checked (nftables, pg_hba.conf and rsyslog take them bare). */
export function ipv4OrCidr(value: string): string {
  const [addr, prefix, extra] = value.split("/");
  const prefixOk = prefix === undefined || (/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32);
  if (extra !== undefined || addr === undefined || !IPV4.test(addr) || !prefixOk) {
    throw new ConfigEscapeError("an address field", value, "not an IPv4 address or CIDR block");
  }
  return value;
}

/** A non-negative integer (ports, sizes, counts), checked. */
export function integer(value: number | string): string {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || String(n) !== String(value)) {
    throw new ConfigEscapeError("an integer field", value, "not a non-negative integer");
  }
  return String(n);
}

/** A bare identifier (nftables chain/set names, rsyslog ruleset names, metric label names). */
export function identifier(value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(value)) {
    throw new ConfigEscapeError("an identifier", value, "identifiers here are letters, digits, '_' and '-'");
  }
  return value;
}

/** rsyslog RainerScript string constant: the toolkit's one rsyslog escaping (templates/escape/rsyslog.ts). */
export const rsyslogString = rsyslogParam;

/**
 * One cron schedule (five fields) for a crontab line. The inventory only checks there
 * are five words; a word may not carry a shell or a newline into the host's crontab,
 * so each field is limited to what cron itself accepts.
 */
export function cronSchedule(value: string): string {
  if (!isCronSchedule(value))
    throw new ConfigEscapeError("a crontab schedule", value, `expected ${CRON_EXPECTED}`);
  return value
    .trim()
    .split(/[ \t]+/)
    .join(" ");
}

/**
 * A comment line in shell, nftables, YAML, crontab or pg_hba (all start comments with `#`):
 * the same rule as every `#` comment the toolkit writes (templates/escape/conf-comment.ts).
 */
export const hashComment = confComment;

/**
 * One argument of a crontab command: a shell word in which cron's own special
 * character `%` (a newline, then standard input) cannot occur.
 */
export function crontabArgument(value: string): string {
  if (/[%\n\r]/.test(value))
    throw new ConfigEscapeError("a crontab command", value, "cron reads % and line breaks itself");
  return shellQuote(value);
}
