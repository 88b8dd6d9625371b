// Scheduled tasks (baselines/kinds/scheduled-task): the Microsoft baseline's XblGameSave
// Standby Task disabled by win.system.consumer-features-off on every role; not in the GPO
// (gpo.ts says why; the README says what to run instead); its row in every script's data
// table; its PowerShell registered with the runtime and reached by Apply, Test and Undo.
// Nothing runs PowerShell here: the runtime is checked by parsing and by reading which
// columns and backup fields each registered function uses.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ResolvedControl } from "../baselines/bundle-spec.js";
import type { ControlContext } from "../baselines/control.js";
import consumerFeatures from "../baselines/controls/win/system-consumer-features-off.js";
import { BASELINE_LISTS, loadBaselineList } from "../baselines/coverage/baseline-list.js";
import { catalogueIdentities, classifyList } from "../baselines/coverage/classify.js";
import { gpoPolicyFiles } from "../baselines/emit/windows/gpo.js";
import { bundleReadme } from "../baselines/emit/windows/readme.js";
import { planWindowsSettings } from "../baselines/emit/windows/settings-plan.js";
import { type ScheduledTaskSetting, scheduledTask } from "../baselines/kinds/scheduled-task/setting.js";
import type { Inventory, Level, MachineRole } from "../model/inventory.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { type WindowsBundle, windowsBundles } from "./helpers/windows.js";
import { windowsContext } from "./helpers/windows-control-context.js";

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified"];
const XBL = { path: "\\Microsoft\\XblGameSave\\", name: "XblGameSaveTask" };

const ctx = windowsContext;

const tasksOf = (c: ControlContext) =>
  consumerFeatures.settings(c).filter((s): s is ScheduledTaskSetting => s.kind === "scheduled-task");
const resolved = (settings: ReturnType<typeof consumerFeatures.settings>): ResolvedControl[] => [
  { control: consumerFeatures, settings } as ResolvedControl,
];

let inventory: Inventory | undefined;
const demo = () => {
  inventory ??= loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
  return inventory;
};
let bundles: WindowsBundle[] | undefined;
/** The Windows bundles of the demo province's first unit, built once. */
const demoBundles = () => {
  bundles ??= windowsBundles(demo(), demo().units[0]?.id);
  return bundles;
};

const read = (...p: string[]) => readFileSync(join(packageRoot, ...p), "utf8");
const runtime = read("baselines", "kinds", "scheduled-task", "runtime.ps1");
/** A function's text in a PowerShell file, from `function Name {` to its closing brace at line start. */
const body = (text: string, fn: string) => {
  const start = text.indexOf(`function ${fn} {`);
  expect(start, fn).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf("\n}", start));
};

