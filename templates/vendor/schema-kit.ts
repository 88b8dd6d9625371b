/**
 * Building blocks of the vendor templates' input schemas.
 *
 * A field that lands in a file is checked by the SAME rule its escaping helper applies
 * (nginxStringProblem, rsyslogParamProblem ...), so a value the target language cannot
 * carry is refused while the values file is read, with its line and field, and never
 * half-way through rendering.
 */
import { isIP } from "node:net";
import { z } from "zod";

type ProblemOf = (value: string) => string | undefined;

/** A string that must also satisfy the target language's rule (`problem` says what is expected). */
export function textFor(problem: ProblemOf, options: { min?: number; max?: number } = {}) {
  return z
    .string()
    .min(options.min ?? 1)
    .max(options.max ?? 500)
    .superRefine((value, ctx) => {
      const why = problem(value);
      if (why) ctx.addIssue({ code: "custom", message: why });
    });
}

/** Every rule at once: a value that lands in two languages must suit both. */
export const allOf =
  (...problems: ProblemOf[]): ProblemOf =>
  (value) => {
    for (const p of problems) {
      const why = p(value);
      if (why) return why;
    }
    return undefined;
  };

export const absolutePath: ProblemOf = (value) =>
  value.startsWith("/") && !value.split("/").includes("..")
    ? undefined
    : 'an absolute path (starting with "/", without "..")';

const DNS_NAME =
  /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A DNS name or an IP address (the forms nginx, rsyslog and PostgreSQL all read bare). */
export const HostName = z
  .string()
  .refine(
    (s) => DNS_NAME.test(s) || isIP(s) !== 0,
    "a DNS name (letters, digits, '-' and '.') or an IP address",
  );

/** A DNS name as a TLS peer or virtual host: letters, digits, '-', '.', an optional leading "*.". */
export const DnsName = z
  .string()
  .refine(
    (s) => DNS_NAME.test(s.startsWith("*.") ? s.slice(2) : s),
    "a DNS name such as portal.hungyen.edu.vn",
  );

export const Port = z.number().int().min(1).max(65535);

/** An IPv4 or IPv6 address with a prefix length. */
export const Cidr = z.string().refine((s) => {
  const m = /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/.exec(s);
  const family = m?.[1] ? isIP(m[1]) : 0;
  return family !== 0 && Number(m?.[2]) <= (family === 4 ? 32 : 128);
}, "an IPv4 or IPv6 address with a prefix length, such as 10.70.20.0/24");

/** A short identifier used to name files, zones and queues. */
export const Slug = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9_-]{0,46}[a-z0-9])?$/,
    "an identifier of lowercase letters, digits, '-' and '_' (at most 48)",
  );

/**
 * Human text in a Markdown document: any characters (the helpers escape them), but at
 * least one visible one, since blank text would leave an empty cell or list item.
 */
export const Prose = (max = 2000) =>
  z
    .string()
    .min(1)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    .refine((s) => /[^\s\u0000-\u001f\u007f-\u009f]/.test(s), "text with at least one visible character");

/** Time of day, 24-hour HH:MM. */
export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day written HH:MM (24-hour)");

/** A date-time with an explicit offset, such as 2026-11-20T08:15:00+07:00. */
export const OffsetDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/,
    "a date and time with its offset, such as 2026-11-20T08:15:00+07:00",
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), "a real date and time");
