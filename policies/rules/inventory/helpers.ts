/** Small facts about the inventory that several policies need. */
import type { InformationSystem, Person, Training } from "../../../model/inventory.js";
import type { Measure } from "../../policy.js";

/** A person's status as the Vietnamese findings say it. */
export const STATUS_VI: Record<Person["status"], string> = {
  active: "đang công tác",
  retired: "nghỉ hưu",
  resigned: "thôi việc",
  transferred: "chuyển công tác",
};

/** Days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** HY-PROV-29: level 3 and above every year, levels 1-2 every two years. */
export function assessmentIntervalDays(level: number): number {
  return level >= 3 ? 366 : 731;
}

export function assessmentOnTime(sys: InformationSystem, asOf: string): boolean {
  return (
    sys.lastAssessmentOn !== null &&
    daysBetween(sys.lastAssessmentOn, asOf) <= assessmentIntervalDays(sys.level)
  );
}

/** A system that is running (or was live on the check date). */
export const isLive = (sys: InformationSystem, asOf: string): boolean =>
  sys.liveSince !== null && sys.liveSince <= asOf;

/** The reporting year: the calendar year of the check date. */
export const yearOf = (date: string): string => date.slice(0, 4);

/**
 * People of the staff list who attended a training in the reporting year (on or before
 * asOf), optionally of one kind only.
 */
export function trainedThisYear(
  trainings: Training[],
  asOf: string,
  kind?: Training["kind"],
): Map<string, Training> {
  const out = new Map<string, Training>();
  for (const t of [...trainings].sort((a, b) => a.date.localeCompare(b.date)))
    if (yearOf(t.date) === yearOf(asOf) && t.date <= asOf && (!kind || t.kind === kind))
      for (const a of t.attendees) out.set(a, t);
  return out;
}

/** The first names of a list, then "...": findings stay readable for large units. */
export function someOf(items: string[], max = 10): string {
  return items.length > max ? `${items.slice(0, max).join(", ")}, ...` : items.join(", ");
}

/** Hours between two moments written with their offsets. */
export const hoursBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / 3_600_000;

/**
 * How much of a position-based population the inventory can count: people whose position
 * is not stated cannot be counted as leaders, IT staff or teachers, so they are the gap
 * in the figure's coverage, never silently counted as "not one of them".
 */
export function positionCoverage(people: Person[], of: string): Measure["coverage"] {
  return { population: people.length, withData: people.filter((p) => p.position).length, of };
}
