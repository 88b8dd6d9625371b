// One place per setting kind (README "Extend the catalogue"): every folder under
// baselines/kinds/ holds the kind's four files (setting.ts, gpo.ts, row.ts, runtime.ps1),
// and its runtime.ps1 registers the kind under the folder's name (Register-SettingKind).
// Apply, Test and Undo reach every kind through that register alone, never by a case
// naming it; each function a kind registers is defined in its own folder and reads only
// its row's columns or its backup entry's fields; the runtime refuses what the kind's
// constructor refuses. Nothing runs PowerShell here: the scripts are parsed, and read as text.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { assembleScript, kindFiles } from "../baselines/emit/windows/script-assembly.js";
import { settingRow } from "../baselines/emit/windows/script-data.js";
import { planWindowsSettings, type TableKind } from "../baselines/emit/windows/settings-plan.js";
import { audit } from "../baselines/kinds/audit/setting.js";
import { regDword } from "../baselines/kinds/registry/setting.js";
import { registryClear } from "../baselines/kinds/registry-clear/setting.js";
import { scheduledTask, TASK_NAME, TASK_PATH } from "../baselines/kinds/scheduled-task/setting.js";
import { secedit } from "../baselines/kinds/secedit/setting.js";
import { SERVICE_NAME, service } from "../baselines/kinds/service/setting.js";
import { userRegDword } from "../baselines/kinds/user-registry/setting.js";
import { userRight } from "../baselines/kinds/user-right/setting.js";
import { checkFirewallActive, type WindowsSetting } from "../baselines/settings.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { parsePowerShell, syntaxProblems } from "./helpers/windows.js";

const read = (...p: string[]) => readFileSync(join(packageRoot, ...p), "utf8");
const common = read("templates", "windows", "runtime-common.ps1");
const templates = {
  apply: read("templates", "windows", "Apply-Baseline.ps1"),
  test: read("templates", "windows", "Test-Baseline.ps1"),
  undo: read("templates", "windows", "Undo-Baseline.ps1"),
};
const body = (text: string, fn: string) => {
  const start = text.indexOf(`function ${fn} {`);
  expect(start, fn).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf("\n}", start));
};

/**
 * A sample setting of each kind and what its backup entries are: its own kind's (with
 * the fields its Id reads), another kind's (registry-clear backs up registry values), or
 * none (a check). The constructor patterns its runtime must check too.
 */
const KINDS: Record<
  TableKind,
  { sample: WindowsSetting; entries: "own" | "registry" | "none"; patterns?: Record<string, RegExp> }
> = {
  audit: { sample: audit("Logon", "{0cce9215-69ae-11d9-bed3-505054503030}", 3), entries: "own" },
  check: { sample: checkFirewallActive("any"), entries: "none" },
  registry: { sample: regDword("SOFTWARE\\Policies\\X", "Y", 1), entries: "own" },
  "registry-clear": { sample: registryClear("SOFTWARE\\Policies\\X\\List"), entries: "registry" },
  "scheduled-task": {
    sample: scheduledTask("\\Microsoft\\XblGameSave\\", "XblGameSaveTask"),
    entries: "own",
    patterns: { TaskPathPattern: TASK_PATH, TaskNamePattern: TASK_NAME },
  },
  secedit: {
    // Every optional column present: the functions may read them.
    sample: secedit("LockoutDuration", 15, "min", {
      strongest: -1,
      defaultIfAbsent: 30,
      renamesAccountRid: 500,
    }),
    entries: "own",
  },
  service: {
    sample: service("XblGameSave", "disabled"),
    entries: "own",
    patterns: { ServiceNamePattern: SERVICE_NAME },
  },
  "user-registry": { sample: userRegDword("Software\\Policies\\X", "Y", 1), entries: "own" },
  "user-right": { sample: userRight("SeDebugPrivilege", ["S-1-5-32-544"]), entries: "own" },
};

const ROLES = ["Apply", "Entry", "Id", "Label", "Restore", "Test", "Value"];
const REGISTRATION =
  /Register-SettingKind -Kind '([a-z-]+)'((?: `?\s*-[A-Za-z]+ '[A-Za-z-]+'| `?\s*-Order \d+| -NeverCreates)+)/;
