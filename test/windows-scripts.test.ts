// Every generated PowerShell script parses with zero syntax errors (tree-sitter-powershell),
// every verbatim string in it reads the same to PowerShell's five-quote rule as to the
// parser, and the data tables hold exactly the bundle's values.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LEAVER_SCRIPT, LEAVERS_DIR, leaverScripts } from "../baselines/emit/windows/leavers.js";
import { ControlResult, EVIDENCE_SCHEMA, Evidence } from "../model/evidence.js";
import type { Inventory } from "../model/inventory.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { psData } from "../templates/escape/powershell.js";
import { hostileString, rng } from "./helpers/hostile.js";
import { type DataTable, NotPsData, type PsValue, readDataTable, readPsLiteral } from "./helpers/ps-data.js";
import {
  asBuffer,
  parsePowerShell,
  scriptShape,
  syntaxProblems,
  verbatimMismatches,
  type WindowsBundle,
  windowsBundles,
} from "./helpers/windows.js";
import { type ExpectedDataTable, expectedDataTable, type Row } from "./helpers/windows-expected.js";

let inventory: Inventory;
let bundles: WindowsBundle[] = [];
/** Bundles of roles the demo province has at only one level, generated at the other (2 or 3). */
let otherLevels: WindowsBundle[] = [];

const ROLES = ["office", "teacher", "lab", "classified"] as const;

beforeAll(() => {
  inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
  bundles = windowsBundles(inventory);
  otherLevels = [];
  for (const role of ROLES) {
    for (const level of [2, 3] as const) {
      if (bundles.some((b) => b.spec.role === role && b.spec.unit.level === level)) continue;
      const unit = inventory.units.find((u) =>
        u.machines.some((g) => g.role === role && g.os.startsWith("windows")),
      );
      if (!unit) throw new Error(`the demo province has no Windows ${role} machines`);
      const moved = {
        ...inventory,
        units: inventory.units.map((u) => (u.id === unit.id ? { ...u, level } : u)),
      };
      otherLevels.push(...windowsBundles(moved, unit.id).filter((b) => b.spec.role === role));
    }
  }
});

/** Every demo bundle, then the same roles at the levels the demo lacks. */
const tableBundles = (): WindowsBundle[] => [...bundles, ...otherLevels];

const scriptText = (b: WindowsBundle, name: string): string =>
  asBuffer(b.out.files.get(name) as string).toString("utf8");

const testTables = new Map<WindowsBundle, DataTable>();
/** The data table of a bundle's Test-Baseline.ps1, parsed once. */
function testTable(b: WindowsBundle): DataTable {
  let t = testTables.get(b);
  if (!t) {
    t = readDataTable(parsePowerShell(scriptText(b, "Test-Baseline.ps1")));
    testTables.set(b, t);
  }
  return t;
}

/** Parsed table equals the expected one; settings compared row by row so a failure names the row. */
function expectSameTable(got: DataTable, want: ExpectedDataTable, where: string): void {
  expect(got.Bundle, `${where} $Bundle`).toStrictEqual(want.Bundle);
  expect(got.Controls, `${where} $Controls`).toStrictEqual(want.Controls);
  const rows = got.Settings as Row[];
  const wantRows = want.Settings;
  expect(Array.isArray(rows), `${where} $Settings is an array`).toBe(true);
  const n = Math.max(rows.length, wantRows.length);
  for (let i = 0; i < n; i++) {
    const w = wantRows[i];
    const label = w ? `${w.Controls} ${w.Key ?? w.Name ?? w.Guid ?? w.Path ?? w.Check}` : "(none expected)";
    expect(rows[i], `${where} $Settings[${i}] ${label}`).toStrictEqual(w);
  }
}

function scripts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const b of bundles) {
    for (const [path, content] of b.out.files) {
      if (path.endsWith(".ps1")) out.push([`${b.spec.id}/${path}`, asBuffer(content).toString("utf8")]);
    }
  }
  for (const [path, text] of leaverScripts(inventory, "attt-kit test")) out.push([path, text]);
  return out;
}

