/** Helpers that turn counts into the plans' percentages. */
import type { Measure } from "./policy.js";

/** The percentage of true values (100 for an empty population, which the engine reads as "counted nothing"). */
export function share(requirement: string, values: boolean[], breakdown?: Measure["breakdown"]): Measure {
  const numerator = values.filter(Boolean).length;
  const denominator = values.length;
  return {
    requirement,
    value: percent(numerator, denominator),
    numerator,
    denominator,
    // Every value comes from a field the inventory requires: the whole population had data.
    coverage: { population: denominator, withData: denominator },
    ...(breakdown ? { breakdown } : {}),
  };
}

export function percent(numerator: number, denominator: number): number {
  return denominator === 0 ? 100 : Math.round((numerator / denominator) * 10000) / 100;
}
