/** Helpers that turn counts into the plans' percentages. */
import type { Measure } from "./policy.js";

/** The percentage of true values (100 for an empty population: nothing is out of line). */
export function share(requirement: string, values: boolean[], breakdown?: Measure["breakdown"]): Measure {
  const numerator = values.filter(Boolean).length;
  const denominator = values.length;
  return {
    requirement,
    value: percent(numerator, denominator),
    numerator,
    denominator,
    ...(breakdown ? { breakdown } : {}),
  };
}

export function percent(numerator: number, denominator: number): number {
  return denominator === 0 ? 100 : Math.round((numerator / denominator) * 10000) / 100;
}
