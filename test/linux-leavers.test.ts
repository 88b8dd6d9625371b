/**
 * disable-leaver-accounts.sh, the Linux counterpart of Disable-LeaverAccounts.ps1:
 *  1. where it is generated (beside the PS1, executable, in the unit's zip);
 *  2. hostile inventory strings leave the script's words outside quotes unchanged, and
 *     ShellCheck (-S style) finds nothing, benign or hostile;
 *  3. for real, chrooted into the Debian 12 test root: a leaver's user ends locked,
 *     expired and with nologin (one already locked and expired but with a login shell
 *     gets nologin too), an active person's user is untouched, a second run changes
 *     nothing, --dry-run changes nothing, the JSON log lists every account, a non-root
 *     run is refused (--dry-run too: it reads /etc/shadow), and hostile names are only
 *     ever data;
 *  4. for real too: a local account is touched only on a machine of its leaver's unit
 *     (the unit apply.sh recorded in /etc/attt-kit/bundle, or --unit where none is), so
 *     the province-wide script leaves alone a user of the same name on another unit's
 *     machine, and that user's own unit's script disables it on a machine of that unit.
 */

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { MANIFEST } from "../baselines/bundle/manifest.js";
import { unitZip } from "../baselines/bundle/unit-bundle.js";
import { UNIT_EXTRA_EXECUTABLES, unitExtraFiles } from "../baselines/bundle/unit-extras.js";
import { unzipFiles } from "../baselines/bundle/zip.js";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { emitters } from "../baselines/emit/index.js";
import {
  LINUX_LEAVER_SCRIPT,
  linuxLeaverScript,
  linuxLeaverScripts,
} from "../baselines/emit/linux/leavers.js";
import { PS_VERIFIER, SH_VERIFIER } from "../baselines/emit/verifiers.js";
import { LEAVER_SCRIPT, LEAVERS_DIR, leaverScripts } from "../baselines/emit/windows/leavers.js";
import { generateBundles } from "../baselines/generate.js";
import { type Inventory, Person } from "../model/inventory.js";
import { shellQuote } from "../templates/escape/shell.js";
import { debianUnit, testInventory } from "./helpers/linux-bundles.js";
import { asShellText, hostileStrings } from "./helpers/linux-hostile.js";
import {
  changedPaths,
  inRoot,
  rootTarball,
  rootTestsUnavailable,
  run,
  type ScratchRoot,
  scratchRoot,
  snapshot,
} from "./helpers/linux-root.js";

