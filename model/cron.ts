/**
 * A five-field cron schedule, as cron itself accepts it: digits, names (jan, mon), `*`,
 * ranges, steps and lists. One rule for the inventory (so `attt validate` refuses what
 * synth could not write) and for the crontab writer (templates/escape/services.ts).
 */
const FIELD = /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;

export const CRON_EXPECTED = 'a five-field cron schedule (digits, names, * , - /), e.g. "0 1 * * *"';

export function isCronSchedule(value: string): boolean {
  const fields = value.trim().split(/[ \t]+/);
  return !/[\r\n]/.test(value) && fields.length === 5 && fields.every((f) => FIELD.test(f));
}
