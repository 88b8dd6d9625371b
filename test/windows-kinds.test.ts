// One place per setting kind (README "Add a setting kind"): every kind that registers its
// PowerShell (baselines/kinds/<kind>/runtime.ps1, Register-SettingKind) is reached by Apply,
// Test and Undo through the registry alone, never by a case naming it; each function it
// registers is defined in its own file and reads only its row's columns or its backup
// entry's fields; the runtime refuses what the kind's constructor refuses. Nothing runs
// PowerShell here: the scripts are parsed, and read as text.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assembleScript } from "../baselines/emit/windows/script-assembly.js";
import { settingRow } from "../baselines/emit/windows/script-data.js";
import { scheduledTask, TASK_NAME, TASK_PATH } from "../baselines/kinds/scheduled-task/setting.js";
import { SERVICE_NAME, service } from "../baselines/kinds/service/setting.js";
import type { WindowsSetting } from "../baselines/settings.js";
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

/** A sample setting of each registered kind, and the constructor patterns its runtime must check too. */
const KINDS: Record<string, { sample: WindowsSetting; patterns: Record<string, RegExp> }> = {
  "scheduled-task": {
    sample: scheduledTask("\\Microsoft\\XblGameSave\\", "XblGameSaveTask"),
    patterns: { TaskPathPattern: TASK_PATH, TaskNamePattern: TASK_NAME },
  },
  service: { sample: service("XblGameSave", "disabled"), patterns: { ServiceNamePattern: SERVICE_NAME } },
};

const REGISTRATION = /Register-SettingKind -Kind '([a-z-]+)'((?: `?\s*-[A-Za-z]+ '[A-Za-z-]+')+)/;
const kindsDir = join(packageRoot, "baselines", "kinds");
const registered = readdirSync(kindsDir)
  .sort()
  .flatMap((dir) => {
    let text: string;
    try {
      text = read("baselines", "kinds", dir, "runtime.ps1");
    } catch {
      return [];
    }
    const m = REGISTRATION.exec(text);
    if (!m) return [];
    const fns = Object.fromEntries<string>(
      [...(m[2] ?? "").matchAll(/-([A-Za-z]+) '([A-Za-z-]+)'/g)].map((x) => [x[1] as string, x[2] as string]),
    );
    return [{ dir, kind: m[1] as string, fns, text }];
  });

describe("setting kinds registered with the runtime", () => {
  it("are the kinds this test knows, each registered from its own folder under its own name", () => {
    expect(registered.map((r) => r.kind)).toEqual(Object.keys(KINDS).sort());
    for (const r of registered) expect(r.kind).toBe(r.dir);
  });

  it("each registers every role the runtime calls, with functions defined in its own file, and parses", () => {
    const params = /param\(([^)]*)\)/.exec(body(common, "Register-SettingKind"))?.[1] ?? "";
    const roles = [...params.matchAll(/\[string\]\$([A-Za-z]+)/g)]
      .map((x) => x[1] as string)
      .filter((r) => r !== "Kind");
    expect(roles.sort()).toEqual(["Apply", "Entry", "Id", "Label", "Restore", "Test", "Value"]);
    for (const { kind, fns, text } of registered) {
      expect(syntaxProblems(parsePowerShell(text)), kind).toEqual([]);
      expect(Object.keys(fns).sort(), kind).toEqual(roles);
      for (const fn of Object.values(fns)) expect(text, `${kind}: ${fn}`).toContain(`function ${fn} {`);
    }
  });

  it("Apply, Test and Undo reach them in every step through the registry, and name none of them", () => {
    expect(body(common, "Get-SettingId")).toContain("& $handlers.Id -Row $Row");
    expect(body(common, "Test-SettingRow")).toContain("& $handlers.Test -Row $Row");
    expect(body(templates.apply, "Get-RowEntries")).toContain("& $handlers.Entry -Row $Row");
    expect(body(templates.apply, "Invoke-Apply")).toContain("& $handlers.Apply -Row $row");
    expect(body(templates.apply, "Get-EntryLabel")).toContain("& $handlers.Label -Entry $Entry");
    expect(body(templates.apply, "Get-EntryValue")).toContain("& $handlers.Value -Entry $Entry");
    expect(body(templates.undo, "Select-BundleEntries")).toContain("Get-SettingKind -Item $e");
    expect(body(templates.undo, "Restore-Entries")).toContain("& $handlers.Restore -Entry $e");
    const dispatchers = [
      body(common, "Get-SettingId"),
      body(common, "Test-SettingRow"),
      body(templates.apply, "Get-RowEntries"),
      body(templates.apply, "Invoke-Apply"),
      body(templates.apply, "Get-EntryLabel"),
      body(templates.apply, "Get-EntryValue"),
      body(templates.undo, "Select-BundleEntries"),
      body(templates.undo, "Restore-Entries"),
    ];
    for (const { kind } of registered)
      for (const d of dispatchers) expect(d, `${kind} named in ${d.slice(0, 40)}`).not.toContain(`'${kind}'`);
    // Each kind's file comes after the shared runtime, once, in all three scripts.
    for (const name of ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1"]) {
      const script = assembleScript(name, "$Bundle = @{}");
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
      const spec = KINDS[kind];
      if (!spec) throw new Error(`no sample for ${kind}`);
      const columns = Object.keys(settingRow("c", spec.sample));
      const used = (fn: string, variable: string) =>
        [...body(text, fn).matchAll(new RegExp(`\\$${variable}\\.([A-Za-z]+)`, "g"))].map(
          (m) => m[1] as string,
        );
      for (const role of ["Id", "Entry", "Apply", "Test"]) {
        const fn = fns[role] as string;
        expect(used(fn, "Row").length, `${kind} ${fn}`).toBeGreaterThan(0);
        for (const col of used(fn, "Row")) expect(columns, `${kind}: ${fn} reads $Row.${col}`).toContain(col);
      }
      const entry = body(text, fns.Entry as string);
      const fields = [...entry.slice(entry.indexOf("[ordered]@{")).matchAll(/([A-Za-z]+) = /g)].map(
        (m) => m[1],
      );
      expect(fields.slice(0, 2), kind).toEqual(["Id", "Kind"]);
      expect(entry, kind).toContain(`Kind = '${kind}'`);
      // The entry's identity is the row's: Undo recomputes it from the entry's fields.
      expect(entry, kind).toContain(`Id = (${fns.Id} -Row $Row)`);
      for (const col of used(fns.Id as string, "Row"))
        expect(fields, `${kind}: entry lacks ${col}`).toContain(col);
      for (const role of ["Restore", "Label", "Value"])
        for (const f of used(fns[role] as string, "Entry"))
          expect(fields, `${kind}: ${fns[role]} reads $Entry.${f}`).toContain(f);
    }
  });

  it("the runtime checks the constructor's patterns, anchored with \\z, case-sensitive", () => {
    for (const { kind, text } of registered) {
      for (const [name, re] of Object.entries(KINDS[kind]?.patterns ?? {})) {
        const m = new RegExp(`\\$Script:${name} = '([^']*)'`).exec(text);
        expect(m, `${kind} ${name}`).not.toBeNull();
        expect((m?.[1] ?? "").replace(/\\z$/, "$"), `${kind} ${name}`).toBe(re.source);
        expect(text, `${kind} ${name}`).toContain(`-cnotmatch $Script:${name}`);
      }
    }
  });
});
