// A Windows administrator's review of the user-right and user-registry kinds, Edge's
// SmartScreen values and the DMA-protection merge: each fix read from the generated data,
// GPO and PowerShell (parsed; nothing runs PowerShell here). Numbers follow the review.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BundleSpec, ResolvedControl } from "../baselines/bundle-spec.js";
import type { ControlContext } from "../baselines/control.js";
import { windowsControls } from "../baselines/controls/win/index.js";
import { gpoPolicyFiles } from "../baselines/emit/windows/gpo.js";
import { bundleReadme } from "../baselines/emit/windows/readme.js";
import { decodeRegistryPol } from "../baselines/emit/windows/registry-pol.js";
import { assembleScript } from "../baselines/emit/windows/script-assembly.js";
import { planWindowsSettings } from "../baselines/emit/windows/settings-plan.js";
import { ControlResult } from "../model/evidence.js";
import type { MachineGroup, MachineRole, Unit } from "../model/inventory.js";
import { packageRoot } from "../model/package-root.js";
import { parsePowerShell, syntaxProblems } from "./helpers/windows.js";

const EDGE = "SOFTWARE\\Policies\\Microsoft\\Edge";
const DOMAIN_ONLY = [
  "SmartScreenEnabled",
  "SmartScreenPuaEnabled",
  "PreventSmartScreenPromptOverride",
  "PreventSmartScreenPromptOverrideForFiles",
];

function ctx(role: MachineRole, domainJoined: boolean): ControlContext {
  const groups: MachineGroup[] = [{ role, os: "windows-11", count: 1, hosts: [], domainJoined }];
  const unit: Unit = {
    id: "test-unit",
    name: "Trường thử",
    type: "upper-secondary",
    level: 3,
    machines: groups,
    network: { remoteAdminFrom: [] },
  };
  return { os: "windows", role, level: 3, unit, groups, inventory: undefined as never };
}

const resolved = (c: ControlContext): ResolvedControl[] =>
  windowsControls
    .filter((control) => control.appliesTo.roles.includes(c.role))
    .map((control) => ({ control, settings: control.settings(c) }) as ResolvedControl);

const edgeValues = (c: ControlContext): Map<string, unknown> => {
  const pol = decodeRegistryPol(gpoPolicyFiles(planWindowsSettings(resolved(c))).registryPol as Buffer);
  return new Map(pol.filter((e) => e.key === EDGE).map((e) => [e.value, e.data]));
};

const read = (...parts: string[]) => readFileSync(join(packageRoot, ...parts), "utf8");
const userRight = read("baselines", "kinds", "user-right", "runtime.ps1");
const userRegistry = read("baselines", "kinds", "user-registry", "runtime.ps1");
const body = (text: string, fn: string): string => {
  const start = text.indexOf(`function ${fn} {`);
  if (start < 0) throw new Error(`no function ${fn}`);
  return text.slice(start, text.indexOf("\n}", start));
};

describe("1. Edge's SmartScreen policies that only domain-joined or managed machines read", () => {
  it("are in the GPO of domain-joined units, and left out of standalone ones; SSLErrorOverrideAllowed stays in both", () => {
    for (const role of ["office", "teacher", "lab", "classified"] as MachineRole[]) {
      const domain = edgeValues(ctx(role, true));
      const standalone = edgeValues(ctx(role, false));
      for (const name of DOMAIN_ONLY) {
        expect(domain.get(name), `${role} ${name}`).toBe(1);
        expect(standalone.has(name), `${role} ${name}`).toBe(false);
      }
      expect(domain.get("SSLErrorOverrideAllowed"), role).toBe(0);
      expect(standalone.get("SSLErrorOverrideAllowed"), role).toBe(0);
    }
  });
});

