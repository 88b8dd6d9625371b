// A Windows administrator's fourth review (the setting-kind refactor: one folder per kind,
// the plan merged once): each finding read from the PowerShell as generated (parsed and
// read as text; nothing runs PowerShell here) and from the scripts' data table. Numbers
// follow the review.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import auditControl from "../baselines/controls/win/audit-logon.js";
import { settingRow } from "../baselines/emit/windows/script-data.js";
import { planWindowsSettings } from "../baselines/emit/windows/settings-plan.js";
import { audit } from "../baselines/kinds/audit/setting.js";
import { packageRoot } from "../model/package-root.js";
import { psData } from "../templates/escape/powershell.js";
import { parsePowerShell, syntaxProblems } from "./helpers/windows.js";

const read = (...p: string[]) => readFileSync(join(packageRoot, ...p), "utf8");
const apply = read("templates", "windows", "Apply-Baseline.ps1");
const common = read("templates", "windows", "runtime-common.ps1");
const undo = read("templates", "windows", "Undo-Baseline.ps1");
const secedit = read("baselines", "kinds", "secedit", "runtime.ps1");
const check = read("baselines", "kinds", "check", "runtime.ps1");
const audit_ = read("baselines", "kinds", "audit", "runtime.ps1");
const body = (text: string, fn: string): string => {
  const start = text.indexOf(`function ${fn} {`);
  if (start < 0) throw new Error(`no function ${fn}`);
  return text.slice(start, text.indexOf("\n}", start));
};

const guid = "{0cce9215-69ae-11d9-bed3-505054503030}";
const testControl = (id: string) => ({ ...auditControl, id });
/** The data table's rows of a plan, as the scripts hold them. */
const rows = (plan: ReturnType<typeof planWindowsSettings>) => plan.settings.map((p) => settingRow(p, plan));

