/**
 * ShellCheck (the Debian package) on every generated script, at its strictest
 * severity (-S style, so style notes count too), for every role and for a bundle
 * full of hostile values.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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

describe.skipIf(missing !== undefined)("shellcheck -S style on the generated scripts", () => {
  it.each(ROLES)("role %s: no findings", (role) => {
    const dir = writeBundle(
      join(work, role),
      linuxBundle(debianUnit(role, { level: role === "server" ? 3 : 2 }), role).emitted,
    );
    const r = run("shellcheck", [
      "-x",
      "-S",
      "style",
      "-s",
      "bash",
      ...["attt.sh", "apply.sh", "audit.sh", "undo.sh"].map((f) => join(dir, f)),
    ]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("typographic quotes (‘ ’) in names: no findings (SC1112 took them for mistyped quotes)", () => {
    const bundle = linuxBundle(debianUnit("lab"), "lab", (u) => {
      u.name = "Trường ‘Lê Lợi’ ’‘ it’s 'x' \u2018";
    });
    const dir = writeBundle(join(work, "typographic"), bundle.emitted);
    const scripts = ["apply.sh", "audit.sh", "undo.sh"].map((f) => join(dir, f));
    const r = run("shellcheck", ["-x", "-S", "style", "-s", "bash", ...scripts]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
    // The name is in the scripts, so the check above saw it.
    expect(run("grep", ["-c", "Lê Lợi", join(dir, "apply.sh")]).status).toBe(0);
  });

  it("6 bundles of generated hostile values: no findings", () => {
    const names = hostileStrings(11, 6, "/tmp/x", 500);
    const services = hostileStrings(12, 6, "/tmp/x", 256);
    const scripts = names.flatMap((name, i) => {
      const bundle = linuxBundle(debianUnit("lab"), "lab", (u) => {
        u.name = name;
        const group = u.machines[0] as (typeof u.machines)[number];
        group.antiMalware = { product: "p", licensedUntil: "2027-01-01", service: services[i] as string };
      });
      const dir = writeBundle(join(work, `hostile-${i}`), bundle.emitted);
      return ["apply.sh", "audit.sh", "undo.sh"].map((f) => join(dir, f));
    });
    // 18 scripts in one run: over a minute on a busy two-core machine.
    const r = run("shellcheck", ["-x", "-S", "style", "-s", "bash", ...scripts], { timeout: 300_000 });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