describe("scheduled tasks (control, plan, GPO, coverage)", () => {
  it("every role, at every level, disables the XblGameSave Standby Task", () => {
    for (const role of ROLES)
      for (const level of [1, 2, 3, 4, 5] as Level[])
        expect(tasksOf(ctx(role, level)), `${role} ${level}`).toEqual([
          { kind: "scheduled-task", ...XBL, state: "disabled" },
        ]);
  });

  it("refuses a folder or name that is not plain (hostile values never reach a script)", () => {
    for (const bad of [
      "Microsoft\\XblGameSave\\",
      "\\Microsoft\\XblGameSave",
      "\\a\\\\",
      "\\a'\\",
      "\\a\n\\",
    ])
      expect(() => scheduledTask(bad, "X"), JSON.stringify(bad)).toThrow(/expected \\Folder\\Subfolder\\/);
    for (const bad of ["", "a\\b", "x'; Remove-Item C:\\ -Recurse; '", "a\r\nb", "$(calc)", "Tác vụ"])
      expect(() => scheduledTask("\\", bad), JSON.stringify(bad)).toThrow(/letters, digits, space/);
    expect(scheduledTask("\\", "Root Task")).toEqual({
      kind: "scheduled-task",
      path: "\\",
      name: "Root Task",
      state: "disabled",
    });
  });

  it("every way into the Task Scheduler checks the folder and name first", () => {
    expect(body(runtime, "Get-RegisteredTask")).toContain(
      "Assert-TaskName -TaskPath $TaskPath -TaskName $TaskName",
    );
    expect(runtime.split(".GetFolder(").length - 1).toBe(1);
  });

  it("the plan holds each task once, sorted, whatever the order; two controls disagreeing are refused, naming both", () => {
    const settings = consumerFeatures.settings(ctx("office", 2));
    const a = planWindowsSettings(resolved(settings));
    const b = planWindowsSettings(resolved([...settings].reverse()));
    expect(a.tasks).toEqual([{ kind: "scheduled-task", ...XBL, state: "disabled" }]);
    // The GPO's lists are sorted; the scripts' rows follow the controls' order, each setting once.
    expect(JSON.stringify({ ...b, settings: [] })).toBe(JSON.stringify({ ...a, settings: [] }));
    expect(b.settings.map((p) => JSON.stringify(p)).sort()).toEqual(
      a.settings.map((p) => JSON.stringify(p)).sort(),
    );
    const other = { ...consumerFeatures, id: "win.test.other" };
    expect(() =>
      planWindowsSettings([
        ...resolved(settings),
        { control: other, settings: [scheduledTask(XBL.path, XBL.name, "enabled")] } as ResolvedControl,
      ]),
    ).toThrow(
      /win\.system\.consumer-features-off and win\.test\.other set scheduled task \\Microsoft\\XblGameSave\\XblGameSaveTask differently/,
    );
  });

  it("the GPO files are byte-identical with and without the task (no placement), the README names it in both languages", () => {
    const settings = consumerFeatures.settings(ctx("teacher", 3));
    const without = settings.filter((s) => s.kind !== "scheduled-task");
    const present = (files: ReturnType<typeof gpoPolicyFiles>) =>
      Object.entries(files).filter((e): e is [string, Buffer] => e[1] !== undefined);
    const withTask = present(gpoPolicyFiles(planWindowsSettings(resolved(settings))));
    const withoutTask = new Map(present(gpoPolicyFiles(planWindowsSettings(resolved(without)))));
    expect(withTask.length).toBeGreaterThan(0);
    expect(withTask.map(([f]) => f).sort()).toEqual([...withoutTask.keys()].sort());
    for (const [file, bytes] of withTask)
      expect(bytes.equals(withoutTask.get(file) as Buffer), file).toBe(true);
    const [bundle] = demoBundles();
    const readme = bundleReadme(bundle?.spec as never, {
      generator: "t",
      generatedAt: "2026-11-20T00:00:00+07:00",
      bundleHash: "0",
    });
    expect(readme).toContain(
      "GPO không chứa trạng thái tác vụ lập lịch của gói (`\\Microsoft\\XblGameSave\\XblGameSaveTask`)",
    );
    expect(readme).toContain(
      "The GPO does not carry the bundle's scheduled tasks' state (`\\Microsoft\\XblGameSave\\XblGameSaveTask`)",
    );
  });

  it("the coverage table counts baseline item 11060 implemented by the control, in both Windows lists", () => {
    const seen = catalogueIdentities(demo());
    for (const { name, title } of BASELINE_LISTS.filter((l) => l.name.endsWith("machine"))) {
      const row = classifyList(loadBaselineList(name, title), seen).find(
        (r) => r.row.method === "ScheduledTask",
      );
      expect(row?.status, name).toBe("implemented");
      expect(row?.controls, name).toEqual(["win.system.consumer-features-off"]);
    }
  });
});

describe("scheduled tasks (runtime)", () => {
  // Registration, dispatch and the columns each function reads: test/windows-kinds.test.ts, for every kind.
  it("Undo puts back the Enabled flag the backup holds, read back; Test reads the live state, absent meets disabled only", () => {
    expect(body(runtime, "Get-ScheduledTaskEntry")).toContain("Present = $s.Present; Enabled = $s.Enabled");
    expect(body(runtime, "Restore-ScheduledTaskEntry")).toContain("-Enabled ([bool]$Entry.Enabled)");
    const set = body(runtime, "Set-TaskEnabled");
    expect(set).toContain("$task.Enabled = $Enabled");
    expect(set).toContain("$now = Get-TaskState");
    expect(set).toContain("throw");
    const test = body(runtime, "Test-ScheduledTaskRow");
    expect(test).toContain("Get-TaskState");
    expect(test).toContain("if ($Row.State -eq 'disabled') { 'pass' } else { 'fail' }");
    // Not there: the two "not found" HRESULTs only; anything else (access denied) is an error.
    expect(runtime).toContain("$Script:TaskNotFound = @(-2147024894, -2147024893)");
    expect(body(runtime, "Get-RegisteredTask")).toContain(
      "if (Test-TaskNotFound -Exception $_.Exception) { return $null }",
    );
    expect(body(runtime, "Test-TaskNotFound")).toContain("$Script:TaskNotFound -contains $e.HResult");
  });

  it("every Windows bundle of the demo province carries the task's row in its data table, once", () => {
    for (const b of demoBundles()) {
      const apply = String(b.out.files.get("Apply-Baseline.ps1"));
      const rows = [
        ...apply.matchAll(
          /\[ordered\]@\{\r\n +Controls = @\(\r\n +'([a-z.-]+)'\r\n +\)\r\n +Kind = 'scheduled-task'\r\n +TaskPath = '(.*)'\r\n +TaskName = '(.*)'\r\n +State = '(.*)'\r\n +\}/g,
        ),
      ].map((m) => m.slice(1));
      expect(rows, b.spec.id).toEqual([
        ["win.system.consumer-features-off", "\\Microsoft\\XblGameSave\\", "XblGameSaveTask", "disabled"],
      ]);
    }
  });
});
