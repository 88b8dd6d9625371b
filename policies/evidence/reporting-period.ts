/**
 * The reporting period of machine evidence: the province's evidencePeriodDays up to and
 * including asOf (attt check), or the named period up to asOf (attt report --period), in Vietnam's time (UTC+7, no daylight saving). An audit counts when it
 * was collected inside it; before it the evidence is stale, after it (a wrong clock, a
 * hand-edited date) it cannot be true on asOf.
 */
const DAY_MS = 86_400_000;
const VIETNAM = "+07:00";

export interface ReportingPeriod {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day (asOf), YYYY-MM-DD. */
  to: string;
  /** The instants bounding it: from <= t < until. */
  fromMs: number;
  untilMs: number;
}

export function reportingPeriod(asOf: string, days: number): ReportingPeriod {
  const untilMs = Date.parse(`${asOf}T00:00:00${VIETNAM}`) + DAY_MS;
  const fromMs = untilMs - days * DAY_MS;
  const from = new Date(fromMs + 7 * 3_600_000).toISOString().slice(0, 10);
  return { from, to: asOf, fromMs, untilMs };
}

/** The days `from` to `to` (both included, YYYY-MM-DD): a named period such as 2026-H1, up to asOf. */
export function periodBetween(from: string, to: string): ReportingPeriod {
  return {
    from,
    to,
    fromMs: Date.parse(`${from}T00:00:00${VIETNAM}`),
    untilMs: Date.parse(`${to}T00:00:00${VIETNAM}`) + DAY_MS,
  };
}

export type Timing = "current" | "stale" | "future";

export function timingOf(collectedAt: string, p: ReportingPeriod): Timing {
  const t = Date.parse(collectedAt);
  if (t >= p.untilMs) return "future";
  return t < p.fromMs ? "stale" : "current";
}
