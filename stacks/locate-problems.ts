/**
 * Problems the stacks find after the inventory loaded (a subnet too small, a data zone
 * with a route out, a bad ATTT_* setting) pointed at the file and line that caused them,
 * like every other input problem: exit code 2, file:line:column, the field.
 */
import type { LoadedInventory } from "../model/load-inventory.js";
import { InputError, type Problem } from "../model/problems.js";
import { planDatacentre } from "./datacentre-plan.js";
import { StackInputError, type StackProblem } from "./errors.js";
import { resolveOptions } from "./options.js";

const ENVIRONMENT = "environment ";

export function locateStackProblems(
  problems: ReadonlyArray<StackProblem>,
  loaded: LoadedInventory,
): InputError {
  return new InputError(
    problems.map((p): Problem => {
      const said = {
        expected: "a data centre the stacks can build securely",
        found: p.message,
        message: p.message,
      };
      if (p.path.startsWith(ENVIRONMENT))
        return { file: "(environment)", line: 0, column: 0, path: p.path.slice(ENVIRONMENT.length), ...said };
      const [head, ...rest] = parsePath(p.path);
      if (head !== "datacentre") return { file: "(inventory)", line: 0, column: 0, path: p.path, ...said };
      return { ...loaded.origins.where(loaded.inventory.datacentre, rest), ...said };
    }),
  );
}

/** `datacentre.zones[2].subnet` -> ["datacentre", "zones", 2, "subnet"]. */
function parsePath(path: string): PropertyKey[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : (m[1] as string),
  );
}

/**
 * Throws, located, what synth would refuse in this inventory (a subnet too small,
 * overlapping zones, a data zone with a route out ...): for commands that must say so
 * before they write anything (validate, demo).
 */
export function assertDatacentreBuildable(loaded: LoadedInventory): void {
  try {
    planDatacentre(loaded.inventory, resolveOptions(loaded.inventory.datacentre.id));
  } catch (e) {
    if (e instanceof StackInputError) throw locateStackProblems(e.problems, loaded);
    throw e;
  }
}
