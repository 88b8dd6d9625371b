// User-side policies (baselines/kinds/user-registry): HKCU\Software\Policies values every
// user gets. In the GPO: the User part's registry.pol, listed in Backup.xml with the user
// registry extension, read back by the toolkit's reader and Samba's. In the standalone
// scripts: the local Group Policy's user part (runtime.ps1), checked by parsing, since
// nothing runs PowerShell here.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ResolvedControl } from "../baselines/bundle-spec.js";
import type { ControlContext } from "../baselines/control.js";
import { windowsControls } from "../baselines/controls/win/index.js";
import { gpoFolder, gpoPolicyFiles } from "../baselines/emit/windows/gpo.js";
import { decodeRegistryPol } from "../baselines/emit/windows/registry-pol.js";
import { assembleScript } from "../baselines/emit/windows/script-assembly.js";
import { planWindowsSettings } from "../baselines/emit/windows/settings-plan.js";
import { userRegDword } from "../baselines/kinds/user-registry/setting.js";
import type { UserRegistrySetting } from "../baselines/settings.js";
import type { Level, MachineRole } from "../model/inventory.js";
import { packageRoot } from "../model/package-root.js";
import { parsePowerShell, sambaMissing, sambaReadMany, syntaxProblems } from "./helpers/windows.js";
import { windowsContext } from "./helpers/windows-control-context.js";

const SAMBA_MISSING = sambaMissing();
if (SAMBA_MISSING) console.warn(`windows-user-policies: Samba cross-check skipped: ${SAMBA_MISSING}`);

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified"];
const USER_POL = "DomainSysvol/GPO/User/registry.pol";
const MACHINE_POL = "DomainSysvol/GPO/Machine/registry.pol";

const ctx = windowsContext;

/** Every Windows control's settings for a role, as a bundle would resolve them. */
const resolved = (c: ControlContext): ResolvedControl[] =>
  windowsControls
    .filter((control) => control.appliesTo.roles.includes(c.role))
    .map((control) => ({ control, settings: control.settings(c) }) as ResolvedControl);

const declaredUserSide = (c: ControlContext) =>
  resolved(c).flatMap((r) => r.settings.filter((s): s is UserRegistrySetting => s.kind === "user-registry"));

const VARIANTS = ROLES.flatMap((role) =>
  ([2, 3] as Level[]).map((level) => ({ role, level, c: ctx(role, level) })),
);

