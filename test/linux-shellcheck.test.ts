/**
 * ShellCheck (the Debian package) on every generated script, at its strictest
 * severity (-S style, so style notes count too), for every role and for a bundle
 * full of hostile values.
 *
 * ShellCheck uses one core per process and takes seconds per script: the cases run
 * concurrently (one process each, the hostile bundles one process per bundle), so a
 * machine's cores share the work.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, it } from "vitest";
import type { MachineRole } from "../model/inventory.js";
import { debianUnit, linuxBundle, writeBundle } from "./helpers/linux-bundles.js";
import { hostileStrings } from "./helpers/linux-hostile.js";
import { run } from "./helpers/linux-root.js";

const missing =
  run("shellcheck", ["--version"]).status !== 0
    ? "shellcheck is not installed (linux-prepare.sh installs it)"
    : undefined;
if (missing) console.warn(`linux-shellcheck tests skipped: ${missing}`);

const work = mkdtempSync(join(tmpdir(), "attt-shellcheck-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified", "server"];

/** ShellCheck's findings on the scripts (stdout and stderr; "" when none) and its exit code. */
async function shellcheck(scripts: string[]): Promise<{ output: string; status: number }> {
  const r = await execa("shellcheck", ["-x", "-S", "style", "-s", "bash", ...scripts], {
    reject: false,
    all: true,
    timeout: 300_000,
  });
  return { output: r.all ?? "", status: r.exitCode ?? -1 };
}

describe.skipIf(missing !== undefined).concurrent("shellcheck -S style on the generated scripts", () => {
  it.for(ROLES)("role %s: no findings", { timeout: 300_000 }, async (role, { expect }) => {
    const dir = writeBundle(
      join(work, role),
      linuxBundle(debianUnit(role, { level: role === "server" ? 3 : 2 }), role).emitted,
    );
    const r = await shellcheck(["attt.sh", "apply.sh", "audit.sh", "undo.sh"].map((f) => join(dir, f)));
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  it("typographic quotes (‘ ’) in names: no findings (SC1112 took them for mistyped quotes)", async ({
    expect,
  }) => {
    const bundle = linuxBundle(debianUnit("lab"), "lab", (u) => {
      u.name = "Trường ‘Lê Lợi’ ’‘ it’s 'x' \u2018";
    });
    const dir = writeBundle(join(work, "typographic"), bundle.emitted);
    const r = await shellcheck(["apply.sh", "audit.sh", "undo.sh"].map((f) => join(dir, f)));
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
    // The name is in the scripts, so the check above saw it.
    expect(run("grep", ["-c", "Lê Lợi", join(dir, "apply.sh")]).status).toBe(0);
  }, 300_000);

  it("6 bundles of generated hostile values: no findings", async ({ expect }) => {
    const names = hostileStrings(11, 6, "/tmp/x", 500);
    const services = hostileStrings(12, 6, "/tmp/x", 256);
    const scripts = names.map((name, i) => {
      const bundle = linuxBundle(debianUnit("lab"), "lab", (u) => {
        u.name = name;
        const group = u.machines[0] as (typeof u.machines)[number];
        group.antiMalware = { product: "p", licensedUntil: "2027-01-01", service: services[i] as string };
      });
      const dir = writeBundle(join(work, `hostile-${i}`), bundle.emitted);
      return ["apply.sh", "audit.sh", "undo.sh"].map((f) => join(dir, f));
    });
    expect(scripts).toHaveLength(6);
    // 18 scripts, over a minute in one process on a busy two-core machine: one process per bundle.
    const results = await Promise.all(scripts.map(shellcheck));
    expect(results).toEqual(scripts.map(() => ({ output: "", status: 0 })));
  }, 300_000);
});
