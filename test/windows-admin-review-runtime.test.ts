// A Windows administrator's review of the setting-kind runtime (Register-SettingKind, the
// scheduled-task and service kinds, Apply's backup and error handling): each finding read
// from the PowerShell as generated (parsed; nothing runs PowerShell here) and from the
// bundle README and data. Numbers follow the review, most serious first.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ControlContext } from "../baselines/control.js";
import remoteRdp from "../baselines/controls/win/remote-rdp.js";
import { bundleReadme } from "../baselines/emit/windows/readme.js";
import { assembleScript, kindFiles } from "../baselines/emit/windows/script-assembly.js";
import type { MachineRole } from "../model/inventory.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { parsePowerShell, syntaxProblems, windowsBundles } from "./helpers/windows.js";

const read = (...p: string[]) => readFileSync(join(packageRoot, ...p), "utf8");
const common = read("templates", "windows", "runtime-common.ps1");
const apply = read("templates", "windows", "Apply-Baseline.ps1");
const task = read("baselines", "kinds", "scheduled-task", "runtime.ps1");
const service = read("baselines", "kinds", "service", "runtime.ps1");
const body = (text: string, fn: string): string => {
  const start = text.indexOf(`function ${fn} {`);
  if (start < 0) throw new Error(`no function ${fn}`);
  return text.slice(start, text.indexOf("\n}", start));
};
/** Apply's main part: after the last function. */
const main = apply.slice(
  apply.indexOf("# ---------------------------------------------------------------- main"),
);
/** Vietnamese first: a letter only Vietnamese has, before the " / " that starts the English. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

let bundles: ReturnType<typeof windowsBundles> | undefined;
const demoBundles = () => {
  const inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
  bundles ??= windowsBundles(inventory, inventory.units[0]?.id);
  return bundles;
};

describe("Windows administrator's review of the setting-kind runtime", () => {
  it("1. a task that is not there is found by HResult along the whole exception chain, whatever the type", () => {
    const notFound = body(task, "Test-TaskNotFound");
    // Every link of MethodInvocationException -> TargetInvocationException -> ... is asked.
    expect(notFound).toContain("for ($e = $Exception; $null -ne $e; $e = $e.InnerException)");
    expect(notFound).toContain("if ($Script:TaskNotFound -contains $e.HResult) { return $true }");
    // What Windows PowerShell 5.1's COM invoker makes of 0x80070002 and 0x80070003.
    expect(notFound).toContain("$e -is [System.IO.FileNotFoundException]");
    expect(notFound).toContain("$e -is [System.IO.DirectoryNotFoundException]");
    // No type gates the HResult test (the old code looked only at COMException).
    expect(task).not.toContain("COMException]))");
    expect(body(task, "Get-RegisteredTask")).toContain(
      "if (Test-TaskNotFound -Exception $_.Exception) { return $null }\n        throw",
    );
    expect(task).toContain("$Script:TaskNotFound = @(-2147024894, -2147024893)");
    expect(0x80070002 - 2 ** 32).toBe(-2147024894);
    expect(0x80070003 - 2 ** 32).toBe(-2147024893);
  });

  it("2. a row whose value cannot be read is listed (vi/en), left out of the backup and of Invoke-Apply; errors before the backup exit 2, after it 1 with the list", () => {
    const current = body(apply, "Get-CurrentEntries");
    expect(current).toMatch(
      /try \{\s+#[^\n]*\n\s+\$rowEntries = Get-RowEntries -Row \$row -Cache \$cache\s+foreach \(\$e in \$rowEntries\) \{ \$entries\.Add\(\$e\) \}\s+\} catch \{\s+\$unreadable\.Add/,
    );
    const message = /Message = \('([^']*)'/.exec(current)?.[1] ?? "";
    expect(message.indexOf("không đọc được")).toBeGreaterThanOrEqual(0);
    expect(message.indexOf("không đọc được")).toBeLessThan(message.indexOf("cannot be read"));
    // Each slow tool is read once; its failure makes each of its rows unreadable, not the run.
    // Each kind's state is read once per reading (its registered Read), for every row of it.
    expect(body(apply, "Get-RowEntries")).toContain(
      "& $handlers.Entry -Row $Row -State (Get-KindState -Handlers $handlers -Cache $Cache)",
    );
    const kindState = body(common, "Get-KindState");
    expect(kindState).toContain(
      "catch { $Cache[$kind] = [pscustomobject]@{ Value = $null; Error = [string]$_ } }",
    );
    expect(kindState).toContain("if ($null -ne $Cache[$kind].Error) { throw $Cache[$kind].Error }");
    for (const [kind, read] of [
      ["secedit", "Read-SeceditState"],
      ["user-right", "Read-UserRights"],
      ["user-registry", "Read-UserPolicyState"],
      ["audit", "Read-AuditPolicy"],
    ] as const)
      expect(
        readFileSync(join(packageRoot, "baselines", "kinds", kind, "runtime.ps1"), "utf8"),
        kind,
      ).toContain(`-Read '${read}'`);
    // Before the backup: unreadable rows leave the plan, then the backup; an unexpected error exits 2.
    const before = main.slice(main.indexOf("try {"), main.indexOf("Write-Say -Vi ('Đã sao lưu"));
    const order = [
      "$before = Get-CurrentEntries -Plan $plan",
      "foreach ($u in $before.Unreadable) { $failures.Add($u.Message) }",
      "$plan = @($plan | Where-Object { $skip -notcontains [string](Get-SettingId -Row $_) })",
      "$added = Save-Backup -Current $before.Entries",
      "} catch {",
      "Stop-WithMessage",
      "Chưa thay đổi gì.",
      "Nothing was changed.",
    ].map((s) => before.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // After it: the filtered plan is applied; an unexpected error prints the list and exits 1.
    const after = main.slice(main.indexOf("Write-Say -Vi ('Đã sao lưu"));
    expect(after).toContain(
      "$applyErrors = Invoke-Apply -Plan $plan\n    foreach ($f in $applyErrors) { $failures.Add($f) }",
    );
    expect(after).toContain("foreach ($u in $after.Unreadable) { $failures.Add($u.Message) }");
    // A value unreadable after Apply is an error, not a change to "(absent)".
    expect(after).toContain(
      "$compared = @($before.Entries | Where-Object { $unreadableNow -notcontains [string]$_.Id })",
    );
    expect(after).toContain("$changed = Show-Changes -Before $compared -After $after.Entries");
    const unexpected = after.slice(after.indexOf("} catch {"), after.indexOf("exit 1\n}") + 6);
    expect(unexpected).toContain("Show-Failures -Failures $failures");
    expect(unexpected.indexOf("máy có thể đã thay đổi")).toBeLessThan(
      unexpected.indexOf("may be partly changed"),
    );
    expect(main).toContain("if ($failures.Count -gt 0 -or $bad -gt 0) { exit 1 }");
    // Register-SettingKind refuses, when the script loads, a function that is not there.
    const register = body(common, "Register-SettingKind");
    expect(register).toContain("$required = @($Id, $Entry, $Apply, $Test, $Restore, $Label, $Value)");
    // Read, Owns and Remind are optional, and checked too when given.
    expect(register).toContain(
      "$optional = @(@($Read, $Owns, $Remind) | Where-Object { -not [string]::IsNullOrEmpty($_) })",
    );
    expect(register).toContain("foreach ($fn in @($required + $optional))");
    expect(register).toContain("Get-Command -Name $fn -CommandType Function -ErrorAction SilentlyContinue");
    expect(register).toContain("Stop-WithMessage -Vi ('Gói bị hỏng");
    const script = assembleScript("Apply-Baseline.ps1", "$Bundle = @{}");
    expect(syntaxProblems(parsePowerShell(script))).toEqual([]);
    expect(script.indexOf("function Stop-WithMessage {")).toBeLessThan(
      script.indexOf("Register-SettingKind -Kind"),
    );
  });

  it("3. the domain README gives the one schtasks command for the task, Vietnamese first, never the whole Apply-Baseline.ps1", () => {
    const [bundle] = demoBundles();
    const readme = bundleReadme(bundle?.spec as never, {
      generator: "t",
      generatedAt: "2026-11-20T00:00:00+07:00",
      bundleHash: "0",
    });
    const command = 'schtasks /Change /TN "\\Microsoft\\XblGameSave\\XblGameSaveTask" /DISABLE';
    const vi = readme.indexOf("GPO không chứa trạng thái tác vụ lập lịch");
    const en = readme.indexOf("The GPO does not carry the bundle's scheduled tasks' state");
    expect(vi).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(vi);
    for (const part of [readme.slice(vi, en), readme.slice(en)]) {
      expect(part).toContain(`\`\`\`\n${command}\n\`\`\``);
      expect(part).toContain('"cannot find the file"');
    }
    expect(readme).not.toContain("still run `Apply-Baseline.ps1` once");
    expect(readme).not.toContain("vẫn chạy `Apply-Baseline.ps1` một lần");
  });

  it("4. each kind declares where Apply sets it (-Order), and Apply follows that, not folder names", () => {
    const order = (text: string) =>
      Number(/Register-SettingKind -Kind '[a-z-]+'[^\n]*\n[^\n]* -Order (\d+)/.exec(text)?.[1]);
    const kinds = [
      { kind: "scheduled-task", order: order(task) },
      { kind: "service", order: order(service) },
    ];
    expect(kinds.every((k) => Number.isInteger(k.order))).toBe(true);
    expect(new Set(kinds.map((k) => k.order)).size).toBe(kinds.length);
    // Tasks first: XblGameSaveTask starts the XblGameSave service.
    expect([...kinds].sort((a, b) => a.order - b.order).map((k) => k.kind)).toEqual([
      "scheduled-task",
      "service",
    ]);
    expect(body(common, "Get-SettingKindsInOrder")).toContain("Sort-Object -Property Order");
    const invoke = body(apply, "Invoke-Apply");
    expect(invoke).toContain("foreach ($handlers in @(Get-SettingKindsInOrder))");
    expect(invoke).not.toContain("$Script:SettingKinds.Keys");
    // Two kinds with one order would leave the sequence to chance: refused when the script loads.
    expect(body(common, "Register-SettingKind")).toContain("if ($Script:SettingKinds[$k].Order -eq $Order)");
  });

  it("5. plan rows of a kind the runtime does not know are errors, Vietnamese first, counted in the exit code", () => {
    expect(body(common, "Get-UnknownKindRows")).toContain("$null -eq (Get-SettingKind -Item $_)");
    const listed =
      /foreach \(\$row in @\(Get-UnknownKindRows\)\) \{\s+\$failures\.Add\(\('([^']*)'/.exec(main)?.[1] ?? "";
    expect(listed.indexOf("loại thiết lập không biết")).toBe(0);
    expect(listed).toContain("/ unknown setting kind");
    expect(main.indexOf("Get-UnknownKindRows")).toBeLessThan(main.indexOf("if ($failures.Count -gt 0"));
    expect(body(apply, "Get-RowEntries")).toContain(
      "if ($null -eq $handlers) { throw ('loại thiết lập không biết / unknown setting kind",
    );
  });

  it("11. a function that returns its array as one object (return , $x) is never called inside @(...), which would wrap it whole", () => {
    // @(Command) collects the command's output objects: one array object stays one element
    // (an array inside an array), unlike @($variable), which enumerates. So such a result
    // is assigned first, then used.
    const kinds = join(packageRoot, "baselines", "kinds");
    const texts = [
      common,
      apply,
      read("templates", "windows", "Test-Baseline.ps1"),
      read("templates", "windows", "Undo-Baseline.ps1"),
      ...readdirSync(kinds).flatMap((k) => kindFiles(join(kinds, k)).map((f) => readFileSync(f, "utf8"))),
    ];
    const all = texts.join("\n");
    const comma = [...all.matchAll(/^function ([A-Za-z-]+) \{([\s\S]*?)^\}/gm)]
      .filter((m) => /return , /.test(m[2] as string))
      .map((m) => m[1] as string);
    expect(comma).toEqual(
      expect.arrayContaining(["Get-UntrustedAccess", "Read-PolFile", "Select-BundleEntries"]),
    );
    for (const fn of comma) expect(all, fn).not.toMatch(new RegExp(`@\\(\\s*${fn}\\b`));
  });

  it("6. Save-Backup takes an 'absent' entry again when the item exists now, for kinds Apply never creates", () => {
    const save = body(apply, "Save-Backup");
    expect(save).toContain("$handlers.NeverCreates -and $e.Present");
    expect(save).toContain(
      "if ($appeared.ContainsKey($id) -and $null -ne (Get-SettingKind -Item $e) -and -not $e.Present) { $kept = $appeared[$id] }",
    );
    // The refresh happens before this run's Invoke-Apply (the main part saves first).
    expect(main.indexOf("Save-Backup -Current")).toBeLessThan(main.indexOf("Invoke-Apply -Plan"));
    for (const text of [task, service]) expect(text).toMatch(/-Order \d+ -NeverCreates\n/);
    expect(body(common, "Register-SettingKind")).toContain("NeverCreates = [bool]$NeverCreates");
  });

  it("7. the service kind refuses drivers, so no dead branch writes a driver's start type", () => {
    const state = body(service, "Get-ServiceState");
    expect(state).toContain("$type = $key.GetValue('Type')");
    expect(state).toContain("([int]$type -band $Script:DriverTypes) -ne 0");
    expect(service).toContain("$Script:DriverTypes = 3");
    expect(body(service, "Set-ServiceStart")).not.toContain("SetValue('Start'");
  });

  it("8. the kinds' thrown messages and labels are Vietnamese first, then English", () => {
    for (const [name, text] of [
      ["scheduled-task", task],
      ["service", service],
    ] as const) {
      const thrown = [...text.matchAll(/throw \('([^']*)'/g)].map((m) => m[1] as string);
      expect(thrown.length, name).toBeGreaterThanOrEqual(4);
      for (const t of thrown) {
        const slash = t.indexOf(" / ");
        expect(slash, `${name}: ${t}`).toBeGreaterThan(0);
        expect(VIETNAMESE.test(t.slice(0, slash)), `${name}: ${t}`).toBe(true);
      }
      for (const fn of [...text.matchAll(/^function (Format-[A-Za-z]+|Test-[A-Za-z]+Row) \{/gm)].map(
        (m) => m[1] as string,
      )) {
        for (const [, label] of body(text, fn).matchAll(/'([^']*(?:task|service)[^']*)'/g))
          expect(VIETNAMESE.test(String(label).split(" / ")[0] ?? ""), `${name} ${fn}: ${label}`).toBe(true);
      }
    }
  });

  it("9. a service being disabled is stopped with a 30-second wait; a timeout says it takes effect after restart", () => {
    expect(service).not.toMatch(/^\s*Stop-Service -/m);
    expect(service).toContain("$Script:StopTimeout = [TimeSpan]::FromSeconds(30)");
    const stop = body(service, "Stop-ServiceWithin");
    expect(stop).toContain("$Service.Stop()");
    expect(stop).toContain(
      "$Service.WaitForStatus([System.ServiceProcess.ServiceControllerStatus]::Stopped, $Script:StopTimeout)",
    );
    expect(stop).toContain("$e -is [System.ServiceProcess.TimeoutException]");
    expect(stop.indexOf("sau khi khởi động lại")).toBeLessThan(stop.indexOf("after the machine restarts"));
    expect(body(service, "Set-ServiceRow")).toContain("Stop-ServiceWithin -Service $svc");
  });

  it("10. win.remote.rdp declares it may cut an RDP session also when RDP stays on for the admin networks", () => {
    const ctx = (role: MachineRole, from: string[]): ControlContext => {
      const groups = [{ role, os: "windows-11" as const, count: 1, hosts: [] }];
      return {
        os: "windows",
        role,
        level: 3,
        unit: {
          id: "u",
          name: "Trường thử",
          type: "upper-secondary",
          level: 3,
          machines: groups,
          network: { remoteAdminFrom: from },
        },
        groups,
        inventory: undefined as never,
      };
    };
    for (const from of [[], ["10.20.0.0/24"]])
      for (const role of ["office", "teacher", "lab", "classified"] as const)
        expect(remoteRdp.cutsRemoteSessions?.(ctx(role, from)), `${role} ${from}`).toEqual(["rdp"]);
    // The README says why for a bundle that keeps RDP for the admin networks.
    const inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
    const unit = inventory.units.find((u) => u.network.remoteAdminFrom.length > 0);
    const kept = windowsBundles(inventory, unit?.id).find((b) => b.spec.role !== "classified");
    expect(kept, "a demo bundle with RDP kept for the admin networks").toBeDefined();
    const readme = bundleReadme(kept?.spec as never, {
      generator: "t",
      generatedAt: "2026-11-20T00:00:00+07:00",
      bundleHash: "0",
    });
    expect(readme).toContain(
      "Apply từ chối chạy qua Remote Desktop, vì gói này chỉ cho Remote Desktop từ các dải mạng quản trị",
    );
    expect(readme).toContain(
      "Apply refuses to run over Remote Desktop, because this bundle admits Remote Desktop only from the admin networks",
    );
  });

  it("the service kind's GPO comment shows the form it emits", () => {
    const gpo = read("baselines", "kinds", "service", "gpo.ts");
    expect(gpo).not.toContain('`Name = mode,"sddl"`');
    expect(gpo).toContain('`"Name",mode,""`');
  });
});