describe("user-side policies", () => {
  it("every role gets the Microsoft baseline's two user settings, under Software\\Policies", () => {
    for (const { c, role } of VARIANTS) {
      const got = declaredUserSide(c).map((s) => [s.key, s.name, s.type, s.data]);
      expect(got, role).toEqual(
        expect.arrayContaining([
          [
            "Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\PushNotifications",
            "NoToastApplicationNotificationOnLockScreen",
            "REG_DWORD",
            1,
          ],
          [
            "Software\\Policies\\Microsoft\\Windows\\CloudContent",
            "DisableThirdPartySuggestions",
            "REG_DWORD",
            1,
          ],
        ]),
      );
    }
  });

  it("refuses keys outside Software\\Policies, names and data the formats cannot hold", () => {
    expect(() => userRegDword("Software\\Microsoft\\Windows", "X", 1)).toThrow(/expected Software\\Policies/);
    expect(() => userRegDword("Software\\Policies\\A]\r\n[B", "X", 1)).toThrow(/expected Software\\Policies/);
    expect(() => userRegDword("Software\\Policies\\A;B", "X", 1)).toThrow(/expected Software\\Policies/);
    expect(() => userRegDword("Software\\Policies\\A", "X;1", 1)).toThrow(/letters, digits/);
    expect(() => userRegDword("Software\\Policies\\A", "X", -1)).toThrow(/0\.\.4294967295/);
    expect(() => userRegDword("Software\\Policies\\A", "X", 2 ** 32)).toThrow(/0\.\.4294967295/);
  });

  it("go into the User part's registry.pol only (never the machine's), read back by the toolkit's reader", () => {
    for (const { c, role, level } of VARIANTS) {
      const files = gpoPolicyFiles(planWindowsSettings(resolved(c)));
      const user = decodeRegistryPol(files.userRegistryPol as Buffer);
      const want = declaredUserSide(c).map((s) => ({
        key: s.key,
        value: s.name,
        type: s.type,
        data: s.data,
      }));
      const where = `${role} ${level}`;
      expect(
        [...user].sort((a, b) => (a.value < b.value ? -1 : 1)),
        where,
      ).toEqual([...want].sort((a, b) => (a.value < b.value ? -1 : 1)));
      const machine = decodeRegistryPol(files.registryPol as Buffer);
      for (const s of want)
        expect(
          machine.some((m) => m.key === s.key && m.value === s.value),
          where,
        ).toBe(false);
    }
  });

  it("the GPO backup holds User\\registry.pol and Backup.xml names it with the user registry extension, byte-identical across runs", () => {
    const spec = {
      unit: { id: "test-unit" },
      os: "windows",
      role: "teacher",
      id: "test-unit/windows-teacher",
    } as never;
    const plan = planWindowsSettings(resolved(ctx("teacher", 3)));
    const emit = {
      generator: "t",
      generatedAt: "2026-11-20T00:00:00+07:00",
      bundleHash: "0".repeat(64),
    } as never;
    const a = gpoFolder(spec, plan, emit);
    const b = gpoFolder(spec, planWindowsSettings([...resolved(ctx("teacher", 3))].reverse()), emit);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(v.equals(b.get(k) as Buffer), k).toBe(true);
    const userPol = [...a].find(([p]) => p.endsWith(USER_POL));
    expect(userPol).toBeDefined();
    expect([...a].some(([p]) => p.endsWith(MACHINE_POL))).toBe(true);
    const backup = [...a].find(([p]) => p.endsWith("Backup.xml"));
    expect(backup).toBeDefined();
    const backupXml = (backup as [string, Buffer])[1].toString("utf8");
    expect(backupXml).toContain(
      "<UserExtensionGuids><![CDATA[[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F73-3407-48AE-BA88-E8213C6761F1}]]]></UserExtensionGuids>",
    );
    expect(backupXml).toContain("<UserVersionNumber><![CDATA[65537]]></UserVersionNumber>");
    expect(backupXml).toContain('bkp:Path="%GPO_USER_FSPATH%\\registry.pol"');
    expect(backupXml).toContain('bkp:Location="DomainSysvol\\GPO\\User\\registry.pol"');
    // One Registry extension element lists both files, machine first, as GPMC backups do.
    const registryExt = [
      ...backupXml.matchAll(
        /<GroupPolicyExtension bkp:ID="([^"]+)"[^>]*>([\s\S]*?)<\/GroupPolicyExtension>/g,
      ),
    ];
    const ids = registryExt.map((m) => m[1]);
    expect(new Set(ids).size, ids.join(" ")).toBe(ids.length);
    const reg = registryExt.filter((m) => m[1] === "{35378EAC-683F-11D2-A89A-00C04FBBCFA2}");
    expect(reg).toHaveLength(1);
    const paths = [...(reg[0]?.[2] ?? "").matchAll(/bkp:Path="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toEqual(["%GPO_MACH_FSPATH%\\registry.pol", "%GPO_USER_FSPATH%\\registry.pol"]);
  });

  it.skipIf(SAMBA_MISSING !== null)(
    `User\\registry.pol read back by Samba's parser holds the same values, per role and level${SAMBA_MISSING ? ` (skipped: ${SAMBA_MISSING})` : ""}`,
    () => {
      const pols = VARIANTS.map(
        ({ c }) => gpoPolicyFiles(planWindowsSettings(resolved(c))).userRegistryPol as Buffer,
      );
      const read = sambaReadMany(pols.map((bytes) => ({ kind: "pol" as const, bytes }))) as Array<{
        entries: Array<{ key: string; value: string; type: string; data: unknown }>;
      }>;
      VARIANTS.forEach(({ c, role, level }, i) => {
        const seen = Object.fromEntries(
          (read[i]?.entries ?? []).map((e) => [`${e.key}\\${e.value}`, [e.type, e.data]]),
        );
        const want = Object.fromEntries(
          declaredUserSide(c).map((s) => [`${s.key}\\${s.name}`, [s.type, s.data]]),
        );
        expect(seen, `${role} ${level}`).toEqual(want);
      });
    },
  );
});

