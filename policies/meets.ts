import type { Target } from "../model/catalogue.js";

/** Whether a figure meets a target, by the target's comparator. */
export const meets = (value: number, comparator: string, target: number): boolean =>
  comparator === ">=" ? value >= target : comparator === "<=" ? value <= target : value === target;

/**
 * Whether a headline figure meets its target. A percentage target is met by the figure; a
 * target in other units (24 hours a day, once a year) is a condition on each subject, and
 * the figure is the share of subjects meeting it: met only when all of them do (100%).
 */
export const targetMet = (value: number, target: Pick<Target, "comparator" | "value" | "unit">): boolean =>
  target.unit === "percent" ? meets(value, target.comparator, target.value) : value === 100;