describe("Windows administrator's fourth review of the setting kinds", () => {
  describe("1. controls asking different audit values of one subcategory: Apply sets the OR, Test judges each by its own", () => {
    it("the row carries the merged Value and each control's own (Wants); the GPO's audit list only the merged one", () => {
      const plan = planWindowsSettings([
        { control: testControl("win.test.success"), settings: [audit("Logon", guid, 1)] },
        { control: testControl("win.test.failure"), settings: [audit("Logon", guid, 2)] },
        // One control naming the subcategory twice asks the OR of its own values.
        {
          control: testControl("win.test.both"),
          settings: [audit("Logon", guid, 1), audit("Logon", guid, 2)],
        },
      ]);
      expect(plan.audit.map((a) => a.value)).toEqual([3]);
      const [row] = rows(plan);
      expect(row?.Value).toBe(3);
      expect(row?.Wants).toEqual([
        { Control: "win.test.both", Value: 3 },
        { Control: "win.test.failure", Value: 2 },
        { Control: "win.test.success", Value: 1 },
      ]);
      // In the script's text, as psData writes it.
      const text = psData(rows(plan));
      expect(text).toContain("Wants = @(\r\n");
      expect(text).toMatch(/Control = 'win\.test\.success'\r\n\s+Value = 1/);
      // Where every control asks the same, the row holds no Wants (today's catalogue).
      const same = planWindowsSettings([
        { control: testControl("win.test.a"), settings: [audit("Logon", guid, 3)] },
        { control: testControl("win.test.b"), settings: [audit("Logon", guid, 3)] },
      ]);
      expect(rows(same)[0]).not.toHaveProperty("Wants");
    });

    it("Invoke-Evaluation tests each control that has its own value on a copy of the row holding it; Apply reads only the merged Value", () => {
      const evaluation = body(common, "Invoke-Evaluation");
      expect(evaluation).toContain("$own = Get-ControlRow -Row $row -ControlId ([string]$id)");
      expect(evaluation).toContain("if ($null -ne $own) { $mine = Test-SettingRow -Row $own -Cache $cache }");
      expect(evaluation).toContain("$byControl[[string]$id].Add($mine)");
      const controlRow = body(common, "Get-ControlRow");
      // The control's own columns over a copy (the merged row is left as Apply reads it).
      expect(controlRow).toContain("if ([string]$want.Control -ne $ControlId) { continue }");
      expect(controlRow).toContain("$own = [ordered]@{}");
      expect(controlRow).toContain(
        "foreach ($k in @($want.Keys)) { if ([string]$k -ne 'Control') { $own[$k] = $want[$k] } }",
      );
      // The audit kind's Test reads the Value it is given; its Set the row's (merged) Value.
      expect(body(audit_, "Test-AuditRow")).toContain("$want = [int]$Row.Value");
      expect(body(audit_, "Set-AuditRow")).toContain("-Value ([int]$Row.Value)");
      expect(audit_).not.toContain("Wants");
      expect(syntaxProblems(parsePowerShell(common))).toEqual([]);
    });
  });

  it("2. one bad secedit backup entry is one error: the other [System Access] values are still restored", () => {
    const restore = body(secedit, "Restore-SeceditEntries");
    // Inside the loop over the entries, everything that reads an entry is in a try whose
    // catch records the error and carries on (no rethrow).
    const loop = restore.slice(
      restore.indexOf("foreach ($e in $Entries) {"),
      restore.indexOf("if ($values.Count -eq 0)"),
    );
    const tryAt = loop.indexOf("try {");
    expect(tryAt).toBeGreaterThan(0);
    for (const risky of ["[int64]$e.Value", "Get-PlanRow -Entry $e", "[int64]$row.DefaultIfAbsent"])
      expect(loop.indexOf(risky), risky).toBeGreaterThan(tryAt);
    const handler = /\} catch \{([^\n]*)\}/.exec(loop)?.[1] ?? "";
    expect(handler).toContain("$errors.Add(");
    expect(handler).not.toMatch(/\bthrow\b/);
    // Still one secedit run for the values that could be read.
    expect(restore.match(/Invoke-SeceditConfigure/g)).toHaveLength(1);
    expect(syntaxProblems(parsePowerShell(secedit))).toEqual([]);
  });

  it("3. what staff must do by hand is printed after the changes and errors, just before the check; one unknown check stops no other message", () => {
    const main = apply.slice(
      apply.indexOf("# ---------------------------------------------------------------- main"),
    );
    // Invoke-Apply no longer prints it (check's Apply only finds each check's file) ...
    const registration = /Register-SettingKind -Kind 'check'[\s\S]*?-Order 90/.exec(check)?.[0] ?? "";
    expect(registration).toContain("-Apply 'Assert-CheckRows'");
    expect(registration).toContain("-Remind 'Show-CheckReminders'");
    expect(body(check, "Assert-CheckRows")).not.toContain("ByHand");
    // ... Show-Reminders does, after the list of changes and the errors, before "Kiểm tra lại:".
    const at = (s: string) => {
      const i = main.indexOf(s);
      expect(i, s).toBeGreaterThan(0);
      return i;
    };
    expect(at("Show-Changes -Before")).toBeLessThan(at("Show-Failures -Failures $failures\n$reminderErrors"));
    expect(at("$reminderErrors = Show-Reminders -Plan $plan")).toBeLessThan(
      at("Write-Say -Vi 'Kiểm tra lại:'"),
    );
    expect(main).toContain("foreach ($f in $reminderErrors) { $failures.Add($f) }");
    const reminders = body(apply, "Show-Reminders");
    expect(reminders).toContain("& $handlers.Remind -Rows $rows");
    expect(reminders).toContain("} catch { $errors.Add(");
    // Each row by Invoke-Each: an unknown check name is that row's error, the others still print.
    expect(body(check, "Show-CheckReminders")).toContain(
      "Invoke-Each -Items $Rows -Action 'Show-CheckReminder' -Label 'Format-CheckLabel'",
    );
    expect(body(check, "Show-CheckReminder")).toContain("& $handlers.ByHand -Row $Row");
    expect(syntaxProblems(parsePowerShell(check))).toEqual([]);
  });

  it("5. a backup entry of kind check (a JSON object) has no identity, so Undo skips it instead of failing", () => {
    const id = body(check, "Get-CheckId");
    // The guard comes before the first read of $Row.Keys.
    const guard = id.indexOf("if ($Row -isnot [System.Collections.IDictionary]) { return $null }");
    expect(guard).toBeGreaterThan(0);
    expect(guard).toBeLessThan(id.indexOf("$Row.Keys"));
    // Select-BundleEntries: an entry without an identity is reported and left alone.
    const select = body(undo, "Select-BundleEntries");
    expect(select).toContain("$ok = ($null -ne $id) -and $ids.ContainsKey([string]$id)");
    expect(select).toContain("Bỏ qua mục sao lưu không thuộc gói này");
  });

  describe("6. Apply never weakens a stronger [System Access] value, and Undo never restores what Apply left alone", () => {
    it("Apply skips min/max rows the machine's local value already meets, by Test-SeceditRow's own comparison", () => {
      const met = body(secedit, "Test-SeceditAlreadyMet");
      expect(met).toContain("@('min', 'max') -notcontains [string]$Row.Compare");
      expect(met).toContain("(Test-SeceditRow -Row $Row -State $State).Status -eq 'pass'");
      const set = body(secedit, "Set-SeceditRows");
      // The local policy (what secedit /configure writes), not the merged one.
      expect(set).toContain("$now = Read-SeceditValues\n");
      expect(set).toMatch(
        /if \(Test-SeceditAlreadyMet -Row \$row -State \$now\) \{ continue \}\s+\$values\[/,
      );
      // The comparison that judges a value strong enough is the one Test uses: -1 is the
      // strongest lockout duration, a password length above the minimum passes.
      const test = body(secedit, "Test-SeceditRow");
      expect(test).toContain("'min' { $ok = ($number -ge $want -or ($Row.Contains('Strongest')");
    });

    it("the backup marks such a value Untouched; Undo skips it; a later Apply that changes it takes the entry again", () => {
      expect(body(secedit, "Get-SeceditEntry")).toContain(
        "Untouched = (Test-SeceditAlreadyMet -Row $Row -State $State)",
      );
      const restore = body(secedit, "Restore-SeceditEntries");
      const skip = restore.indexOf("if (Test-EntryUntouched -Entry $e) { continue }");
      expect(skip).toBeGreaterThan(0);
      expect(skip).toBeLessThan(restore.indexOf("$values[$key] ="));
      const save = body(apply, "Save-Backup");
      expect(save).toContain(
        "if ((Test-EntryUntouched -Entry $e) -and $now.ContainsKey($id)) { $kept = $now[$id] }",
      );
      expect(body(common, "Test-EntryUntouched")).toContain(
        "$Entry.PSObject.Properties.Name -contains 'Untouched' -and [bool]$Entry.Untouched",
      );
      // Entries are read before Apply sets anything (Get-CurrentEntries, then Save-Backup,
      // then Invoke-Apply), so "untouched" is judged on the value Apply found.
      const main = apply.slice(
        apply.indexOf("# ---------------------------------------------------------------- main"),
      );
      expect(main.indexOf("Save-Backup -Current")).toBeLessThan(main.indexOf("Invoke-Apply -Plan"));
      expect(syntaxProblems(parsePowerShell(apply))).toEqual([]);
    });
  });
});
