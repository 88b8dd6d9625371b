/**
 * The inventory describes a data centre the stacks refuse to build insecurely
 * (a data zone with a route out, a port published from the backup zone, a flow into
 * the data zone from outside the application zone ...). Each problem names the
 * inventory field and says how to fix it; all of them are gathered before throwing.
 */
export interface StackProblem {
  /** Field path in the inventory, e.g. `datacentre.zones[2].internet`. */
  path: string;
  message: string;
}

export class StackInputError extends Error {
  constructor(readonly problems: StackProblem[]) {
    super(
      `the data centre cannot be synthesized securely:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n")}`,
    );
    this.name = "StackInputError";
  }
}