const kindsDir = join(packageRoot, "baselines", "kinds");
const folders = readdirSync(kindsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
/** Each kind's PowerShell as the scripts carry it: runtime.ps1 and its subfolders' files. */
const kindText = (dir: string) =>
  kindFiles(join(kindsDir, dir))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
const registered = folders.flatMap((dir) => {
  if (!existsSync(join(kindsDir, dir, "runtime.ps1"))) return [];
  const text = kindText(dir);
  const m = REGISTRATION.exec(text);
  if (!m) return [];
  const fns = Object.fromEntries<string>(
    [...(m[2] ?? "").matchAll(/-([A-Za-z]+) '([A-Za-z-]+)'/g)].map((x) => [x[1] as string, x[2] as string]),
  );
  return [{ dir, kind: m[1] as string, fns, text }];
});
/** `$Row.Name` reads in a function's text (not method calls such as $Row.Contains(...)). */
const reads = (text: string, variable: string) =>
  [...text.matchAll(new RegExp(`\\$${variable}\\.([A-Za-z]+)\\b(?!\\()`, "g"))]
    .map((m) => m[1] as string)
    // The row's own column names (a check's identity is all its columns).
    .filter((name) => name !== "Keys");

describe("setting kinds: one folder each, registered with the runtime", () => {
  it("every kind folder holds setting.ts, gpo.ts, row.ts and runtime.ps1, and its runtime registers it under the folder's name", () => {
    expect(folders.length).toBeGreaterThanOrEqual(9);
    for (const dir of folders) {
      for (const f of ["setting.ts", "gpo.ts", "row.ts", "runtime.ps1"])
        expect(existsSync(join(kindsDir, dir, f)), `baselines/kinds/${dir}/${f}`).toBe(true);
      const regs = [...kindText(dir).matchAll(/^Register-SettingKind -Kind '([a-z-]+)'/gm)].map((m) => m[1]);
      expect(regs, `baselines/kinds/${dir}/runtime.ps1 registers itself, once`).toEqual([dir]);
    }
    expect(registered.map((r) => r.kind)).toEqual(folders);
    expect(Object.keys(KINDS).sort()).toEqual(folders);
  });

  it("every kind a demo bundle's data table holds is registered", () => {
    const inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
    const seen = new Set<string>();
    for (const spec of bundleSpecs(inventory, { os: "windows" }))
      for (const p of planWindowsSettings(spec.controls).settings) seen.add(p.kind);
    expect([...seen].sort()).toEqual(folders);
  });

  it("each registers every role the runtime calls, with functions defined in its own folder, and parses", () => {
    const params = /param\(([^)]*)\)/.exec(body(common, "Register-SettingKind"))?.[1] ?? "";
    const roles = [...params.matchAll(/\[string\]\$([A-Za-z]+)/g)]
      .map((x) => x[1] as string)
      .filter((r) => r !== "Kind");
    expect(roles.sort()).toEqual([...ROLES, "Owns", "Read", "Remind"].sort());
    for (const { kind, fns, text } of registered) {
      expect(syntaxProblems(parsePowerShell(text)), kind).toEqual([]);
      for (const role of ROLES) expect(fns[role], `${kind} ${role}`).toBeDefined();
      for (const fn of Object.values(fns)) expect(text, `${kind}: ${fn}`).toContain(`function ${fn} {`);
      // A Read reads the whole kind once, for Apply (local) and Test (-Merged).
      if (fns.Read) expect(body(text, fns.Read), kind).toContain("[switch]$Merged");
      // The shapes the runtime calls them with.
      expect(body(text, fns.Apply as string), kind).toContain("param([object[]]$Rows)");
      expect(body(text, fns.Restore as string), kind).toContain("param([object[]]$Entries)");
      for (const role of ["Entry", "Test"])
        expect(body(text, fns[role] as string), `${kind} ${role}`).toContain("param($Row, $State)");
    }
  });

  it("Apply, Test and Undo reach them in every step through the register, and name none of them", () => {
    expect(body(common, "Get-SettingId")).toContain("& $handlers.Id -Row $Row");
    expect(body(common, "Get-KindState")).toContain("& $Handlers.Read -Merged:$Merged");
    expect(body(common, "Test-SettingRow")).toContain("& $handlers.Test -Row $Row -State");
    expect(body(templates.apply, "Get-RowEntries")).toContain("& $handlers.Entry -Row $Row -State");
    expect(body(templates.apply, "Invoke-Apply")).toContain("& $handlers.Apply -Rows $rows");
    expect(body(templates.apply, "Get-EntryLabel")).toContain("& $handlers.Label -Entry $Entry");
    expect(body(templates.apply, "Get-EntryValue")).toContain("& $handlers.Value -Entry $Entry");
    expect(body(templates.undo, "Select-BundleEntries")).toContain("& $owner.Owns -Row $row -Entry $e");
    expect(body(templates.undo, "Restore-Entries")).toContain("& $handlers.Restore -Entries $mine");
    // The plan is read, never merged again: no runtime function merges rows.
    for (const text of [common, ...Object.values(templates)]) {
      expect(text).not.toContain("Get-UniqueSettings");
      // Audit values were OR-ed here; the generator merges them now (settings-plan.ts).
      expect(text).not.toMatch(/Value -bor/);
    }
    const everything = [common, ...Object.values(templates)].join("\n");
    for (const { kind } of registered)
      expect(everything, `${kind} named in the shared runtime`).not.toContain(`'${kind}'`);
    // Each kind's files come after the shared runtime, once, in all three scripts.
    for (const name of ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1"]) {
      const script = readScript(name);
      for (const { kind, fns } of registered) {
        expect(script.indexOf(`Register-SettingKind -Kind '${kind}'`), `${name} ${kind}`).toBeGreaterThan(
          script.indexOf("function Register-SettingKind {"),
        );
        expect(script.split(`function ${fns.Entry} {`).length - 1, `${name} ${kind}`).toBe(1);
      }
    }
  });

  it("each function reads only its row's columns; Restore, Label and Value only what the backup entry holds", () => {
    for (const { kind, fns, text } of registered) {
      const spec = KINDS[kind as TableKind];
      const p = { kind: kind as TableKind, setting: spec.sample, controls: ["c"] };
      const columns = Object.keys(settingRow(p, { registry: [] }));
      expect(columns.slice(0, 2), kind).toEqual(["Controls", "Kind"]);
      const fnText = (role: string) => {
        const b = body(text, fns[role] as string);
        // A kind set one row at a time names the function it runs on each (Invoke-Each -Action).
        const each = /Invoke-Each -Items \$(?:Rows|Entries) -Action '([A-Za-z-]+)'/.exec(b);
        return each ? `${b}\n${body(text, each[1] as string)}` : b;
      };
      for (const role of ["Id", "Entry", "Test"])
        for (const col of reads(fnText(role), "Row"))
          expect(columns, `${kind}: ${fns[role]} reads $Row.${col}`).toContain(col);
      for (const col of reads(fnText("Apply"), "row").concat(reads(fnText("Apply"), "Row")))
        expect(columns, `${kind}: ${fns.Apply} reads $row.${col}`).toContain(col);
      if (spec.entries !== "own") continue;
      let entry = body(text, fns.Entry as string);
      // An Entry that hands its work on (registry's New-RegistryEntry, shared with registry-clear).
      const builder = /return (New-[A-Za-z]+Entry) /.exec(entry);
      if (builder) entry = body(text, builder[1] as string);
      const fields = [...entry.slice(entry.indexOf("[ordered]@{")).matchAll(/([A-Za-z]+) = /g)].map(
        (m) => m[1],
      );
      expect(fields.slice(0, 2), kind).toEqual(["Id", "Kind"]);
      expect(entry, kind).toContain(`Kind = '${kind}'`);
      // The entry's identity is the row's: Undo recomputes it from the entry's fields.
      expect(
        entry.includes(`Id = (${fns.Id} -Row $Row)`) || entry.includes(`$entry.Id = ${fns.Id} -Row $entry`),
        kind,
      ).toBe(true);
      for (const col of reads(body(text, fns.Id as string), "Row"))
        expect(fields, `${kind}: entry lacks ${col}`).toContain(col);
      for (const role of ["Restore", "Label", "Value"])
        for (const f of reads(fnText(role), "Entry").concat(reads(fnText(role), "e")))
          expect(fields, `${kind}: ${fns[role]} reads $Entry.${f}`).toContain(f);
    }
  });

  it("every $Script: variable the assembled scripts read is assigned in them (a kind's tools go with the kind)", () => {
    for (const name of ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1"]) {
      const script = readScript(name);
      const used = new Set([...script.matchAll(/\$Script:([A-Za-z0-9]+)/g)].map((m) => m[1] as string));
      const assigned = new Set(
        [...script.matchAll(/^\s*\$Script:([A-Za-z0-9]+) = /gm)].map((m) => m[1] as string),
      );
      for (const v of used) expect(assigned.has(v), `${name}: $Script:${v}`).toBe(true);
    }
  });

  it("the runtime checks the constructor's patterns, anchored with \\z, case-sensitive", () => {
    for (const { kind, text } of registered) {
      for (const [name, re] of Object.entries(KINDS[kind as TableKind].patterns ?? {})) {
        const m = new RegExp(`\\$Script:${name} = '([^']*)'`).exec(text);
        expect(m, `${kind} ${name}`).not.toBeNull();
        expect((m?.[1] ?? "").replace(/\\z$/, "$"), `${kind} ${name}`).toBe(re.source);
        expect(text, `${kind} ${name}`).toContain(`-cnotmatch $Script:${name}`);
      }
    }
  });

  it("every check the catalogue can emit has its own file registering its Test", () => {
    const checks = read("baselines", "kinds", "check", "setting.ts");
    const names = [...checks.matchAll(/check: "([a-z-]+)"/g)].map((m) => m[1] as string);
    expect(names.length).toBeGreaterThanOrEqual(10);
    const dir = join(kindsDir, "check", "checks");
    for (const name of new Set(names)) {
      const text = readFileSync(join(dir, `${name}.ps1`), "utf8");
      const m = new RegExp(`^Register-Check -Name '${name}' -Test '([A-Za-z-]+)'`, "m").exec(text);
      expect(m, name).not.toBeNull();
      expect(text, name).toContain(`function ${m?.[1]} {`);
      expect(syntaxProblems(parsePowerShell(text)), name).toEqual([]);
    }
    expect(readdirSync(dir).sort()).toEqual([...new Set(names)].map((n) => `${n}.ps1`).sort());
  });
});

function readScript(name: string): string {
  return assembleScript(name, "$Bundle = @{}");
}
