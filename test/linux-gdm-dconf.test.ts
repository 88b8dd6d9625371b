/**
 * The GNOME lockdown (linux.desktop.gdm-lockdown) as dconf itself reads it: the bundle's
 * keyfiles compiled by `dconf compile` (what apply.sh's `dconf update` does on a machine
 * with a desktop) and read back with `dconf read`, per role and level.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MachineRole } from "../model/inventory.js";
import { debianUnit, fileText, linuxBundle, writeBundle } from "./helpers/linux-bundles.js";
import { run } from "./helpers/linux-root.js";

const unavailable =
  run("dconf", ["help"]).status === -1 ? "needs dconf (apt-get install dconf-cli)" : undefined;
if (unavailable) console.warn(`linux-gdm-dconf tests skipped: ${unavailable}`);

const work = mkdtempSync(join(tmpdir(), "attt-dconf-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Compiles the bundle's database `db` (local or gdm) and returns a reader of its keys. */
function compiled(role: MachineRole, level: 2 | 3, db: "local" | "gdm") {
  const bundle = linuxBundle(debianUnit(role, { level }), role);
  const dir = writeBundle(join(work, `${role}-${level}`), bundle.emitted);
  const out = join(work, `${role}-${level}-${db}`);
  const compile = run("dconf", ["compile", out, join(dir, `files/etc/dconf/db/${db}.d`)]);
  expect(compile.status, compile.stderr).toBe(0);
  const profile = `${out}.profile`;
  writeFileSync(profile, `file-db:${out}\n`);
  const read = (key: string) =>
    run("dconf", ["read", key], { env: { ...process.env, DCONF_PROFILE: profile } }).stdout.trim();
  return { read, bundle };
}

describe.skipIf(unavailable !== undefined)("GNOME lockdown compiled by dconf", () => {
  it("the login screen shows the console's legal notice and no user list", () => {
    const { read, bundle } = compiled("lab", 2, "gdm");
    expect(read("/org/gnome/login-screen/disable-user-list")).toBe("true");
    expect(read("/org/gnome/login-screen/banner-message-enable")).toBe("true");
    const issue = fileText(bundle.emitted, "files/etc/issue").trimEnd();
    expect(read("/org/gnome/login-screen/banner-message-text")).toBe(`'${issue.replaceAll("\n", "\\n")}'`);
  });

  it("the screen locks when idle (15 minutes, 10 from level 3) and media never autorun", () => {
    const lab = compiled("lab", 2, "local").read;
    expect(lab("/org/gnome/desktop/session/idle-delay")).toBe("uint32 900");
    expect(lab("/org/gnome/desktop/screensaver/lock-enabled")).toBe("true");
    expect(lab("/org/gnome/desktop/screensaver/lock-delay")).toBe("uint32 5");
    expect(lab("/org/gnome/desktop/media-handling/autorun-never")).toBe("true");
    expect(compiled("office", 3, "local").read("/org/gnome/desktop/session/idle-delay")).toBe("uint32 600");
  });

  it("removable media still mount on school desktops; not on servers or classified machines", () => {
    expect(compiled("teacher", 2, "local").read("/org/gnome/desktop/media-handling/automount")).toBe("");
    for (const role of ["server", "classified"] as const) {
      const { read } = compiled(role, 2, "local");
      expect(read("/org/gnome/desktop/media-handling/automount"), role).toBe("false");
      expect(read("/org/gnome/desktop/media-handling/automount-open"), role).toBe("false");
    }
  });
});
