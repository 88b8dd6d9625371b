/**
 * What `terraform init` leaves in a stack's directory and a re-synth must not lose: the
 * dependency lock file (`.terraform.lock.hcl`, the provider's checksums the operator
 * reviewed) and the working directory (`.terraform/`, the installed provider). A synth
 * replaces its output whole, so these are carried from the previous output into the new
 * one just before it is swapped into place; nothing else of the old output is kept.
 */
import { copyFileSync, existsSync, renameSync } from "node:fs";
import { join } from "node:path";

/** Names `terraform init` writes in a stack's directory. */
export const TERRAFORM_WORK_FILES = [".terraform.lock.hcl", ".terraform"] as const;

/**
 * Carries the Terraform files of each stack from `previous` (the output being replaced)
 * into `next` (the staging directory). Returns a function that puts the moved working
 * directories back, for when the swap fails and the previous output stays.
 */
export function carryTerraformFiles(
  previous: string,
  next: string,
  stacks: ReadonlyArray<string>,
): () => void {
  const moved: Array<{ from: string; to: string }> = [];
  for (const stack of stacks) {
    const from = join(previous, "stacks", stack);
    const to = join(next, "stacks", stack);
    if (!existsSync(to)) continue;
    const lock = join(from, ".terraform.lock.hcl");
    // A copy: the lock file is small, and the previous output keeps it should the swap fail.
    if (existsSync(lock)) copyFileSync(lock, join(to, ".terraform.lock.hcl"));
    const work = join(from, ".terraform");
    if (existsSync(work)) {
      // A rename: the provider binary is tens of megabytes, and both lie in the same parent.
      renameSync(work, join(to, ".terraform"));
      moved.push({ from: work, to: join(to, ".terraform") });
    }
  }
  return () => {
    for (const m of moved) if (existsSync(m.to) && !existsSync(m.from)) renameSync(m.to, m.from);
  };
}
