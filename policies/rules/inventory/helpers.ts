/** Small facts about the inventory that several policies need. */
import type { InformationSystem, Person } from "../../../model/inventory.js";

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