describe("user-side policies (runtime)", () => {
  const runtime = readFileSync(
    join(packageRoot, "baselines", "kinds", "user-registry", "runtime.ps1"),
    "utf8",
  );
  const template = (name: string) => readFileSync(join(packageRoot, "templates", "windows", name), "utf8");
  const body = (text: string, fn: string) => {
    const start = text.indexOf(`function ${fn} {`);
    expect(start, fn).toBeGreaterThanOrEqual(0);
    return text.slice(start, text.indexOf("\n}", start));
  };

  it("the kind's PowerShell parses and every script carries it once", () => {
    expect(syntaxProblems(parsePowerShell(runtime))).toEqual([]);
    for (const name of ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1"]) {
      const script = assembleScript(name, "$Bundle = @{}");
      expect(script.split("function Set-UserPolicies {").length - 1, name).toBe(1);
      expect(syntaxProblems(parsePowerShell(script)), name).toEqual([]);
    }
  });

  it("writes the local Group Policy's user part: Registry.pol in the PReg layout, gpt.ini's user version and extension", () => {
    expect(runtime).toContain("$Script:UserPolPath = Join-Path $Script:LocalGpoRoot 'User\\Registry.pol'");
    expect(runtime).toContain("$Script:LocalGpoRoot = Join-Path $Script:System32 'GroupPolicy'");
    // The header and separators the toolkit's own encoder writes (registry-pol.ts), as bytes.
    const write = body(runtime, "Write-PolFile");
    expect(write).toContain("[byte[]](0x50, 0x52, 0x65, 0x67, 1, 0, 0, 0)");
    expect(write).toContain("'[' + [string]$e.Key + [char]0 + ';' + [string]$e.Name + [char]0 + ';'");
    const gpt = body(runtime, "Update-LocalGptIni");
    // User version: the high 16 bits of Version; the extension list sorted by GUID.
    expect(gpt).toContain("(($version -shr 16) + 1) -band 0xFFFF");
    expect(gpt).toContain("[Array]::Sort($sorted, [StringComparer]::OrdinalIgnoreCase)");
    expect(runtime).toContain(
      "$Script:UserRegistryExtension = '[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F73-3407-48AE-BA88-E8213C6761F1}]'",
    );
    // Other entries of the file are kept: only the bundle's values (and their **del. markers) are replaced.
    expect(body(runtime, "Set-UserPolicies")).toContain("('**del.' + [string]$_.Name) -eq $e.Name");
  });

  it("Apply backs up each value from the local policy before writing; Test reads it back; Undo restores and reads back", () => {
    const apply = template("Apply-Baseline.ps1");
    const undo = template("Undo-Baseline.ps1");
    const common = template("runtime-common.ps1");
    // Reached through the kind's registration only (test/windows-kinds.test.ts checks the dispatch).
    expect(runtime).toContain(
      "Register-SettingKind -Kind 'user-registry' -Id 'Get-UserPolicyId' -Read 'Read-UserPolicyState' -Entry 'Get-UserPolicyEntry' -Apply 'Set-UserPolicies'",
    );
    expect(runtime).toContain("-Test 'Test-UserPolicyRow' -Restore 'Restore-UserPolicies'");
    for (const [text, fn] of [
      [apply, "Get-RowEntries"],
      [apply, "Invoke-Apply"],
      [common, "Test-SettingRow"],
      [common, "Get-SettingId"],
      [undo, "Select-BundleEntries"],
      [undo, "Restore-Entries"],
    ] as const)
      expect(body(text, fn), fn).not.toContain("user-registry");
    // The backup and Test read the file through the kind's state (Read-PolFile's one output assigned first).
    expect(body(runtime, "Read-UserPolicyState")).toContain("$pol = Read-PolFile -Path $Script:UserPolPath");
    expect(body(runtime, "Get-UserPolicyEntry")).toContain("Find-PolEntry -Entries $State.Pol");
    const restore = body(runtime, "Restore-UserPolicies");
    expect(restore).toContain("Read-PolFile -Path $Script:UserPolPath");
    expect(restore).toContain("not restored");
    // Windows Home ignores policy: reported as not supported, never a pass.
    expect(body(runtime, "Test-UserPolicyRow")).toContain("Test-PolicyIgnoredHere -Path $Row.Path");
  });

  it("checks key and value name before they reach the file (the PReg format's own [ ; ] and NUL refused)", () => {
    const assert = body(runtime, "Assert-UserPolicyRow");
    expect(assert).toContain("-notmatch '^Software\\\\Policies(\\\\[^\\\\\\x00-\\x1f;\\[\\]]+)+\\z'");
    expect(assert).toContain("-cnotmatch '^[A-Za-z0-9 ._-]+\\z'");
    expect(body(runtime, "Set-UserPolicies")).toContain("Assert-UserPolicyRow -Row $row");
  });
});