describe("5. the user-policy Test reads what loaded users get, not only the local policy file", () => {
  const test = body(userRegistry, "Test-UserPolicyRow");
  it("compares each loaded profile's HKU\\<SID>\\Software\\Policies value; with none loaded it is 'configured', never pass", () => {
    expect(test).toContain("foreach ($sid in (Get-LoadedUserSids))");
    expect(test).toContain("'Registry::HKEY_USERS\\{0}\\{1}' -f $sid, $Row.Path");
    expect(test).toContain(
      "if ($null -eq $user -or (([int64]$user) -band 4294967295) -ne $want) { $disagree++ }",
    );
    // 'configured' when no profile is loaded; pass only with every user agreeing.
    expect(test).toMatch(/if \(\$seen\.Count -eq 0\) \{\s+return New-Outcome -Status 'configured'/);
    expect(test).toContain("-Status $(if ($disagree -eq 0) { 'pass' } else { 'fail' })");
    expect(test.indexOf("'configured'")).toBeLessThan(test.indexOf("'pass'"));
    expect(body(userRegistry, "Get-LoadedUserSids")).toContain("'^S-1-(5-21|12-1)(-[0-9]+)+\\z'");
  });

  it("'configured' makes the control 'configured' (not pass) and evidence accepts it; Test-Baseline does not count it as passing", () => {
    const verdict = body(read("templates", "windows", "runtime-common.ps1"), "Get-ControlVerdict");
    expect(verdict).toContain("elseif ($statuses -contains 'configured') { $status = 'configured' }");
    expect(ControlResult.safeParse({ control: "win.user.policies", status: "configured" }).success).toBe(
      true,
    );
    const tb = read("templates", "windows", "Test-Baseline.ps1");
    expect(tb).toContain("elseif ($r.status -eq 'configured') { $color = 'Yellow'; $pending++ }");
    expect(tb).toContain("($results.Count - $failed - $pending)");
  });
});

describe("6, 7. user rights: holders without a SID, holders added by software", () => {
  it("the backup records the bundle's holders and the unreadable ones; Apply warns (Vietnamese first) before writing", () => {
    const entry = body(userRight, "Get-UserRightEntry");
    expect(entry).toContain("BundleSids = [string[]]@($Row.Sids)");
    expect(entry).toContain("Unreadable = (Get-UnreadableHolders -Sids $sids)");
    const show = body(userRight, "Show-UserRightChanges");
    expect(show).toMatch(
      /Write-Say -Vi \('Cảnh báo: quyền \{0\} sẽ bị gỡ khỏi[\s\S]*-En \('Warning: \{0\} is taken from/,
    );
    expect(show).toMatch(
      /Write-Say -Vi \('Cảnh báo: quyền \{0\} có tài khoản không đọc được SID[\s\S]*-En \('Warning: \{0\} has holders without a readable SID/,
    );
    // The kind's Apply (Set-UserRightRows) warns before it writes.
    const apply = body(userRight, "Set-UserRightRows");
    const at = apply.indexOf("Show-UserRightChanges -Rights $rights -Current (Read-UserRights)");
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(apply.indexOf("Set-UserRights -Rights $rights", at));
  });

  it("Undo skips only a right whose backup holds a non-SID, and keeps holders added since Apply except the bundle's own", () => {
    const restore = body(userRight, "Restore-UserRights");
    expect(restore).toMatch(
      /if \(\$unreadable\.Count -gt 0\) \{\s+\$errors\.Add\([^\n]*not restored, holders without a SID[^\n]*\)\s+continue\s+\}/,
    );
    expect(restore).toContain("$own = @(@($e.BundleSids)");
    expect(restore).toContain("if ($own -contains $u -or");
    // Set runs once, after the loop, for the rights that can be written.
    expect(restore.indexOf("Set-UserRights -Rights $rights")).toBeGreaterThan(restore.indexOf("continue"));
  });
});

describe("8, 9. user policies: **del. entries and gpt.ini's extension list", () => {
  it("the backup holds the '**del.<Name>' entry and Undo writes it back and reads it back", () => {
    expect(body(userRegistry, "Get-UserPolicyEntry")).toContain("DelPresent = ($null -ne $del)");
    const restore = body(userRegistry, "Restore-UserPolicies");
    expect(restore).toContain(
      "if ($e.DelPresent) { $pol.Add([pscustomobject]@{ Key = [string]$e.Path; Name = ('**del.' + [string]$e.Name)",
    );
    expect(restore).toContain(
      "Find-PolEntry -Entries $now -Key ([string]$e.Path) -Name ('**del.' + [string]$e.Name)",
    );
  });

  it("the registry extension is matched by its GUID and its tool GUIDs merged, never listed twice", () => {
    const gpt = body(userRegistry, "Update-LocalGptIni");
    expect(gpt).toContain("if ($g.Count -gt 0 -and $g[0] -eq $mine[0]) {");
    expect(gpt).toContain("} else { $kept.Add($p) }");
    expect(gpt).toContain("$kept.Add('[' + $mine[0] + ($toolList -join '') + ']')");
    expect(gpt).not.toContain("$_ -eq $Script:UserRegistryExtension");
  });

  it("both kinds' PowerShell and the assembled scripts parse", () => {
    for (const text of [userRight, userRegistry]) expect(syntaxProblems(parsePowerShell(text))).toEqual([]);
    for (const name of ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1"]) {
      expect(syntaxProblems(parsePowerShell(assembleScript(name, "$Bundle = @{}"))), name).toEqual([]);
    }
  });
});

describe("11, 13. the README's known effects", () => {
  const spec = (domainJoined: boolean, role: MachineRole): BundleSpec => {
    const c = ctx(role, domainJoined);
    return {
      id: `test-unit/windows-${role}`,
      unit: c.unit,
      os: "windows",
      role,
      groups: c.groups,
      controls: resolved(c),
    } as unknown as BundleSpec;
  };
  it("names the HTTPS-error override, Edge SmartScreen outside a domain and DenyDeviceClasses' old numbered entries", () => {
    for (const domainJoined of [false, true]) {
      const emit = { generator: "t", generatedAt: "2026-11-20T00:00:00+07:00", bundleHash: "0".repeat(64) };
      const text = bundleReadme(spec(domainJoined, "teacher"), emit as never);
      const vi = text.slice(text.indexOf("## Tiếng Việt"), text.indexOf("## English"));
      const en = text.slice(text.indexOf("## English"));
      expect(vi).toContain("SSLErrorOverrideAllowed = 0");
      expect(vi).toContain("chứng chỉ tự ký");
      expect(en).toContain("self-signed certificates");
      expect(en).toContain("entries named `1`, `2`");
      expect(vi).toContain("mục tên `1`, `2`");
      expect(en.includes("Edge's own SmartScreen policies"), String(domainJoined)).toBe(!domainJoined);
    }
  });
});
