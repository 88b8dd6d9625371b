/** Whether a figure meets a target, by the target's comparator. */
export const meets = (value: number, comparator: string, target: number): boolean =>
  comparator === ">=" ? value >= target : comparator === "<=" ? value <= target : value === target;