describe("generated PowerShell", () => {
  // Every Test-Baseline.ps1 parsed once, for the tests that read its table: minutes on a
  // loaded machine, too long for one test's time limit.
  beforeAll(() => {
    for (const b of tableBundles()) testTable(b);
  }, 600_000);

  it("every script parses with no ERROR or MISSING node", () => {
    const all = scripts();
    expect(all.length).toBeGreaterThan(100);
    for (const [path, text] of all) {
      const tree = parsePowerShell(text);
      expect(syntaxProblems(tree), path).toEqual([]);
      expect(tree.rootNode.hasError, path).toBe(false);
      expect(verbatimMismatches(tree), path).toEqual([]);
    }
    // Hundreds of 100 kB scripts: minutes on a loaded machine, well under that in CI.
  }, 600_000);

  it("the syntax and verbatim checks find what they look for (ERROR, MISSING, a misread quote)", () => {
    const where = (text: string) => syntaxProblems(parsePowerShell(text)).map((p) => p.split(":")[0]);
    expect(where("if ($x) {\r\n")).toEqual(["MISSING at 1"]);
    expect(where("$a = 1\r\n$b = )\r\n")).toEqual(["ERROR at 2", "ERROR at 2"]);
    expect(syntaxProblems(parsePowerShell("$a = 'it''s'\r\n"))).toEqual([]);
    // A right single quotation mark closes a verbatim string for PowerShell; doubled, it is one quote.
    expect(verbatimMismatches(parsePowerShell("$a = 'it\u2019\u2019s'\r\n"))).toEqual([]);
    expect(verbatimMismatches(parsePowerShell("$a = 'it\u2019s'\r\n"))).toEqual([`1: "'it\u2019s'"`]);
  });

  it("the runtime templates parse on their own too", () => {
    for (const name of [
      "runtime-common.ps1",
      "Apply-Baseline.ps1",
      "Test-Baseline.ps1",
      "Undo-Baseline.ps1",
      LEAVER_SCRIPT,
    ]) {
      const tree = parsePowerShell(readFileSync(join(packageRoot, "templates", "windows", name), "utf8"));
      expect(syntaxProblems(tree), name).toEqual([]);
    }
  });

  it("Apply, Test and Undo refuse to run without administrator rights (exit 2, before reading or changing anything)", () => {
    const main = (text: string) =>
      text.slice(text.lastIndexOf("# ---------------------------------------------------------------- main"));
    for (const b of bundles) {
      for (const [name, first] of [
        ["Apply-Baseline.ps1", "Assert-Platform"],
        ["Test-Baseline.ps1", "Get-MachineOs"],
        ["Undo-Baseline.ps1", "Assert-Platform"],
      ] as const) {
        const script = asBuffer(b.out.files.get(name) as string).toString("utf8");
        // PowerShell's own #Requires refusal exits 1, the code the README gives "some control fails".
        expect(script, name).not.toMatch(/^\s*#Requires\b/im);
        const body = main(script);
        expect(body.indexOf("\r\nAssert-Administrator\r\n"), name).toBeGreaterThan(0);
        expect(body.indexOf("\r\nAssert-Administrator\r\n"), name).toBeLessThan(body.indexOf(first));
      }
      const apply = asBuffer(b.out.files.get("Apply-Baseline.ps1") as string).toString("utf8");
      expect(apply).toContain("$Script:MarkerKey = 'SOFTWARE\\attt-kit'");
      expect(apply).toContain("Join-Path $env:ProgramData 'attt-kit'");
    }
    const common = readFileSync(join(packageRoot, "templates", "windows", "runtime-common.ps1"), "utf8");
    const check = common.slice(
      common.indexOf("function Assert-Administrator"),
      common.indexOf("function Get-MachineOs"),
    );
    expect(check).toContain("IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)");
    expect(check).toContain("Stop-WithMessage");
    expect(
      common.slice(
        common.indexOf("function Stop-WithMessage"),
        common.indexOf("# ------", common.indexOf("function Stop-WithMessage")),
      ),
    ).toContain("exit 2");
  });

  it("the data table reads back, row by row and in order, as exactly the controls' declared settings", () => {
    for (const b of tableBundles()) {
      const want = expectedDataTable(b.spec);
      expect(want.Settings.length, b.spec.id).toBeGreaterThan(20);
      const got = testTable(b);
      expectSameTable(got, want, `${b.spec.id} (level ${b.spec.unit.level}) Test-Baseline.ps1`);
    }
  });

  it("every probe a data table names has its file registering its Test, and reads only", () => {
    const dir = join(packageRoot, "baselines", "kinds", "check");
    const registered = new Map<string, string>();
    for (const f of readdirSync(join(dir, "checks"))) {
      const text = readFileSync(join(dir, "checks", f), "utf8");
      const m = /^Register-Check -Name '([a-z-]+)' -Test '([A-Za-z-]+)'/m.exec(text);
      if (!m) throw new Error(`${f} registers no check`);
      const start = text.indexOf(`function ${m[2]} {`);
      registered.set(m[1] as string, text.slice(start, text.indexOf("\n}", start)));
    }
    const named = new Set<string>();
    for (const b of tableBundles())
      for (const r of testTable(b).Settings as Row[]) if (r.Kind === "check") named.add(String(r.Check));
    for (const check of ["defender-realtime", "bitlocker-os-volume", "firewall-active", "device-class-off"])
      expect(named, check).toContain(check);
    for (const check of named) expect([...registered.keys()], check).toContain(check);
    // A probe never changes the machine: no Set-, Enable-, Disable-, Stop-, Remove- command in a check's Test.
    for (const [check, body] of registered)
      expect((body.match(/\b(Set|Enable|Disable|Stop|Start|Remove)-[A-Z]\w+/g) ?? []).sort(), check).toEqual(
        [],
      );
    // Apply backs nothing up for a check and sets nothing: its Entry and Restore are empty,
    // its Apply only finds each check's file, its Remind says what staff do by hand.
    const kind = readFileSync(join(dir, "runtime.ps1"), "utf8");
    const fn = (name: string) => {
      const start = kind.indexOf(`function ${name} {`);
      return kind.slice(start, kind.indexOf("\n}", start));
    };
    expect(fn("Get-CheckEntry").trim().split("\n")).toHaveLength(2);
    expect(fn("Restore-CheckEntries").trim().split("\n")).toHaveLength(2);
    expect(fn("Show-CheckReminder")).toContain("& $handlers.ByHand -Row $Row");
    expect(
      (
        (fn("Assert-CheckRows") + fn("Show-CheckReminder")).match(
          /\b(Set|Enable|Disable|Stop|Start|Remove)-[A-Z]\w+/g,
        ) ?? []
      ).sort(),
    ).toEqual([]);
  });

  it("Undo restores Windows' default lockout duration and reset when Apply found them absent (threshold 0), as the settings declare", () => {
    // Declared on the settings (win.account.lockout), on every role, and carried in the table.
    for (const b of tableBundles()) {
      const rows = (testTable(b).Settings as Row[]).filter(
        (r) => r.Kind === "secedit" && "DefaultIfAbsent" in r,
      );
      expect(
        rows.map((r) => [r.Key, r.DefaultIfAbsent]),
        b.spec.id,
      ).toStrictEqual([
        ["LockoutDuration", 30],
        ["ResetLockoutCount", 30],
      ]);
    }
    const secedit = readFileSync(join(packageRoot, "baselines", "kinds", "secedit", "runtime.ps1"), "utf8");
    const start = secedit.indexOf("function Restore-SeceditEntries {");
    const restore = secedit.slice(start, secedit.indexOf("\n}", start));
    // Not present in the backup: the row's declared default is written, and its absence on read-back is not an error.
    expect(restore).toContain("$row = Get-PlanRow -Entry $e");
    expect(restore).toContain("if ($null -ne $row -and $row.Contains('DefaultIfAbsent')) {");
    expect(restore).toContain("if ($defaulted.ContainsKey($k) -and -not $now.ContainsKey($k)) { continue }");
    expect(restore).not.toMatch(/LockoutDuration|ResetLockoutCount/);
  });

  it("Apply and Undo carry the same table, read back the same way, for each role at levels 2 and 3", () => {
    const seen = new Set<string>();
    for (const b of tableBundles()) {
      const cell = `${b.spec.role} ${b.spec.unit.level}`;
      if (seen.has(cell)) continue;
      seen.add(cell);
      for (const name of ["Apply-Baseline.ps1", "Undo-Baseline.ps1"]) {
        const got = readDataTable(parsePowerShell(scriptText(b, name)));
        expectSameTable(got, expectedDataTable(b.spec), `${b.spec.id} (level ${b.spec.unit.level}) ${name}`);
      }
    }
    for (const role of ROLES)
      for (const level of [2, 3]) expect(seen, `${role} ${level}`).toContain(`${role} ${level}`);
  });

  it("the data table carries the documented values for each role and level", () => {
    // The catalogue's documented numbers (docs and control comments), read from the
    // generated script, so a changed control value fails here as well as in the controls' tests.
    const covered = new Set<string>();
    for (const b of tableBundles()) {
      const { role } = b.spec;
      const level = b.spec.unit.level;
      const high = level >= 3;
      const rows = testTable(b).Settings as Row[];
      const where = `${b.spec.id} (level ${level})`;
      const secedit = (key: string) => {
        const hits = rows.filter((r) => r.Kind === "secedit" && r.Key === key);
        expect(hits, `${where} ${key}`).toHaveLength(1);
        const r = hits[0] as Row;
        return [r.Value, r.Compare];
      };
      expect(secedit("MinimumPasswordLength"), where).toStrictEqual([14, "min"]);
      expect(secedit("PasswordHistorySize"), where).toStrictEqual([24, "min"]);
      expect(secedit("MaximumPasswordAge"), where).toStrictEqual([high ? 60 : 365, "max"]);
      const strictLockout = role === "classified" || (high && role !== "lab");
      expect(secedit("LockoutBadCount"), where).toStrictEqual([strictLockout ? 5 : 10, "max"]);
      expect(secedit("EnableGuestAccount"), where).toStrictEqual([0, "eq"]);
      const idle = rows.filter((r) => r.Kind === "registry" && r.Name === "InactivityTimeoutSecs");
      expect(idle, where).toStrictEqual([
        {
          Controls: ["win.session.screen-lock"],
          Kind: "registry",
          Path: "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System",
          Name: "InactivityTimeoutSecs",
          Type: "REG_DWORD",
          Data: role === "classified" ? 300 : high ? 600 : 900,
        },
      ]);
      // The live-firewall probe: inbound on every role, outbound too on classified machines.
      const firewall = rows
        .filter((r) => r.Kind === "check" && r.Check === "firewall-active")
        .map((r) => [(r.Controls as string[]).join(","), r.Outbound])
        .sort();
      expect(firewall, where).toStrictEqual(
        role === "classified"
          ? [
              ["win.classified.firewall-block-all", "block"],
              ["win.firewall.profiles-on", "any"],
            ]
          : [["win.firewall.profiles-on", "any"]],
      );
      if (role === "classified") {
        const outbound = rows.filter((r) => r.Kind === "registry" && r.Name === "DefaultOutboundAction");
        expect(
          outbound.map((r) => [r.Type, r.Data]),
          where,
        ).toStrictEqual([
          ["REG_DWORD", 1],
          ["REG_DWORD", 1],
          ["REG_DWORD", 1],
        ]);
      }
      covered.add(`${role} ${level}`);
    }
    for (const role of ROLES) for (const level of [2, 3]) expect(covered).toContain(`${role} ${level}`);
  });

  it("the three scripts of a bundle share one data table and one runtime", () => {
    for (const b of bundles) {
      const text = (n: string) => asBuffer(b.out.files.get(n) as string).toString("utf8");
      const table = (s: string) => s.slice(s.indexOf("$Bundle = "), s.indexOf("# attt-kit runtime"));
      const runtime = (s: string) =>
        s.slice(s.indexOf("# attt-kit runtime"), s.lastIndexOf("function Show-BundleHeader"));
      expect(table(text("Apply-Baseline.ps1"))).toBe(table(text("Test-Baseline.ps1")));
      expect(table(text("Undo-Baseline.ps1"))).toBe(table(text("Test-Baseline.ps1")));
      expect(runtime(text("Apply-Baseline.ps1"))).toBe(runtime(text("Undo-Baseline.ps1")));
    }
  });
});

describe("the README beside the scripts", () => {
  const readme = (b: WindowsBundle) => String(b.out.files.get("README.md"));
  const OS_NAME: Record<string, string> = { "windows-10": "Windows 10", "windows-11": "Windows 11" };

  it("names exactly the Windows versions the scripts accept ($Bundle.OsAllowed)", () => {
    let single = 0;
    for (const b of bundles) {
      const allowed = (testTable(b).Bundle as Row).OsAllowed as string[];
      expect(allowed.length, b.spec.id).toBeGreaterThan(0);
      if (allowed.length === 1) single++;
      const text = readme(b);
      const line = text.split("\n").find((l) => l.startsWith("- Hệ điều hành / Operating system: "));
      expect(line, b.spec.id).toBeDefined();
      expect(
        [...String(line).matchAll(/`([^`]+)`/g)].map((m) => m[1]),
        b.spec.id,
      ).toEqual(allowed);
      const names = allowed.map((o) => OS_NAME[o] ?? o);
      expect(text, b.spec.id).toContain(`chạy ${names.join(" hoặc ")} của đơn vị`);
      expect(text, b.spec.id).toContain(`running ${names.join(" or ")}, at security level`);
      expect(text, b.spec.id).toContain(`the bundle is for ${names.join(" or ")} only (`);
      expect(text, b.spec.id).not.toContain("Windows 10/11");
    }
    // The demo province: most bundles allow one version, so "Windows 10/11" would be wrong for them.
    expect(single).toBeGreaterThan(bundles.length / 2);
  });

  it("says when Apply refuses a remote session, as Assert-KeepsOwnSession decides from the controls' declarations, which agree with their settings", () => {
    const apply = readFileSync(join(packageRoot, "templates", "windows", "Apply-Baseline.ps1"), "utf8");
    // The runtime reads what the controls declare (CutsSessions), never setting names.
    expect(apply).toContain(
      "($overRdp -and $cuts -contains 'rdp') -or ($overRemoting -and $cuts -contains 'remoting') -or ($overSsh -and $cuts -contains 'ssh')",
    );
    const guard = apply.slice(
      apply.indexOf("function Assert-KeepsOwnSession {"),
      apply.indexOf("function Get-AdminRename {"),
    );
    for (const name of ["'fDenyTSConnections'", "'DefaultOutboundAction'", "'WinRM'", "$Settings"])
      expect(guard).not.toContain(name);
    expect(apply).toContain("$overSsh = -not [string]::IsNullOrEmpty($env:SSH_CONNECTION)");
    expect(apply.indexOf("Assert-KeepsOwnSession -Force:$Force")).toBeLessThan(
      apply.indexOf("Save-Backup -Current"),
    );
    const seen = new Set<string>();
    for (const b of bundles) {
      const rows = testTable(b).Settings as Row[];
      const reg = (name: string) =>
        rows.some((r) => r.Kind === "registry" && r.Name === name && Number(r.Data) === 1);
      const blocksAll = reg("DefaultOutboundAction");
      // RDP admitted from remoteAdminFrom only may cut a session too (win.remote.rdp declares rdp always).
      const rdp = true;
      const rdpOff = reg("fDenyTSConnections") || blocksAll;
      const remoting =
        rows.some((r) => r.Kind === "service" && r.Name === "WinRM" && r.Startup === "disabled") || blocksAll;
      const line = readme(b)
        .split("\n")
        .find((l) => l.startsWith("- Remote sessions: "));
      expect(line, b.spec.id).toBeDefined();
      const refused = /refuses to run over (.+?), because/.exec(String(line))?.[1] ?? "";
      expect(refused.includes("Remote Desktop"), `${b.spec.id}: ${line}`).toBe(rdp);
      expect(refused.includes("PowerShell remoting"), `${b.spec.id}: ${line}`).toBe(remoting);
      expect(refused.includes("OpenSSH"), `${b.spec.id}: ${line}`).toBe(blocksAll);
      if (!rdpOff) expect(line, b.spec.id).toContain("admits Remote Desktop only from the admin networks");
      // The rule from the settings (RDP off or all traffic blocked; WinRM off or all
      // traffic blocked; all traffic blocked) is what the controls declare in the data table.
      const declared = new Set(
        (testTable(b).Controls as Row[]).flatMap((c) => (c.CutsSessions as string[] | undefined) ?? []),
      );
      expect([...declared].sort(), b.spec.id).toEqual(
        [...(rdp ? ["rdp"] : []), ...(remoting ? ["remoting"] : []), ...(blocksAll ? ["ssh"] : [])].sort(),
      );
      seen.add(`${rdpOff} ${remoting}`);
    }
    // The demo has bundles that turn RDP off with and without WinRM, and that keep RDP for the admin networks.
    expect(seen).toEqual(new Set(["true true", "true false", "false false"]));
  });

  it("documents Undo's OS refusal and -Force, and exit codes 0/1/2 where the scripts have them", () => {
    for (const b of bundles) {
      const text = readme(b);
      expect(text).toContain("Undo-Baseline.ps1 -Force`");
      expect(text).toContain("Undo refuses a machine running a Windows version other than");
      expect(text).toContain("Undo từ chối máy chạy phiên bản Windows khác");
      expect(text).toContain("### When the scripts refuse to run (exit code 2, nothing changed)");
      expect(text).toContain(
        "2: refused for lack of administrator rights, for an unsafe scripts' folder, or `-Upload` is not https://, the credential cannot be read or is not safe as above; 3: the upload was not accepted",
      );
      expect(text).toContain("- Without administrator rights: Apply, Test and Undo all refuse.");
      expect(text).toContain("the backup is then kept: fix the errors and run Undo again");
    }
    // What the README says: Apply and Undo check the platform (Stop-WithMessage exits 2); Test
    // refuses only without administrator rights.
    const template = (n: string) => readFileSync(join(packageRoot, "templates", "windows", n), "utf8");
    expect(template("runtime-common.ps1")).toMatch(/function Stop-WithMessage \{[^}]*exit 2\r?\n\}/);
    expect(template("Apply-Baseline.ps1")).toContain("Assert-Platform -Force:$Force");
    expect(template("Undo-Baseline.ps1")).toContain("Assert-Platform -Force:$Force");
    const test = template("Test-Baseline.ps1");
    // Test refuses only without administrator rights, from an unsafe folder, or with an -Upload it cannot do (all before auditing).
    const testMain = test
      .slice(test.lastIndexOf("# ---------------------------------------------------------------- main"))
      .replace(/^\s*#.*$/gm, "");
    // Assert-UploadReady twice: -Upload refuses; -UploadIfConfigured only warns (-WarnOnly).
    expect(testMain.match(/Assert-\w+|Stop-WithMessage|exit 2/g)).toEqual([
      "Assert-Administrator",
      "Assert-TrustedLocation",
      "Assert-UploadReady",
      "Assert-UploadReady",
    ]);
    expect(testMain).toContain("Assert-UploadReady -CredentialFile $Credential -WarnOnly");
    expect(testMain.indexOf("Assert-UploadReady")).toBeLessThan(testMain.indexOf("Invoke-Evaluation"));
    // Undo keeps the backup (exit 1) when anything failed, and retires it only after.
    const undo = template("Undo-Baseline.ps1");
    const failed = undo.indexOf("if ($failures.Count -gt 0) {");
    expect(failed).toBeGreaterThan(0);
    expect(undo.indexOf("exit 1", failed)).toBeLessThan(
      undo.indexOf("Move-Item -LiteralPath (Get-BackupPath)"),
    );
    // secedit can report success and leave a value unchanged: its Restore reads back.
    expect(readFileSync(join(packageRoot, "baselines", "kinds", "secedit", "runtime.ps1"), "utf8")).toContain(
      "$now = Read-SeceditValues",
    );
  });

  it("names the evidence file as Test-Baseline.ps1 does by default, one per machine", () => {
    const test = readFileSync(join(packageRoot, "templates", "windows", "Test-Baseline.ps1"), "utf8");
    expect(test).toContain("$OutFile = Join-Path $here ('evidence-{0}.json' -f $identity.DnsName)");
    for (const b of bundles) {
      const text = readme(b);
      expect(text).not.toContain("evidence.json");
      expect(text).toContain("`C:\\attt\\evidence-<computer name>.json`");
      expect(text).toContain("`C:\\attt\\evidence-<tên máy>.json`");
      expect(text).toContain("`powershell.exe -ExecutionPolicy Bypass -File C:\\attt\\Test-Baseline.ps1`.");
    }
  });

  it("every parameter of every script template has .PARAMETER help", () => {
    for (const name of ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1", LEAVER_SCRIPT]) {
      const text = readFileSync(join(packageRoot, "templates", "windows", name), "utf8").replace(
        /\r\n/g,
        "\n",
      );
      const help = text.slice(0, text.indexOf("#>"));
      const block = text.slice(text.indexOf("\nparam("), text.indexOf("\n)", text.indexOf("\nparam(")));
      const params = [...block.matchAll(/\$(\w+)/g)].map((m) => m[1] as string);
      expect(params.length, name).toBeGreaterThan(0);
      for (const p of params) expect(help, `${name} -${p}`).toMatch(new RegExp(`^\\.PARAMETER ${p}$`, "m"));
    }
  });
});

describe("the data-table reader (test/helpers/ps-data.ts)", () => {
  /** A random value of the shape psData writes: strings, integers, booleans, null, arrays and ordered hashtables. */
  const randomData = (next: () => number, depth: number): PsValue => {
    const r = next();
    if (depth <= 0 || r < 0.45) {
      const k = Math.floor(next() * 6);
      if (k < 3) return hostileString(next);
      if (k === 3) return Math.floor((next() - 0.5) * 2 ** 40);
      if (k === 4) return next() < 0.5;
      return null;
    }
    const n = Math.floor(next() * 4);
    if (r < 0.7) {
      // psData refuses an array directly inside an array (PowerShell would flatten it).
      return Array.from({ length: n }, () => {
        const v = randomData(next, depth - 1);
        return Array.isArray(v) ? { Items: v } : v;
      });
    }
    const o: Row = {};
    for (let i = 0; i < n; i++) o[`K${i}x${Math.floor(next() * 100)}`] = randomData(next, depth - 1);
    return o;
  };

  it("reads 500 generated values written by the escaping helper back exactly", () => {
    const next = rng(0xda7a);
    for (let i = 0; i < 500; i++) {
      const v = randomData(next, 3);
      expect(readPsLiteral(psData(v)), JSON.stringify(v).slice(0, 200)).toStrictEqual(v);
    }
    expect(readPsLiteral("@(\r\n  'a',\r\n  -7\r\n)")).toStrictEqual(["a", -7]);
    expect(readPsLiteral("@{ K = @( [ordered]@{} ) }")).toStrictEqual({ K: [{}] });
  });

  it("refuses anything that is not literal data, though it is valid PowerShell", () => {
    for (const code of [
      "Get-Date",
      "$(Get-Date)",
      "'a' + 'b'",
      "1 + 1",
      "$env:PATH",
      "$Settings",
      "$True",
      '"expandable $x"',
      "@'\r\nhere\r\n'@",
      "'a', 'b'",
      "@(@('a'))",
      "@('a'\r\n'b')",
      "@('a'; 'b')",
      "@{\r\n  a = 1\r\n  a = 2\r\n}",
      "@{\r\n  a = 1\r\n  A = 2\r\n}",
      "@{ 'quoted' = 1 }",
      "@{ a = 'x', 'y' }",
      "[int]'3'",
      "[hashtable]@{}",
      "0x10",
      "1kb",
      "1.5",
      "-'1'",
      "!$true",
      "{ 'x' }",
      "& { 'x' }",
      "@{ a = 1 # comment\r\n}",
      "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('YQpi')) + 'x'",
      "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('YQpi='))",
      "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('/w=='))",
      "[Text.Encoding]::ASCII.GetString([Convert]::FromBase64String('YQpi'))",
      "[IO.File]::ReadAllText('C:\\x')",
    ]) {
      expect(parsePowerShell(`$Value = ${code}\r\n`).rootNode.hasError, code).toBe(false);
      expect(() => readPsLiteral(code), code).toThrow(NotPsData);
    }
  });

  it("refuses a table assigned twice, with another operator, or inside a block", () => {
    const table = (extra: string) => `$Bundle = @{}\r\n$Controls = @()\r\n$Settings = @()\r\n${extra}`;
    expect(readDataTable(parsePowerShell(table("")))).toStrictEqual({
      Bundle: {},
      Controls: [],
      Settings: [],
    });
    for (const extra of [
      "$Settings = @()\r\n",
      "$settings += @{ Kind = 'x' }\r\n",
      "function f { $Bundle = @{} }\r\n",
    ])
      expect(() => readDataTable(parsePowerShell(table(extra))), extra).toThrow(NotPsData);
    expect(() =>
      readDataTable(parsePowerShell("if ($x) { $Bundle = @{} }\r\n$Controls = @()\r\n$Settings = @()\r\n")),
    ).toThrow(NotPsData);
  });
});

describe("evidence written by Test-Baseline.ps1", () => {
  const template = () => readFileSync(join(packageRoot, "templates", "windows", "Test-Baseline.ps1"), "utf8");
  const common = () => readFileSync(join(packageRoot, "templates", "windows", "runtime-common.ps1"), "utf8");
  /** The keys of the `[ordered]@{ ... }` literal that follows `marker` in the runtime. */
  const keysAfter = (text: string, marker: string): string[] => {
    const from = text.indexOf(marker);
    expect(from, marker).toBeGreaterThanOrEqual(0);
    const body = text.slice(from + marker.length, text.indexOf("\n}", from));
    return [...body.matchAll(/^\s*([a-zA-Z]+) = /gm)].map((m) => m[1] as string);
  };

  it("has the fields of the evidence schema, in its order, with the schema name", () => {
    expect(keysAfter(template(), "$evidence = [ordered]@{")).toEqual(Object.keys(Evidence.shape));
    expect(template()).toContain(`schema = '${EVIDENCE_SCHEMA}'`);
    expect(template()).toContain("bundle = [ordered]@{ id = $Bundle.Id; sha256 = $Bundle.Sha256 }");
  });

  it("writes a relative -OutFile where PowerShell stands, not in the process's directory", () => {
    const write = common().slice(common().indexOf("function Write-Json"));
    const resolved = write.indexOf(
      "$Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)",
    );
    expect(resolved).toBeGreaterThan(0);
    expect(resolved).toBeLessThan(write.indexOf("[IO.File]::WriteAllText($Path"));
  });

  it("writes per-control results with the result schema's fields and statuses", () => {
    const line = common()
      .split("\n")
      .find((l) => l.includes("$result = [ordered]@{"));
    const keys = [...(line ?? "").matchAll(/(\w+) = /g)].map((m) => m[1]).filter((k) => k !== "result");
    expect(keys).toEqual(["control", "status", "observed", "expected"]);
    expect(common()).toContain("$result.detail = ");
    const allowed = new Set(Object.keys(ControlResult.shape));
    for (const k of [...keys, "detail"]) expect(allowed.has(k as string), k).toBe(true);
    for (const status of common().matchAll(/\$status = '(\w+)'/g)) {
      expect(ControlResult.shape.status.options as readonly string[]).toContain(status[1]);
    }
  });
});

describe("leaver scripts", () => {
  it("are byte-identical across two runs", () => {
    expect(leaverScripts(inventory, "attt-kit test")).toEqual(leaverScripts(inventory, "attt-kit test"));
  });

  it("cover each unit with leavers and the province, listing only retired, resigned or transferred people", () => {
    const out = leaverScripts(inventory, "attt-kit test");
    const leavers = inventory.staff.filter((p) => p.status !== "active");
    expect(leavers.length).toBeGreaterThan(0);
    expect(out.has(`${LEAVERS_DIR}/${LEAVER_SCRIPT}`)).toBe(true);
    for (const unit of new Set(leavers.map((p) => p.unit)))
      expect(out.has(`${LEAVERS_DIR}/${unit}/${LEAVER_SCRIPT}`)).toBe(true);
    const provinceText = out.get(`${LEAVERS_DIR}/${LEAVER_SCRIPT}`) as string;
    const province = scriptShape(parsePowerShell(provinceText), provinceText).literals;
    for (const p of inventory.staff) {
      for (const a of p.accounts) {
        if (p.status === "active") continue;
        expect(province, `${p.id} ${a.username}`).toContain(a.username);
      }
    }
    const activeOnly = inventory.staff
      .filter((p) => p.status === "active")
      .flatMap((p) => p.accounts.map((a) => a.username));
    const leaverNames = new Set(leavers.flatMap((p) => p.accounts.map((a) => a.username)));
    for (const name of activeOnly.filter((n) => !leaverNames.has(n))) expect(province).not.toContain(name);
  });

  it("check the log is writable before disabling anything, and take -LogFile x.json as x.json, not x.json.json", () => {
    const text = (
      leaverScripts(inventory, "attt-kit test").get(`${LEAVERS_DIR}/${LEAVER_SCRIPT}`) as string
    ).replace(/\r\n/g, "\n");
    const main = text.slice(text.indexOf("\nWrite-Host ('attt-kit: Disable-LeaverAccounts"));
    const probe = main.indexOf("[IO.File]::Open($path, [IO.FileMode]::OpenOrCreate, [IO.FileAccess]::Write)");
    expect(probe).toBeGreaterThan(0);
    // The probe comes before the loop that disables accounts, and failing it exits 2 saying nothing changed.
    expect(probe).toBeLessThan(main.indexOf("foreach ($leaver in $Leavers)"));
    const catchBlock = main.slice(probe, main.indexOf("\n}\n", probe));
    expect(catchBlock).toMatch(/nothing was changed[^\n]*\n\s+exit 2$/);
    // The extension is dropped before the two log names are made; nothing else appends one.
    expect(main).toContain(
      "if ($LogFile -match '\\.(json|csv)$') { $LogFile = $LogFile.Substring(0, $LogFile.Length - $Matches[0].Length) }",
    );
    expect(main.indexOf("-match '\\.(json|csv)$'")).toBeLessThan(
      main.indexOf("$Script:JsonLog = '{0}.json' -f $LogFile"),
    );
    expect(main.match(/'\{0\}\.(json|csv)' -f \$LogFile/g)).toEqual([
      "'{0}.json' -f $LogFile",
      "'{0}.csv' -f $LogFile",
    ]);
    expect(main).toContain("[IO.File]::WriteAllText($Script:JsonLog,");
    expect(main).toContain("Export-Csv -LiteralPath $Script:CsvLog");
  });

  it("support a dry run and never call a cmdlet with a wildcard-capable name parameter on data", () => {
    const text = leaverScripts(inventory, "attt-kit test").get(`${LEAVERS_DIR}/${LEAVER_SCRIPT}`) as string;
    expect(text).toContain("[CmdletBinding(SupportsShouldProcess = $true)]");
    expect(text).toContain("Disable-LocalUser -InputObject $user");
    expect(text).toContain("Disable-ADAccount -Identity $user");
    const code = text
      .split("\r\n")
      .filter((l) => !l.trimStart().startsWith("#"))
      .join("\n");
    expect(code).not.toMatch(/Get-LocalUser -Name|Get-ADUser -Identity|Get-ADUser -Filter/);
  });
});
