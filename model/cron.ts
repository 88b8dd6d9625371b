/**
 * A five-field cron schedule, as Debian's cron accepts it: per field a list of `*`, values,
 * ranges (ascending) and steps (> 0), values within the field's range, names only where
 * cron takes them (months jan-dec, weekdays sun-sat). One rule for the inventory (so
 * `attt validate` refuses a line cron would reject, and backups would silently never run)
 * and for the crontab writer (templates/escape/services.ts).
 */
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    first: 1,
  },
  { name: "day of week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], first: 0 },
] as const;

export const CRON_EXPECTED =
  'a five-field cron schedule (minute 0-59, hour 0-23, day 1-31, month 1-12 or jan-dec, weekday 0-7 or sun-sat; * , - / as cron takes them), e.g. "0 1 * * *"';

type Field = (typeof FIELDS)[number];

function fieldValue(text: string, field: Field): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const names: readonly string[] | undefined = "names" in field ? field.names : undefined;
  const i = names?.indexOf(text.toLowerCase()) ?? -1;
  return i >= 0 && "first" in field ? i + field.first : undefined;
}

function fieldOk(text: string, field: Field): boolean {
  return text.split(",").every((item) => {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(item);
    if (!m) return false;
    const [, range = "", step] = m;
    if (step !== undefined && Number(step) === 0) return false;
    if (range === "*") return true;
    const [from, to, extra] = range.split("-");
    if (extra !== undefined || from === undefined) return false;
    const a = fieldValue(from, field);
    const b = to === undefined ? a : fieldValue(to, field);
    if (a === undefined || b === undefined) return false;
    // A step needs a range or *; "5/10" is not cron syntax Debian accepts everywhere.
    if (step !== undefined && to === undefined) return false;
    return a >= field.min && b <= field.max && a <= b;
  });
}

export function isCronSchedule(value: string): boolean {
  if (/[\r\n]/.test(value)) return false;
  const parts = value.trim().split(/[ \t]+/);
  return parts.length === FIELDS.length && parts.every((p, i) => fieldOk(p, FIELDS[i] as Field));
}