const work = mkdtempSync(join(tmpdir(), "attt-leavers-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type PersonInput = z.input<typeof Person>;
const person = (p: Partial<PersonInput> & { id: string }): Person =>
  Person.parse({
    name: `Người ${p.id}`,
    unit: "test-lab",
    status: "retired",
    since: "2026-06-30",
    accounts: [],
    ...p,
  });

/** A lab unit whose staff: three leavers with Linux users, an active teacher, leavers elsewhere. */
function leaverInventory(tweak: (inv: Inventory) => void = () => {}): Inventory {
  const inv = testInventory([debianUnit("lab"), debianUnit("office")]);
  inv.staff = [
    person({
      id: "alice",
      name: "Nguyễn Thị An",
      accounts: [
        { system: "linux-local", username: "alice" },
        { system: "windows-local", username: "alice" },
        { system: "csdl-nganh", username: "an.nt" },
      ],
    }),
    person({ id: "carol", status: "resigned", accounts: [{ system: "linux-local", username: "carol" }] }),
    person({ id: "dave", status: "transferred", accounts: [{ system: "linux-local", username: "dave" }] }),
    person({ id: "ghost", accounts: [{ system: "linux-local", username: "ghost.user" }] }),
    person({
      id: "bob",
      status: "active",
      since: undefined,
      accounts: [{ system: "linux-local", username: "bob" }],
    }),
    person({ id: "erin", unit: "test-office", accounts: [{ system: "linux-local", username: "erin" }] }),
  ];
  tweak(inv);
  return inv;
}

const UNIT_SCRIPT = `${LEAVERS_DIR}/test-lab/${LINUX_LEAVER_SCRIPT}`;

describe("where the Linux leaver scripts are generated", () => {
  const inv = leaverInventory();

  it("beside every Windows one: each unit with leavers, and the province", () => {
    const linux = [...linuxLeaverScripts(inv, "t").keys()];
    const windows = [...leaverScripts(inv, "t").keys()];
    expect(linux).toEqual(windows.map((p) => p.replace(LEAVER_SCRIPT, LINUX_LEAVER_SCRIPT)));
    expect(linux).toEqual([
      `${LEAVERS_DIR}/test-lab/${LINUX_LEAVER_SCRIPT}`,
      `${LEAVERS_DIR}/test-office/${LINUX_LEAVER_SCRIPT}`,
      `${LEAVERS_DIR}/${LINUX_LEAVER_SCRIPT}`,
    ]);
    expect(linuxLeaverScripts(inv, "t")).toEqual(linuxLeaverScripts(inv, "t"));
  });

  it("lists only leavers, Linux accounts first", () => {
    const text = linuxLeaverScripts(inv, "t").get(UNIT_SCRIPT) as string;
    const calls = text.split("\n").filter((l) => l.startsWith("  leaver "));
    expect(calls.map((l) => l.split(" ").slice(-2).join(" "))).toEqual([
      "'linux-local' 'alice'",
      "'linux-local' 'carol'",
      "'linux-local' 'dave'",
      "'linux-local' 'ghost.user'",
      "'csdl-nganh' 'an.nt'",
      "'windows-local' 'alice'",
    ]);
    expect(text).not.toContain("'bob'");
  });

  it("leaves out another system's account the roster records as disabled (nothing to do by hand)", () => {
    const recorded = leaverInventory((i) => {
      const alice = i.staff[0] as Person;
      alice.accounts = alice.accounts.map((a) => (a.system === "csdl-nganh" ? { ...a, enabled: false } : a));
      alice.accounts.push({ system: "linux-local", username: "alice2", enabled: false });
    });
    const text = linuxLeaverScripts(recorded, "t").get(UNIT_SCRIPT) as string;
    const calls = text.split("\n").filter((l) => l.startsWith("  leaver "));
    expect(calls.map((l) => l.split(" ").slice(-2).join(" "))).toEqual([
      "'linux-local' 'alice'",
      // A linux-local account recorded as disabled is still checked on the machine itself.
      "'linux-local' 'alice2'",
      "'linux-local' 'carol'",
      "'linux-local' 'dave'",
      "'linux-local' 'ghost.user'",
      "'windows-local' 'alice'",
    ]);
  });

  it("baseline generate writes them executable, and the unit's zip carries its own", () => {
    const out = generateBundles(inv, emitters);
    for (const path of linuxLeaverScripts(inv).keys()) {
      expect(out.tree.has(path), path).toBe(true);
      expect(out.executables.has(path), path).toBe(true);
    }
    const one = generateBundles(inv, emitters, { unit: "test-office" });
    expect([...one.tree.keys()].filter((p) => p.startsWith(`${LEAVERS_DIR}/`))).toEqual([
      `${LEAVERS_DIR}/test-office/${LEAVER_SCRIPT}`,
      `${LEAVERS_DIR}/test-office/${LINUX_LEAVER_SCRIPT}`,
      `${LEAVERS_DIR}/test-office/README.md`,
    ]);
    // The folder's README lists exactly its files, with each script's dry run.
    const folderReadme = String(one.tree.get(`${LEAVERS_DIR}/test-office/README.md`));
    expect(one.executables.has(`${LEAVERS_DIR}/test-office/README.md`)).toBe(false);
    for (const section of folderReadme.split("## English")) {
      expect([...section.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]).sort()).toEqual(
        [LEAVER_SCRIPT, LINUX_LEAVER_SCRIPT, "README.md"].sort(),
      );
    }
    expect(folderReadme).toContain(`\`sudo bash ${LINUX_LEAVER_SCRIPT} --dry-run\``);
    expect(folderReadme).toContain(`-File .\\${LEAVER_SCRIPT} -WhatIf\``);
    const extras = unitExtraFiles(inv, "test-lab");
    expect([...extras.keys()].sort()).toEqual([LEAVER_SCRIPT, LINUX_LEAVER_SCRIPT].sort());
    const zip = unitZip({
      inventory: inv,
      unit: "test-lab",
      emitters,
      inputHash: "0".repeat(64),
      extraFiles: extras,
      extraExecutables: UNIT_EXTRA_EXECUTABLES,
    });
    const manifest = JSON.parse(
      Buffer.from(unzipFiles(zip).get(MANIFEST) as Uint8Array).toString("utf8"),
    ) as {
      files: { path: string; executable: boolean }[];
    };
    expect(manifest.files.filter((f) => !f.path.includes("/"))).toEqual([
      expect.objectContaining({ path: LEAVER_SCRIPT, executable: false }),
      expect.objectContaining({ path: "README.md", executable: false }),
      expect.objectContaining({ path: PS_VERIFIER, executable: false }),
      expect.objectContaining({ path: LINUX_LEAVER_SCRIPT, executable: true }),
      expect.objectContaining({ path: SH_VERIFIER, executable: true }),
    ]);
    const readme = Buffer.from(unzipFiles(zip).get("README.md") as Uint8Array).toString("utf8");
    expect(readme).toContain(`- \`${LINUX_LEAVER_SCRIPT}\`: on a Linux machine`);
    expect(readme).toContain(`- \`${LEAVER_SCRIPT}\`: on a Windows machine`);
    const noLeavers = leaverInventory((i) => {
      i.staff = i.staff.filter((p) => p.status === "active");
    });
    expect(unitExtraFiles(noLeavers, "test-lab").size).toBe(0);
  });
});

describe("the READMEs beside the leavers' scripts", () => {
  it("carry the unit's name as one escaped line of Markdown, and no date", () => {
    const inv = leaverInventory((i) => {
      (i.units[0] as Inventory["units"][number]).name = "Trường *THPT*\n# injected <b>x</b>\u202e";
    });
    const folder = String(generateBundles(inv, emitters).tree.get(`${LEAVERS_DIR}/test-lab/README.md`));
    const zip = unitZip({
      inventory: inv,
      unit: "test-lab",
      emitters,
      inputHash: "0".repeat(64),
      extraFiles: unitExtraFiles(inv, "test-lab"),
      extraExecutables: UNIT_EXTRA_EXECUTABLES,
    });
    const top = Buffer.from(unzipFiles(zip).get("README.md") as Uint8Array).toString("utf8");
    for (const readme of [folder, top]) {
      expect(readme).toContain(
        "- Đơn vị / Unit: Trường \\*THPT\\* # injected \\<b\\>x\\</b\\>\uFFFD (`test-lab`)",
      );
      expect(readme).not.toMatch(/^# injected/m);
      expect(readme).not.toContain("\u202e");
      expect(readme).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
});

/** The unit's script with the given person name, unit name and other-system values in place. */
function hostileScript(name: string, unitName: string, system: string, username: string): string {
  const inv = leaverInventory((i) => {
    (i.units[0] as Inventory["units"][number]).name = unitName;
    const alice = i.staff[0] as Person;
    alice.name = name;
    alice.accounts.push({ system, username, enabled: true });
  });
  return linuxLeaverScripts(inv, "attt-kit test").get(UNIT_SCRIPT) as string;
}

/** The script with every quoted region (including '\'' joins) replaced by Q. */
const skeleton = (script: string): string => script.replace(/(?:'[^']*'|\\')+/g, "Q");

describe("hostile values in the Linux leaver script", () => {
  const MARKER = "/tmp/attt-leavers-marker/pwned";

  it("keep the words outside quotes of a benign script, and bash -n accepts it, for 150 cases", () => {
    const benign = skeleton(hostileScript("Benign name", "Benign unit", "benign-system", "benign"));
    const names = hostileStrings(21, 150, MARKER, 300);
    const units = hostileStrings(22, 150, MARKER, 500);
    const systems = hostileStrings(23, 150, MARKER, 64);
    const users = hostileStrings(24, 150, MARKER, 256);
    names.forEach((name, i) => {
      const text = hostileScript(name, units[i] as string, systems[i] as string, users[i] as string);
      expect(skeleton(text), JSON.stringify(name)).toBe(benign);
      if (i % 10 === 0) {
        const r = spawnSync("bash", ["-n"], { input: text });
        expect(r.status, r.stderr.toString()).toBe(0);
      }
    });
  });

  const missing = run("shellcheck", ["--version"]).status !== 0 ? "shellcheck is not installed" : undefined;
  it.skipIf(missing !== undefined)(
    "shellcheck -S style: no findings, benign (unit, province, empty) or hostile",
    () => {
      const dir = join(work, "shellcheck");
      mkdirSync(dir);
      const files: string[] = [];
      const add = (label: string, text: string) => {
        const file = join(dir, `${label}.sh`);
        writeFileSync(file, text);
        files.push(file);
      };
      for (const [path, text] of linuxLeaverScripts(leaverInventory(), "t"))
        add(path.replaceAll("/", "_"), text);
      add("empty", linuxLeaverScript("p", "Tỉnh", [], leaverInventory(), "t"));
      const names = hostileStrings(25, 6, MARKER, 300);
      const units = hostileStrings(26, 6, MARKER, 500);
      const users = hostileStrings(27, 6, MARKER, 256);
      names.forEach((name, i) => {
        add(`hostile-${i}`, hostileScript(name, units[i] as string, users[i] as string, users[i] as string));
      });
      const r = run("shellcheck", ["-x", "-S", "style", "-s", "bash", ...files]);
      expect(r.stdout + r.stderr).toBe("");
      expect(r.status).toBe(0);
    },
  );
});

const unavailable = rootTestsUnavailable();
if (unavailable) console.warn(`linux-leavers root tests skipped: ${unavailable}`);

interface LogEntry {
  person: string;
  name: string;
  unit: string;
  status: string;
  system: string;
  username: string;
  action: string;
  message: string;
}
interface Log {
  machine: string;
  machineUnit: string | null;
  machineUnitSource: string | null;
  scope: string;
  scopeName: string;
  dryRun: boolean;
  entries: LogEntry[];
}

/** The marker apply.sh writes (runtime-apply.sh's write_marker), for the unit's Linux bundle. */
function bundleMarker(inv: Inventory, unit: string): string {
  const spec = bundleSpecs(inv, { unit, os: "linux" })[0];
  if (!spec) throw new Error(`no Linux bundle for ${unit}`);
  return `bundle=${spec.id}\nrole=${spec.role}\nsha256=${"0".repeat(64)}\n`;
}

/** Records (or, with null, forgets) the unit of the machine whose root is `root`, as apply.sh does. */
function recordUnit(root: string, inv: Inventory, unit: string | null): void {
  const file = join(root, "etc/attt-kit/bundle");
  if (unit === null) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(join(root, "etc/attt-kit"), { recursive: true });
  writeFileSync(file, bundleMarker(inv, unit), { mode: 0o644 });
}

it("the marker the tests write is the one apply.sh writes: bundle=<unit>/<os>-<role> first", () => {
  const apply = readFileSync(
    join(import.meta.dirname, "..", "templates", "linux", "runtime-apply.sh"),
    "utf8",
  );
  expect(apply).toContain(
    `printf 'bundle=%s\\nrole=%s\\nsha256=%s\\n' "$ATTT_BUNDLE_ID" "$ATTT_ROLE" "$ATTT_BUNDLE_SHA256"`,
  );
  expect(apply).toContain("install_file /etc/attt-kit/bundle ");
  expect(bundleMarker(leaverInventory(), "test-lab")).toMatch(/^bundle=test-lab\/linux-lab\n/);
});

// A fixed SHA-512 crypt string: a usable password as far as passwd -S is concerned.
const HASH =
  "$6$attttest$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ./0123456789abcdefghij";

/** What the console shows of a value: control characters as '?'. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is what the console line replaces
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f]/g, "?");

describe.skipIf(unavailable !== undefined)("disable-leaver-accounts.sh in a real Debian 12 root", () => {
  let scratch: ScratchRoot;
  const HOSTILE_NAME =
    "Nguyễn '$(touch /tmp/pwned-name)' `touch /tmp/pwned-tick`\n; touch /tmp/pwned-nl #\u001b[31m\\";
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, on purpose
  const HOSTILE_UNIT = "Trường ';touch /tmp/pwned-unit;' \"$(id)\" ${IFS}\r\nEOF";
  const inv = leaverInventory((i) => {
    (i.units[0] as Inventory["units"][number]).name = HOSTILE_UNIT;
    (i.staff[0] as Person).name = HOSTILE_NAME;
  });
  const script = linuxLeaverScripts(inv, "attt-kit test").get(UNIT_SCRIPT) as string;
  const SCRIPT = "/opt/attt/_leavers/test-lab/disable-leaver-accounts.sh";
  const shadowLine = (user: string) =>
    readFileSync(join(scratch.root, "etc/shadow"), "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${user}:`)) as string;
  const passwdLine = (user: string) =>
    readFileSync(join(scratch.root, "etc/passwd"), "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${user}:`)) as string;
  const readLog = (rel: string): Log => JSON.parse(readFileSync(join(scratch.root, rel), "utf8")) as Log;
  const hashes = () =>
    ["etc/shadow", "etc/passwd"].map((f) =>
      createHash("sha256")
        .update(readFileSync(join(scratch.root, f)))
        .digest("hex"),
    );
  const launch = (args: string) => inRoot(scratch.root, `${SCRIPT} ${args}`);

  beforeAll(() => {
    rootTarball();
    scratch = scratchRoot();
    const dir = join(scratch.root, "opt/attt/_leavers/test-lab");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, LINUX_LEAVER_SCRIPT), script);
    chmodSync(join(dir, LINUX_LEAVER_SCRIPT), 0o755);
    // A machine of the lab unit, hardened with its bundle.
    recordUnit(scratch.root, inv, "test-lab");
    const h = shellQuote(HASH);
    const setup = inRoot(
      scratch.root,
      [
        `useradd -m -s /bin/bash -p ${h} alice`,
        `useradd -m -s /bin/bash -p ${h} bob`,
        `useradd -m -s /bin/bash -p ${h} carol`,
        "usermod --lock --expiredate 1 carol",
        "useradd -m -s /bin/bash dave",
        `useradd -m -s /bin/bash -p ${h} erin`,
      ].join(" && "),
    );
    expect(setup.status, setup.stderr).toBe(0);
  });
  afterAll(() => scratch?.remove());

  const actions = (log: Log) => log.entries.map((e) => `${e.action} ${e.system} ${e.username}`);
  const marked = () =>
    ["pwned-name", "pwned-tick", "pwned-nl", "pwned-unit"].filter(
      (m) => existsSync(join(scratch.root, "tmp", m)) || existsSync(join("/tmp", m)),
    );

  it("refuses a non-root run (exit 2), changing nothing and writing no log", () => {
    const before = snapshot(scratch.root, ["etc"]);
    const r = inRoot(
      scratch.root,
      `setpriv --reuid=65534 --regid=65534 --clear-groups ${SCRIPT} --log /tmp/nr.json`,
    );
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/must run as root/);
    expect(changedPaths(before, snapshot(scratch.root, ["etc"]))).toEqual([]);
    expect(existsSync(join(scratch.root, "tmp/nr.json"))).toBe(false);
    // A dry run decides from /etc/shadow (locked, expired), which only root reads: refused too, as the usage says.
    const dry = inRoot(
      scratch.root,
      `setpriv --reuid=65534 --regid=65534 --clear-groups ${SCRIPT} --dry-run --log /tmp/nr-dry.json`,
    );
    expect(dry.status, dry.stderr).toBe(2);
    expect(existsSync(join(scratch.root, "tmp/nr-dry.json"))).toBe(false);
    const help = inRoot(scratch.root, `setpriv --reuid=65534 --regid=65534 --clear-groups ${SCRIPT} --help`);
    expect(help.status).toBe(0);
    expect(help.stderr).toContain(
      "Must run as root, --dry-run too (locked and expired are read from /etc/shadow).",
    );
  });

  it("--dry-run reports what it would do and changes nothing", () => {
    const before = snapshot(scratch.root, ["etc"]);
    const r = launch("--dry-run --log /root/dry.json");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/DRY RUN/);
    expect(changedPaths(before, snapshot(scratch.root, ["etc"]))).toEqual([]);
    const log = readLog("root/dry.json");
    expect(log.dryRun).toBe(true);
    // carol is locked and expired already: only her login shell is left to change.
    expect(log.entries.find((e) => e.username === "carol")?.message).toMatch(
      /password locked, expired \(day 1\), shell \/bin\/bash; would set the shell to \/usr\/sbin\/nologin$/,
    );
    expect(log.entries.find((e) => e.username === "alice" && e.system === "linux-local")?.message).toMatch(
      /; would lock the password, expire the account, set the shell to \/usr\/sbin\/nologin$/,
    );
    expect(actions(log)).toEqual([
      "would-disable linux-local alice",
      "would-disable linux-local carol",
      "would-disable linux-local dave",
      "not-found linux-local ghost.user",
      "manual csdl-nganh an.nt",
      "manual windows-local alice",
    ]);
  });

  it("locks, expires and sets nologin on the leavers' users; leaves everyone else alone", () => {
    const bob = { shadow: shadowLine("bob"), passwd: passwdLine("bob") };
    const erin = { shadow: shadowLine("erin"), passwd: passwdLine("erin") };
    const carol = { shadow: shadowLine("carol"), passwd: passwdLine("carol") };
    const before = snapshot(scratch.root, ["etc"]);
    const r = launch("--log /root/run1.json");
    expect(r.status, r.stderr).toBe(0);
    // Only the account databases (and usermod's backups of them) changed, keeping their modes and owners.
    const after = snapshot(scratch.root, ["etc"]);
    expect(changedPaths(before, after)).toEqual(["etc/passwd", "etc/passwd-", "etc/shadow", "etc/shadow-"]);
    for (const f of ["etc/passwd", "etc/shadow"])
      expect(after.get(f)?.split(" ").slice(0, 3), f).toEqual(before.get(f)?.split(" ").slice(0, 3));
    const log = readLog("root/run1.json");
    expect(log.dryRun).toBe(false);
    expect(actions(log)).toEqual([
      "disabled linux-local alice",
      "disabled linux-local carol",
      "disabled linux-local dave",
      "not-found linux-local ghost.user",
      "manual csdl-nganh an.nt",
      "manual windows-local alice",
    ]);
    for (const user of ["alice", "carol", "dave"]) {
      const status = inRoot(scratch.root, `passwd -S ${user}`);
      expect(status.stdout.split(" ")[1], status.stdout).toBe("L");
      expect(shadowLine(user).split(":")[7], user).toBe("1");
      expect(passwdLine(user).split(":")[6], user).toBe("/usr/sbin/nologin");
      expect(existsSync(join(scratch.root, "home", user)), `home of ${user}`).toBe(true);
    }
    expect(inRoot(scratch.root, "passwd -S bob").stdout.split(" ")[1]).toBe("P");
    expect({ shadow: shadowLine("bob"), passwd: passwdLine("bob") }).toEqual(bob);
    expect({ shadow: shadowLine("erin"), passwd: passwdLine("erin") }).toEqual(erin);
    // carol was locked and expired with a login shell: only her shell changed, to nologin.
    expect(shadowLine("carol")).toBe(carol.shadow);
    expect(passwdLine("carol")).toBe(carol.passwd.replace(/:\/bin\/bash$/, ":/usr/sbin/nologin"));
    expect(carol.passwd).toMatch(/:\/bin\/bash$/);
    // One console line per account: action, system, username, person / name.
    const lines = r.stdout.split("\n").filter((l) => /^ {2}[a-z-]+ +\S+ +\S+ +\S+ \/ /.test(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^ {2}disabled +linux-local +alice +alice \/ /);
  });

  it("the JSON log lists each account with its person, unit and status; hostile names are only data", () => {
    const log = readLog("root/run1.json");
    expect(log.scope).toBe("test-lab");
    expect(log.scopeName).toBe(asShellText(HOSTILE_UNIT));
    const alice = log.entries.find((e) => e.username === "alice" && e.system === "linux-local");
    expect(alice).toMatchObject({
      person: "alice",
      name: asShellText(HOSTILE_NAME),
      unit: "test-lab",
      status: "retired",
      action: "disabled",
    });
    expect(alice?.message).toMatch(
      /now uid \d+, password locked, expired \(day 1\), shell \/usr\/sbin\/nologin/,
    );
    for (const e of log.entries)
      expect(Object.keys(e).sort()).toEqual([
        "action",
        "message",
        "name",
        "person",
        "since",
        "status",
        "system",
        "unit",
        "username",
      ]);
    const r = launch("--dry-run --log /root/dry2.json");
    expect(r.stdout).toContain(`: ${oneLine(asShellText(HOSTILE_UNIT))})\n`);
    expect(r.stdout).toContain(`alice / ${oneLine(asShellText(HOSTILE_NAME))}: `);
    expect(marked()).toEqual([]);
  });

  it("a second run reports already-disabled and changes nothing; the default log is next to the script", () => {
    const before = snapshot(scratch.root, ["etc"]);
    const sums = hashes();
    const r = launch("");
    expect(r.status, r.stderr).toBe(0);
    expect(hashes()).toEqual(sums);
    expect(changedPaths(before, snapshot(scratch.root, ["etc"]))).toEqual([]);
    const m =
      /^Nhật ký \/ Log: (\/opt\/attt\/_leavers\/test-lab\/disable-leaver-accounts-[A-Za-z0-9._-]+\.json)$/m.exec(
        r.stdout,
      );
    expect(m, r.stdout).not.toBeNull();
    const log = readLog(String(m?.[1]).slice(1));
    expect(actions(log).slice(0, 3)).toEqual([
      "already-disabled linux-local alice",
      "already-disabled linux-local carol",
      "already-disabled linux-local dave",
    ]);
  });

  it("never changes a superuser, and refuses what is not a Linux user name (exit 1)", () => {
    const odd = leaverInventory((i) => {
      i.staff = [
        person({
          id: "admin",
          accounts: [
            { system: "linux-local", username: "root" },
            { system: "linux-local", username: "x" },
          ],
        }),
      ];
      // Past the schema: the runtime checks the name again.
      ((i.staff[0] as Person).accounts[1] as Person["accounts"][number]).username =
        "bob;touch /tmp/pwned-name";
    });
    const text = linuxLeaverScripts(odd, "t").get(UNIT_SCRIPT) as string;
    const file = join(scratch.root, "opt/attt/odd.sh");
    writeFileSync(file, text);
    chmodSync(file, 0o755);
    const before = snapshot(scratch.root, ["etc"]);
    const r = inRoot(scratch.root, "/opt/attt/odd.sh --log /root/odd.json");
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(actions(readLog("root/odd.json"))).toEqual([
      "error linux-local bob;touch /tmp/pwned-name",
      "error linux-local root",
    ]);
    expect(changedPaths(before, snapshot(scratch.root, ["etc"]))).toEqual([]);
    expect(marked()).toEqual([]);
  });

  it("generated hostile names and unit names round-trip into the log; nothing they hold runs", () => {
    const MARK = "/tmp/attt-leavers-marker/pwned";
    mkdirSync(join(scratch.root, "tmp/attt-leavers-marker"), { recursive: true });
    const names = hostileStrings(28, 12, MARK, 300);
    const units = hostileStrings(29, 12, MARK, 500);
    const commands = names.map((name, i) => {
      const text = hostileScript(name, units[i] as string, "other-system", "u");
      writeFileSync(join(scratch.root, `opt/attt/h${i}.sh`), text);
      chmodSync(join(scratch.root, `opt/attt/h${i}.sh`), 0o755);
      return `/opt/attt/h${i}.sh --dry-run --log /root/h${i}.json >/dev/null`;
    });
    const r = inRoot(scratch.root, commands.join(" && "));
    expect(r.status, r.stderr).toBe(0);
    names.forEach((name, i) => {
      const log = readLog(`root/h${i}.json`);
      expect(log.scopeName).toBe(asShellText(units[i] as string));
      expect(log.entries.filter((e) => e.person === "alice").map((e) => e.name)).toEqual(
        Array(4).fill(asShellText(name)),
      );
    });
    expect(existsSync(join(scratch.root, MARK.slice(1)))).toBe(false);
    expect(existsSync(MARK)).toBe(false);
  });
});

describe.skipIf(unavailable !== undefined)("local accounts only on a machine of their leaver's unit", () => {
  let scratch: ScratchRoot;
  /*
   * Two people called Trần Văn Thắng, both `thangnv` on their school's machines: the
   * lab's is still teaching, the office's retired. Plus the lab's own leaver alice.
   */
  const inv = leaverInventory((i) => {
    i.staff = [
      person({ id: "alice", accounts: [{ system: "linux-local", username: "alice" }] }),
      person({
        id: "thang-lab",
        name: "Trần Văn Thắng",
        status: "active",
        since: undefined,
        accounts: [{ system: "linux-local", username: "thangnv" }],
      }),
      person({
        id: "thang-office",
        name: "Trần Văn Thắng",
        unit: "test-office",
        accounts: [
          { system: "linux-local", username: "thangnv" },
          { system: "windows-local", username: "thangnv" },
        ],
      }),
    ];
  });
  const scripts = linuxLeaverScripts(inv, "attt-kit test");
  const PROVINCE = "/opt/attt/_leavers/disable-leaver-accounts.sh";
  const OFFICE = "/opt/attt/_leavers/test-office/disable-leaver-accounts.sh";
  const LAB = "/opt/attt/_leavers/test-lab/disable-leaver-accounts.sh";
  const users = () =>
    ["etc/passwd", "etc/shadow"].map((f) =>
      readFileSync(join(scratch.root, f), "utf8")
        .split("\n")
        .filter((l) => /^(alice|thangnv):/.test(l))
        .join("\n"),
    );
  const readLog = (rel: string): Log => JSON.parse(readFileSync(join(scratch.root, rel), "utf8")) as Log;
  const local = (log: Log) =>
    log.entries
      .filter((e) => e.system === "linux-local")
      .map((e) => `${e.action} ${e.unit} ${e.person} ${e.username}`);
  const locked = (user: string) => inRoot(scratch.root, `passwd -S ${user}`).stdout.split(" ")[1];

  beforeAll(() => {
    rootTarball();
    scratch = scratchRoot();
    for (const [path, text] of scripts) {
      const file = join(scratch.root, "opt/attt", path);
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, text);
      chmodSync(file, 0o755);
    }
    const h = shellQuote(HASH);
    const setup = inRoot(
      scratch.root,
      [`useradd -m -s /bin/bash -p ${h} alice`, `useradd -m -s /bin/bash -p ${h} thangnv`].join(" && "),
    );
    expect(setup.status, setup.stderr).toBe(0);
  });
  afterAll(() => scratch?.remove());

  it("every leaver call carries its leaver's unit; the unit scripts carry only their own", () => {
    const units = (path: string) =>
      (scripts.get(path) as string)
        .split("\n")
        .filter((l) => l.startsWith("  leaver "))
        // leaver PERSON NAME UNIT STATUS SINCE SYSTEM USERNAME: only NAME may hold spaces.
        .map((l) => l.split(" ").slice(-5)[0]);
    expect(units(`${LEAVERS_DIR}/${LINUX_LEAVER_SCRIPT}`)).toEqual([
      "'test-lab'",
      "'test-office'",
      "'test-office'",
    ]);
    expect(units(UNIT_SCRIPT)).toEqual(["'test-lab'"]);
    expect(units(`${LEAVERS_DIR}/test-office/${LINUX_LEAVER_SCRIPT}`)).toEqual([
      "'test-office'",
      "'test-office'",
    ]);
  });

  it("on a machine with no recorded unit: says so, disables no local account (exit 0); a bad --unit is refused", () => {
    const before = snapshot(scratch.root, ["etc"]);
    const r = inRoot(scratch.root, `${PROVINCE} --log /root/none.json`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      "NO UNIT: the baseline was never applied here (no unit recorded in /etc/attt-kit/bundle), so no linux-local account is disabled",
    );
    expect(r.stdout).toContain("CHƯA RÕ ĐƠN VỊ");
    expect(r.stdout).toMatch(
      /^2 tài khoản linux-local không khóa trên máy này .* \/ 2 linux-local accounts not disabled/m,
    );
    expect(changedPaths(before, snapshot(scratch.root, ["etc"]))).toEqual([]);
    const log = readLog("root/none.json");
    expect(log.machineUnit).toBeNull();
    expect(log.machineUnitSource).toBeNull();
    expect(local(log)).toEqual([
      "skipped-no-unit test-lab alice alice",
      "skipped-no-unit test-office thang-office thangnv",
    ]);
    expect(log.entries[1]?.message).toMatch(
      /has no recorded unit: if it belongs to unit test-office, run again with --unit test-office$/,
    );
    // The unit's own script too: on an unknown machine it needs --unit to say whose machine it is.
    const unitRun = inRoot(scratch.root, `${OFFICE} --log /root/none-office.json`);
    expect(unitRun.status, unitRun.stderr).toBe(0);
    expect(local(readLog("root/none-office.json"))).toEqual([
      "skipped-no-unit test-office thang-office thangnv",
    ]);
    for (const bad of ["'Test-Office'", "'test-office;id'", "''", "'../x'"]) {
      const b = inRoot(scratch.root, `${PROVINCE} --unit ${bad} --log /root/bad.json`);
      expect(b.status, `${bad}: ${b.stderr}`).toBe(2);
      if (bad !== "''")
        expect(b.stderr).toMatch(/not a unit ID\. Không thay đổi gì \/ nothing was changed\.$/m);
    }
    expect(existsSync(join(scratch.root, "root/bad.json"))).toBe(false);
    expect(changedPaths(before, snapshot(scratch.root, ["etc"]))).toEqual([]);
  });

  it("on the lab's machine, the province-wide script disables the lab's leaver and not the lab's own thangnv", () => {
    recordUnit(scratch.root, inv, "test-lab");
    const thangnv = users().map((lines) => lines.split("\n").find((l) => l.startsWith("thangnv:")));
    const r = inRoot(scratch.root, `${PROVINCE} --log /root/lab.json`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("  đơn vị của máy / machine unit: test-lab (/etc/attt-kit/bundle)\n");
    const log = readLog("root/lab.json");
    expect(log.machineUnit).toBe("test-lab");
    expect(log.machineUnitSource).toBe("/etc/attt-kit/bundle");
    expect(local(log)).toEqual([
      "disabled test-lab alice alice",
      "skipped-other-unit test-office thang-office thangnv",
    ]);
    expect(log.entries[1]?.message).toMatch(
      /^a leaver of unit test-office; .* is unit test-lab: disable it on a machine of unit test-office$/,
    );
    expect(locked("alice")).toBe("L");
    expect(locked("thangnv")).toBe("P");
    expect(users().map((lines) => lines.split("\n").find((l) => l.startsWith("thangnv:")))).toEqual(thangnv);
    // The office's own script, carried to the lab's machine by mistake, changes nothing either.
    const before = snapshot(scratch.root, ["etc"]);
    const office = inRoot(scratch.root, `${OFFICE} --log /root/lab-office.json`);
    expect(office.status, office.stderr).toBe(0);
    expect(local(readLog("root/lab-office.json"))).toEqual([
      "skipped-other-unit test-office thang-office thangnv",
    ]);
    // Nor can --unit talk it into the office's accounts: contradicting the record is refused, with no log.
    const forced = inRoot(scratch.root, `${OFFICE} --unit test-office --log /root/forced.json`);
    expect(forced.status, forced.stderr).toBe(2);
    expect(forced.stderr).toContain(
      "this machine is recorded as unit test-lab (/etc/attt-kit/bundle), not test-office (--unit)",
    );
    expect(existsSync(join(scratch.root, "root/forced.json"))).toBe(false);
    expect(inRoot(scratch.root, `${LAB} --unit test-lab --dry-run --log /root/same.json`).status).toBe(0);
    expect(changedPaths(before, snapshot(scratch.root, ["etc"]))).toEqual([]);
    expect(locked("thangnv")).toBe("P");
  });

  it("on the office's machine, the office's script disables its thangnv; the province-wide one then finds it done", () => {
    recordUnit(scratch.root, inv, "test-office");
    const dry = inRoot(scratch.root, `${PROVINCE} --dry-run --log /root/office-dry.json`);
    expect(dry.status, dry.stderr).toBe(0);
    expect(local(readLog("root/office-dry.json"))).toEqual([
      "skipped-other-unit test-lab alice alice",
      "would-disable test-office thang-office thangnv",
    ]);
    expect(locked("thangnv")).toBe("P");
    const r = inRoot(scratch.root, `${OFFICE} --log /root/office.json`);
    expect(r.status, r.stderr).toBe(0);
    expect(local(readLog("root/office.json"))).toEqual(["disabled test-office thang-office thangnv"]);
    expect(locked("thangnv")).toBe("L");
    expect(
      readFileSync(join(scratch.root, "etc/passwd"), "utf8")
        .split("\n")
        .find((l) => l.startsWith("thangnv:")),
    ).toMatch(/:\/usr\/sbin\/nologin$/);
    const again = inRoot(scratch.root, `${PROVINCE} --log /root/office-again.json`);
    expect(again.status, again.stderr).toBe(0);
    expect(local(readLog("root/office-again.json"))).toEqual([
      "skipped-other-unit test-lab alice alice",
      "already-disabled test-office thang-office thangnv",
    ]);
  });

  it("where nothing is recorded, --unit names the machine's unit", () => {
    recordUnit(scratch.root, inv, null);
    const r = inRoot(scratch.root, `${PROVINCE} --unit test-lab --dry-run --log /root/named.json`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("  đơn vị của máy / machine unit: test-lab (--unit)\n");
    const log = readLog("root/named.json");
    expect(log.machineUnit).toBe("test-lab");
    expect(log.machineUnitSource).toBe("--unit");
    expect(local(log)).toEqual([
      "already-disabled test-lab alice alice",
      "skipped-other-unit test-office thang-office thangnv",
    ]);
    // A marker whose bundle ID does not start with a unit ID records no unit.
    for (const bundle of ["Test-Lab/linux-lab", "../linux-lab", "test-lab", ""]) {
      writeFileSync(join(scratch.root, "etc/attt-kit/bundle"), `bundle=${bundle}\nrole=lab\n`);
      const odd = inRoot(scratch.root, `${PROVINCE} --dry-run --log /root/odd-marker.json`);
      expect(odd.status, odd.stderr).toBe(0);
      expect(readLog("root/odd-marker.json").machineUnit, bundle).toBeNull();
      expect(odd.stdout).toContain("NO UNIT");
    }
    recordUnit(scratch.root, inv, null);
  });
});
