// What an expert Windows administrator's review found in the generated PowerShell, each
// fix read from the generated scripts (nothing runs PowerShell here): the guard is there,
// is called where it must be, and carries the values the review asked for.

import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { unitZipReadme } from "../baselines/emit/unit-readme.js";
import {
  LOCK_ATTT,
  LOCK_CREDENTIAL_FOLDER,
  OWN_ATTT,
  OWN_CREDENTIAL_FOLDER,
} from "../baselines/emit/windows/readme.js";
import { LAUNCHER } from "../baselines/emit/windows/script-assembly.js";
import type { Inventory } from "../model/inventory.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { readDataTable } from "./helpers/ps-data.js";
import {
  asBuffer,
  parsePowerShell,
  syntaxProblems,
  type WindowsBundle,
  windowsBundles,
} from "./helpers/windows.js";

let inventory: Inventory;
let bundles: WindowsBundle[] = [];
beforeAll(() => {
  inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
  bundles = windowsBundles(inventory);
});

const file = (b: WindowsBundle, name: string): string =>
  asBuffer(b.out.files.get(name) as string).toString("utf8");
const first = (): WindowsBundle => bundles[0] as WindowsBundle;
const MAIN = "# ---------------------------------------------------------------- main";
const main = (text: string): string => text.slice(text.lastIndexOf(MAIN));
/** The text of one function, from its `function` line to the next top-level `function` or section line. */
function fn(text: string, name: string): string {
  const start = text.indexOf(`function ${name} {`);
  if (start < 0) throw new Error(`no function ${name}`);
  const rest = text.slice(start + 1);
  const ends = [rest.search(/\r?\nfunction /), rest.search(/\r?\n# -{10}/)].filter((i) => i >= 0);
  return text.slice(start, start + 1 + Math.min(...ends, rest.length));
}
describe("1. the scripts' folder must be writable by administrators only", () => {
  it("Apply, Test and Undo call Assert-TrustedLocation right after Assert-Administrator, before anything else", () => {
    for (const b of bundles) {
      for (const name of ["Apply-Baseline.ps1", "Test-Baseline.ps1", "Undo-Baseline.ps1"]) {
        const body = main(file(b, name));
        expect(body, `${b.spec.id} ${name}`).toContain(
          "\r\nAssert-Administrator\r\nAssert-TrustedLocation\r\n",
        );
      }
    }
  });

  it("Assert-TrustedLocation reads the script and its folder by SID and refuses other writers with exit 2, Vietnamese first", () => {
    const text = file(first(), "Apply-Baseline.ps1");
    const guard = fn(text, "Assert-TrustedLocation");
    expect(guard).toContain("@($PSCommandPath, $PSScriptRoot)");
    expect(guard).toContain("Get-TrustedSids -WithCurrentUser");
    expect(guard).toMatch(
      /Stop-WithMessage -Vi \('Thư mục chứa script không an toàn[\s\S]*-En \('The scripts'' folder is not safe/,
    );
    const access = fn(text, "Get-UntrustedAccess");
    expect(access).toContain("GetAccessRules($true, $true, [Security.Principal.SecurityIdentifier])");
    expect(access).toContain("GetOwner([Security.Principal.SecurityIdentifier])");
    expect(access).toContain("[Security.AccessControl.AccessControlType]::Allow");
    const sids = fn(text, "Get-TrustedSids");
    expect(sids).toContain("$Script:SystemSid, $Script:AdminsSid, $Script:TrustedInstallerSid");
    expect(text).toContain("$Script:SystemSid = 'S-1-5-18'");
    expect(text).toContain("$Script:AdminsSid = 'S-1-5-32-544'");
    expect(text).toContain(
      "$Script:TrustedInstallerSid = 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464'",
    );
    // The write mask covers WriteData, AppendData, the attribute writes, delete-child, Delete,
    // ChangePermissions, TakeOwnership, GenericAll and GenericWrite.
    const mask = Number(/\$Script:WriteMask = \[int64\](0x[0-9A-F]+)/.exec(text)?.[1]);
    for (const bit of [0x2, 0x4, 0x10, 0x40, 0x100, 0x10000, 0x40000, 0x80000, 0x10000000, 0x40000000]) {
      expect(mask & bit, bit.toString(16)).toBe(bit);
    }
    // Read and execute (what Users keep) is not a write.
    expect(mask & 0x1200a9).toBe(0);
    expect(syntaxProblems(parsePowerShell(text))).toEqual([]);
  });

  it("the README creates C:\\attt and locks it by SID before copying, then gives it to Administrators", () => {
    expect(LOCK_ATTT).toBe(
      'icacls C:\\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-545:(OI)(CI)RX"',
    );
    for (const b of bundles) {
      const readme = file(b, "README.md");
      for (const lang of ["Tiếng Việt", "English"]) {
        const part = readme.slice(readme.indexOf(`## ${lang}`));
        const lock = part.indexOf(LOCK_ATTT);
        expect(lock, `${b.spec.id} ${lang}`).toBeGreaterThan(0);
        expect(lock).toBeLessThan(part.indexOf("Apply-Baseline.ps1 -Role"));
        expect(part.indexOf(OWN_ATTT)).toBeGreaterThan(lock);
      }
    }
  });
});

describe("2. the state folder under %ProgramData% is Administrators' alone, and Undo restores only the bundle's settings", () => {
  it("Apply, Test and Undo lock the state folder before any backup or work folder is used; Undo refuses a tree set aside", () => {
    for (const b of bundles) {
      for (const [name, before] of [
        ["Apply-Baseline.ps1", "Save-Backup"],
        ["Test-Baseline.ps1", "Invoke-Evaluation"],
        ["Undo-Baseline.ps1", "Read-Backup"],
      ] as const) {
        const body = main(file(b, name));
        const init = body.indexOf("\r\nInitialize-StateRoot\r\n");
        expect(init, `${b.spec.id} ${name}`).toBeGreaterThan(body.indexOf("Assert-TrustedLocation"));
        expect(init, `${b.spec.id} ${name}`).toBeLessThan(body.indexOf(before));
      }
      const undo = main(file(b, "Undo-Baseline.ps1"));
      const aside = undo.slice(
        undo.indexOf("if ($Script:StateSetAside -ne '')"),
        undo.indexOf("$backup = Read-Backup"),
      );
      expect(aside).toMatch(/Stop-WithMessage -Vi \('Thư mục trạng thái[\s\S]*-En \('The state folder/);
    }
  });

  it("the state ACL is protected, owned by Administrators, FullControl for SYSTEM and Administrators only", () => {
    const text = file(first(), "Apply-Baseline.ps1");
    const acl = fn(text, "New-StateAcl");
    expect(acl).toContain("SetAccessRuleProtection($true, $false)");
    expect(acl).toContain("SetOwner((New-Object Security.Principal.SecurityIdentifier($Script:AdminsSid)))");
    expect(acl).toContain("foreach ($sid in @($Script:SystemSid, $Script:AdminsSid))");
    expect(acl.match(/AddAccessRule/g)?.length).toBe(1);
    const init = fn(text, "Initialize-StateRoot");
    // A tree with problems is moved aside before the folders are (re)created and locked.
    expect(init.indexOf("Get-StateTreeProblems")).toBeLessThan(init.indexOf("Move-Item -LiteralPath $root"));
    expect(init.indexOf("Move-Item -LiteralPath $root")).toBeLessThan(init.indexOf("Set-Acl"));
    expect(init).toContain("@($root, (Join-Path $root 'tmp'), (Join-Path $root 'backup'))");
    const tree = fn(text, "Get-StateTreeProblems");
    expect(tree).toContain("[IO.FileAttributes]::ReparsePoint");
    expect(tree).toContain("Get-UntrustedAccess -Path $path");
    // Every reader and writer of the state folder insists it was initialized.
    for (const name of ["New-WorkFolder", "Read-Backup", "Write-Backup"]) {
      expect(fn(text, name), name).toContain("Assert-StateReady");
    }
    expect(fn(text, "Write-Backup")).toContain("Set-Acl -LiteralPath $path -AclObject (New-StateAcl)");
    expect(fn(text, "New-WorkFolder")).toContain(
      "Set-Acl -LiteralPath $dir -AclObject (New-StateAcl -Directory)",
    );
  });

  it("Read-Backup checks the file's and folder's owner and ACL before parsing it", () => {
    const read = fn(file(first(), "Undo-Baseline.ps1"), "Read-Backup");
    expect(read.indexOf("Get-UntrustedAccess")).toBeGreaterThan(0);
    expect(read.indexOf("Get-UntrustedAccess")).toBeLessThan(read.indexOf("ConvertFrom-Json"));
    expect(read).toContain("Stop-WithMessage");
  });

  it("Undo restores only entries whose recomputed identity is one of the bundle's settings or owned by one of its rows", () => {
    const undo = file(first(), "Undo-Baseline.ps1");
    const select = fn(undo, "Select-BundleEntries");
    expect(select).toContain("$rows = @(Get-PlanRows)");
    expect(select).toContain("$id = Get-SettingId -Row $e");
    expect(select).not.toContain("$e.Id");
    // A key the bundle owns whole owns the values Apply deleted there (registry-clear's Owns).
    expect(select).toContain("if (& $owner.Owns -Row $row -Entry $e) { $ok = $true; break }");
    const owns = fn(undo, "Test-RegistryClearOwns");
    expect(owns).toContain("[string]$Entry.Kind -eq 'registry'");
    expect(owns).toContain(
      "([string]$Entry.Path).ToUpperInvariant() -eq ([string]$Row.Path).ToUpperInvariant()",
    );
    expect(main(undo)).toContain("$entries = Select-BundleEntries -Entries @($backup.entries)");
    expect(main(undo).indexOf("Select-BundleEntries")).toBeLessThan(main(undo).indexOf("Restore-Entries"));
  });
});

describe("3. the upload credential must be readable by SYSTEM and Administrators only", () => {
  it("Get-CredentialProblems reads the credential by SID: no other reader, and Assert-UploadReady refuses (exit 2) before the audit", () => {
    const text = file(first(), "Test-Baseline.ps1");
    const problems = fn(text, "Get-CredentialProblems");
    expect(problems).toContain("$allowed = @($Script:SystemSid, $Script:AdminsSid)");
    expect(problems).toContain("@{ Path = $file; Rights = $Script:ReadMask }");
    expect(problems).toContain(
      "Get-UntrustedAccess -Path $c.Path -Allowed $allowed -Rights $c.Rights } catch",
    );
    const ready = fn(text, "Assert-UploadReady");
    expect(ready).toContain("$problems = @(Get-CredentialProblems -CredentialFile $CredentialFile)");
    expect(ready).toMatch(/\$vi = 'Tệp khóa[\s\S]*\$en = 'The upload credential/);
    expect(ready).toContain("if (-not $WarnOnly) { Stop-WithMessage -Vi $vi -En $en }");
    const mask = Number(/\$Script:ReadMask = \[int64\](0x[0-9A-F]+)/.exec(text)?.[1]);
    for (const bit of [0x1, 0x10000000, 0x80000000])
      expect(Math.floor(mask / bit) % 2, bit.toString(16)).toBe(1);
    expect(main(text).indexOf("Assert-UploadReady")).toBeLessThan(main(text).indexOf("Invoke-Evaluation"));
  });

  it("both READMEs lock C:\\ProgramData\\attt by SID before the credential is copied", () => {
    expect(LOCK_CREDENTIAL_FOLDER).toBe(
      'icacls C:\\ProgramData\\attt /inheritance:r /grant:r "*S-1-5-32-544:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F"',
    );
    const b = first();
    const unit = unitZipReadme({
      unitId: b.spec.unit.id,
      unitName: b.spec.unit.name,
      specs: [b.spec],
      paths: [],
    });
    for (const text of [file(b, "README.md"), unit]) {
      for (const lang of ["Tiếng Việt", "English"]) {
        const part = text.slice(text.indexOf(`## ${lang}`));
        expect(part, lang).toContain(`\`${LOCK_CREDENTIAL_FOLDER}\``);
        expect(part, lang).toContain(`\`${OWN_CREDENTIAL_FOLDER}\``);
      }
    }
  });
});

describe("4. attt.cmd never runs a program planted in the current folder", () => {
  const launcher = (): string[] => String(first().out.files.get(LAUNCHER)).split("\r\n");
  const commands = (lines: string[]): string[] =>
    lines
      .map((l) => l.trim())
      .filter(
        (l) =>
          l !== "" && !/^((rem|echo|@echo|set|if|for|exit|goto|pause|setlocal)\b|call :\w+$|[:()])/i.test(l),
      );

  it("sets NoDefaultCurrentDirectoryInExePath before running any program, and runs each by its full path", () => {
    const lines = launcher();
    const guard = lines.indexOf('set "NoDefaultCurrentDirectoryInExePath=1"');
    expect(guard).toBeGreaterThan(0);
    const run = commands(lines);
    expect(run.length).toBeGreaterThanOrEqual(4);
    for (const l of run) {
      expect(l, l).toMatch(/^"%SystemRoot%\\System32\\|^"%ATTT_PS%" /);
      expect(lines.findIndex((x) => x.trim() === l)).toBeGreaterThan(guard);
    }
    for (const tool of ["chcp.com", "fltmc.exe", "choice.exe"]) {
      expect(
        run.some((l) => l.startsWith(`"%SystemRoot%\\System32\\${tool}"`)),
        tool,
      ).toBe(true);
    }
    expect(lines).toContain('set "ATTT_PS=%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"');
    // No bare program name anywhere a command starts, inside blocks included.
    for (const l of lines) expect(l, l).not.toMatch(/^\s*(chcp|fltmc|choice|powershell)(\.exe|\.com)?\b/i);
  });

  it("checks the three scripts are beside it before asking for rights, and prints the -Force command after a refusal", () => {
    const text = launcher().join("\n");
    expect(text).toContain("for %%F in (Test-Baseline.ps1 Apply-Baseline.ps1 Undo-Baseline.ps1) do (");
    expect(text.indexOf('if not exist "%ATTT_DIR%%%F"')).toBeLessThan(text.indexOf("fltmc.exe"));
    const refused = text.slice(text.indexOf('if "%ATTT_EXIT%"=="2"'));
    expect(refused).toContain('-File "%ATTT_DIR%%ATTT_SCRIPT%" -Force');
    expect(refused.indexOf("Nếu thông báo")).toBeLessThan(refused.indexOf("If the message"));
  });
});

describe("5. renaming the RID-500 Administrator does not silently break automatic logon or services", () => {
  it("Apply finds the account by SID, refuses an auto-logon as it without -Force, warns about its services, ends with the new name", () => {
    const text = file(first(), "Apply-Baseline.ps1");
    const get = fn(text, "Get-AdminRename");
    // The row declares what it renames (RenamesAccountRid), never recognised by its key.
    expect(get).toContain("$_.Contains('RenamesAccountRid') -and [int]$_['RenamesAccountRid'] -eq 500");
    expect(get).not.toContain("NewAdministratorName");
    expect(get).toContain("EndsWith('-500')");
    const guard = fn(text, "Assert-AdminRenameSafe");
    expect(guard).toContain("OpenSubKey('SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon')");
    expect(guard).toContain("$autoLogon.Trim() -eq '1' -and $autoUser.Trim() -ieq $Rename.Old");
    const refusal = guard.slice(guard.indexOf("if (-not $Force)"));
    expect(refusal).toMatch(
      /^if \(-not \$Force\) \{\s+Stop-WithMessage -Vi \('Máy tự đăng nhập[\s\S]*-En \('This machine signs in automatically/,
    );
    expect(guard).toContain("$suffix = '\\{0}' -f $Rename.Old");
    expect(guard).toContain("Win32_Service");
    for (const b of bundles) {
      const body = main(file(b, "Apply-Baseline.ps1"));
      const at = body.indexOf("Assert-AdminRenameSafe -Rename $adminRename -Force:$Force");
      expect(at, b.spec.id).toBeGreaterThan(0);
      expect(at).toBeLessThan(body.indexOf("Save-Backup"));
      expect(body.indexOf("IMPORTANT: the built-in Administrator")).toBeGreaterThan(
        body.indexOf("Invoke-Apply"),
      );
    }
  });
});

describe("6, 8, 12. VBS piloted safely, Security Center states read right, virtualization off in firmware is a finding", () => {
  const groupOf = (b: WindowsBundle) => b.spec.groups;
  it("kernel shadow stacks in audit mode (2); memoryIntegrity: false holds HVCI back but keeps VBS, and Test expects the same", async () => {
    const { windowsControls } = await import("../baselines/controls/win/index.js");
    const vbs = windowsControls.find((c) => c.id === "win.credentials.vbs");
    if (!vbs) throw new Error("no VBS control");
    const b = first();
    const ctxFor = (memoryIntegrity?: boolean) => ({
      os: "windows" as const,
      role: b.spec.role,
      level: b.spec.unit.level,
      unit: b.spec.unit,
      groups: groupOf(b).map((g) => ({ ...g, memoryIntegrity })),
      inventory,
    });
    const value = (settings: ReturnType<typeof vbs.settings>, name: string) =>
      settings.find((s) => s.kind === "registry" && s.name === name);
    for (const held of [undefined, false]) {
      const s = vbs.settings(ctxFor(held));
      expect((value(s, "ConfigureKernelShadowStacksLaunch") as { data: number }).data).toBe(2);
      expect((value(s, "EnableVirtualizationBasedSecurity") as { data: number }).data).toBe(1);
      expect((value(s, "HypervisorEnforcedCodeIntegrity") as { data: number }).data).toBe(
        held === false ? 0 : 2,
      );
      expect(value(s, "HVCIMATRequired") === undefined).toBe(held === false);
      expect(s.find((x) => x.kind === "check")).toEqual({
        kind: "check",
        check: "vbs-running",
        memoryIntegrity: held !== false,
      });
    }
    const branch = fn(file(b, "Test-Baseline.ps1"), "Test-VbsRunningCheck");
    expect(branch).toContain("$wantHvci = [bool]$Row.MemoryIntegrity");
    expect(branch).toContain("$ok = ($status -eq 2 -and (-not $wantHvci -or $running -contains 2))");
  });

  it("the README says how to pilot memory integrity and how to recover from WinRE", () => {
    const withVbs = bundles.filter((x) =>
      x.spec.controls.some((c) => c.control.id === "win.credentials.vbs"),
    );
    expect(withVbs.length).toBeGreaterThan(0);
    for (const b of withVbs) {
      const readme = file(b, "README.md");
      for (const needle of [
        "Core isolation",
        "memoryIntegrity: false",
        "WinRE",
        "/v HypervisorEnforcedCodeIntegrity /f",
      ]) {
        const vi = readme.slice(readme.indexOf("## Tiếng Việt"), readme.indexOf("## English"));
        const en = readme.slice(readme.indexOf("## English"));
        expect(vi, `${b.spec.id} ${needle}`).toContain(needle);
        expect(en, `${b.spec.id} ${needle}`).toContain(needle);
      }
    }
  });

  it("an anti-virus or firewall counts as on only when its productState state nibble is 1 (not snoozed 2 or expired 3)", () => {
    const text = file(first(), "Test-Baseline.ps1");
    const probe =
      fn(text, "Test-SecurityCenterAntivirusCheck") + fn(text, "Test-SecurityCenterFirewallCheck");
    expect(probe).not.toContain("-band 0x1000");
    expect(probe).toContain("$enabled = ((($state -shr 12) -band 0xF) -eq 1)");
    expect(probe).toContain("$enabled = (((([int64]$p.productState) -shr 12) -band 0xF) -eq 1)");
  });

  it("virtualization present but off in firmware fails with 'enable VT-x/SVM in BIOS' before any not-applicable", () => {
    const branch = fn(file(first(), "Test-Baseline.ps1"), "Test-VbsRunningCheck");
    const cpu = branch.indexOf(
      "$_.VMMonitorModeExtensions -eq $true -and $_.VirtualizationFirmwareEnabled -eq $false",
    );
    expect(cpu).toBeGreaterThan(0);
    const fail = branch.indexOf(
      "-Status 'fail' -Label $label -Observed ('virtualization is off in firmware: enable VT-x/SVM in BIOS",
    );
    expect(fail).toBeGreaterThan(cpu);
    expect(fail).toBeLessThan(branch.indexOf("'not capable: no virtualization support"));
  });
});

describe("7. a school LAN classed as Public is pointed out before the Public profile ignores local rules", () => {
  it("Apply warns (bilingual) from Get-NetConnectionProfile when the bundle sets PublicProfile AllowLocalPolicyMerge 0; the README gives the fix", () => {
    const text = file(first(), "Apply-Baseline.ps1");
    const warn = fn(text, "Show-PublicNetworkWarning");
    // What the controls declare (IgnoresLocalRulesOn), never a setting recognised by its name.
    expect(warn).toContain("$_.Contains('IgnoresLocalRulesOn')");
    expect(warn).toContain("if ($profiles -notcontains 'public') { return }");
    expect(warn).not.toContain("AllowLocalPolicyMerge");
    expect(warn).toContain("Get-NetConnectionProfile");
    expect(warn).toMatch(/Write-Say -Vi \('Cảnh báo: mạng[\s\S]*-En \('Warning: network/);
    expect(warn).toContain("Set-NetConnectionProfile -InterfaceIndex {2} -NetworkCategory Private");
    let withMerge = 0;
    for (const b of bundles) {
      const body = main(file(b, "Apply-Baseline.ps1"));
      expect(body.indexOf("\r\nShow-PublicNetworkWarning\r\n"), b.spec.id).toBeGreaterThan(0);
      expect(body.indexOf("Show-PublicNetworkWarning")).toBeLessThan(body.indexOf("Invoke-Apply"));
      const sets = b.spec.controls.some((c) =>
        c.settings.some(
          (s) =>
            s.kind === "registry" &&
            s.name === "AllowLocalPolicyMerge" &&
            s.key.endsWith("\\PublicProfile") &&
            s.data === 0,
        ),
      );
      if (sets) withMerge++;
      // The declaration says what the settings do: public declared exactly where they set it.
      const declared = b.spec.controls.some((c) => c.ignoresLocalFirewallRules?.includes("public"));
      expect(declared, b.spec.id).toBe(sets);
      if (b === first()) {
        // Emitted on the control's row, which the runtime reads (one bundle parsed: seconds each).
        const table = readDataTable(parsePowerShell(file(b, "Apply-Baseline.ps1")));
        const inTable = (table.Controls as Array<Record<string, unknown>>).some(
          (c) => Array.isArray(c.IgnoresLocalRulesOn) && c.IgnoresLocalRulesOn.includes("public"),
        );
        expect(inTable, b.spec.id).toBe(sets);
      }
      const readme = file(b, "README.md");
      expect(
        readme.split("Set-NetConnectionProfile -InterfaceIndex <n> -NetworkCategory Private").length - 1,
        b.spec.id,
      ).toBe(sets ? 2 : 0);
    }
    expect(withMerge).toBeGreaterThan(0);
  });
});

describe("9. RunAsPPL=2 only where every machine runs Windows 11, with the real state read from Wininit", () => {
  it("the control writes RunAsPPL and the probe for all-Windows-11 groups only; Test reads event 12 since boot", async () => {
    const { windowsControls } = await import("../baselines/controls/win/index.js");
    const lsa = windowsControls.find((c) => c.id === "win.credentials.lsa-protection");
    if (!lsa) throw new Error("no LSA control");
    const b = first();
    const settingsFor = (oses: Array<"windows-10" | "windows-11">) =>
      lsa.settings({
        os: "windows",
        role: b.spec.role,
        level: b.spec.unit.level,
        unit: b.spec.unit,
        groups: oses.map((os) => ({ role: b.spec.role, os, count: 1, hosts: [] })),
        inventory,
      });
    for (const [oses, on] of [
      [["windows-11"], true],
      [["windows-10"], false],
      [["windows-11", "windows-10"], false],
    ] as const) {
      const s = settingsFor([...oses]);
      const ppl = s.find((x) => x.kind === "registry" && x.name === "RunAsPPL");
      expect(ppl === undefined ? null : (ppl as { data: number }).data, oses.join("+")).toBe(on ? 2 : null);
      expect(s.some((x) => x.kind === "check" && x.check === "lsa-protected")).toBe(on);
      expect(s.some((x) => x.kind === "registry" && x.name === "UseLogonCredential")).toBe(true);
    }
    const branch = fn(file(b, "Test-Baseline.ps1"), "Test-LsaProtectedCheck");
    expect(branch).toContain("ProviderName = 'Microsoft-Windows-Wininit'; Id = 12; StartTime = $boot");
    expect(branch).toContain("LastBootUpTime");
  });
});

describe("10. WSUS over https only, and Test sees a Windows Update that stopped finding updates", () => {
  it("the inventory refuses an http:// WSUS with a located message, and the generator refuses it too", async () => {
    const { Unit } = await import("../model/inventory.js");
    const { wsusServerValue } = await import("../baselines/controls/win/update-automatic.js");
    const unit = inventory.units.find((u) => u.network.wsus) ?? inventory.units[0];
    if (!unit) throw new Error("no unit");
    const withWsus = (wsus: string) => Unit.safeParse({ ...unit, network: { ...unit.network, wsus } });
    const r = withWsus("http://wsus.example:8530");
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain("https URL such as https://wsus.example:8531");
    expect(JSON.stringify(r.error?.issues)).toContain('"network","wsus"');
    expect(withWsus("https://wsus.example:8531").success).toBe(true);
    expect(() => wsusServerValue("http://wsus.example:8530")).toThrow(/https:\/\//);
    expect(wsusServerValue("https://wsus.example:8531/")).toBe("https://wsus.example:8531");
  });

  it("networked bundles carry the last-search probe with 14 days; Test reads LastSearchSuccessDate", () => {
    const b = bundles.find((x) => x.spec.role !== "classified") as WindowsBundle;
    const rows = readDataTable(parsePowerShell(file(b, "Test-Baseline.ps1"))).Settings as Array<
      Record<string, unknown>
    >;
    expect(rows.filter((r) => r.Check === "update-search-recent")).toEqual([
      { Controls: ["win.update.automatic"], Kind: "check", Check: "update-search-recent", MaxAgeDays: 14 },
    ]);
    const branch = fn(file(b, "Test-Baseline.ps1"), "Test-UpdateSearchRecentCheck");
    expect(branch).toContain(
      "(New-Object -ComObject 'Microsoft.Update.AutoUpdate').Results.LastSearchSuccessDate",
    );
    expect(branch).toContain("-Status $(if ($age -le $max) { 'pass' } else { 'fail' })");
  });
});

describe("13. smaller findings", () => {
  it("LockoutDuration -1 (until an administrator unlocks) passes the at-least check, as its setting declares", () => {
    const row = fn(file(first(), "Test-Baseline.ps1"), "Test-SeceditRow");
    expect(row).toContain(
      "'min' { $ok = ($number -ge $want -or ($Row.Contains('Strongest') -and $number -eq [int64]$Row.Strongest))",
    );
    expect(row).not.toContain("LockoutDuration");
    for (const b of [first()]) {
      const rows = readDataTable(parsePowerShell(file(b, "Test-Baseline.ps1"))).Settings as Array<
        Record<string, unknown>
      >;
      const withStrongest = rows.filter((r) => "Strongest" in r);
      expect(
        withStrongest.map((r) => [r.Key, r.Strongest, r.Compare]),
        b.spec.id,
      ).toEqual([["LockoutDuration", -1, "min"]]);
    }
  });

  it("an upload failing with any exception, not only WebException, is a failed upload (exit 3), not a crash", () => {
    const text = file(first(), "Test-Baseline.ps1");
    const send = fn(text, "Send-Evidence");
    const web = send.indexOf("} catch [System.Net.WebException] {");
    const any = send.indexOf("} catch {", web);
    expect(web).toBeGreaterThan(0);
    expect(any).toBeGreaterThan(web);
    expect(send.slice(any)).toContain("$answer = $_.Exception.Message");
    expect(main(text)).toContain(
      "if ($Upload -and -not (Send-Evidence -Url $Upload -Path $OutFile -CredentialFile $Credential)) { exit 3 }",
    );
  });
});

describe("13. Undo on frozen machines, and the README's known effects on school sharing", () => {
  it("Undo asks about reboot-restore software after the platform check and before reading the backup", () => {
    for (const b of bundles) {
      const body = main(file(b, "Undo-Baseline.ps1"));
      const at = body.indexOf("\r\nAssert-NotFrozen -Force:$Force\r\n");
      expect(at, b.spec.id).toBeGreaterThan(body.indexOf("Assert-Platform"));
      expect(at).toBeLessThan(body.indexOf("Read-Backup"));
      expect(file(b, "README.md")).toContain("Frozen (Apply, Undo)");
    }
  });

  it("networked bundles' READMEs name the sharing effects: name resolution, SMB signing, printers, token filtering", () => {
    for (const b of bundles.filter((x) => x.spec.role !== "classified")) {
      const readme = file(b, "README.md");
      for (const needle of ["NetBIOS", "LLMNR", "SMB", "RPC", "UAC token filtering"]) {
        expect(readme.slice(readme.indexOf("## English")), `${b.spec.id} ${needle}`).toContain(needle);
      }
      expect(readme.slice(0, readme.indexOf("## English"))).toContain(
        "Ảnh hưởng đã biết đến chia sẻ trong trường",
      );
    }
  });
});

describe("second review 2. the credential file's address is read only from a file and folder SYSTEM and Administrators alone own and change", () => {
  it("Get-CredentialProblems checks the file and its folder with WriteMask, the owner included (no -SkipOwner), and refuses unreadable permissions", () => {
    const problems = fn(file(first(), "Test-Baseline.ps1"), "Get-CredentialProblems");
    expect(problems).not.toContain("-SkipOwner");
    expect(problems).toContain("@{ Path = $file; Rights = $Script:WriteMask }");
    expect(problems).toContain("@{ Path = (Split-Path -Parent $file); Rights = $Script:WriteMask }");
    expect(problems).toContain("$file = (Resolve-Path -LiteralPath $CredentialFile).ProviderPath");
    expect(problems).toMatch(/catch \{ \$found = @\(\('permissions unreadable/);
    // Get-UntrustedAccess checks the owner unless told otherwise, and its WriteMask covers
    // changing the data, the permissions and the owner.
    const text = file(first(), "Test-Baseline.ps1");
    expect(fn(text, "Get-UntrustedAccess")).toContain("if (-not $SkipOwner) {");
    const mask = Number(/\$Script:WriteMask = \[int64\](0x[0-9A-F]+)/.exec(text)?.[1]);
    for (const bit of [0x2, 0x4, 0x40000, 0x80000, 0x10000000, 0x40000000])
      expect(Math.floor(mask / bit) % 2, bit.toString(16)).toBe(1);
  });

  it("the address line is read only inside the branch where Assert-UploadReady accepted the file", () => {
    const body = main(file(first(), "Test-Baseline.ps1"));
    const guard = "if (Assert-UploadReady -CredentialFile $Credential -WarnOnly) {";
    expect(body).toContain(guard);
    const branch = body.slice(body.indexOf(guard), body.indexOf("\r\n} elseif ($UploadIfConfigured) {"));
    expect(branch).toContain("$urlPattern = '^# attt-upload-url: ");
    expect(branch).toContain("Get-Content -LiteralPath $Credential");
    // Nowhere else in the main part is the credential file read or the pattern matched.
    const outside = body.replace(branch, "");
    expect(outside).not.toContain("$urlPattern");
    expect(outside).not.toContain("Get-Content -LiteralPath $Credential");
  });
});

describe("second review 3. -UploadIfConfigured still checks the machine when the credential is not safe", () => {
  it("an explicit -Upload refuses (exit 2); -UploadIfConfigured warns in both languages, skips the upload and writes the record", () => {
    const text = file(first(), "Test-Baseline.ps1");
    const ready = fn(text, "Assert-UploadReady");
    const refuse = "if (-not $WarnOnly) { Stop-WithMessage -Vi $vi -En $en }";
    const warn = ready.slice(ready.indexOf(refuse) + refuse.length);
    expect(warn).not.toMatch(/Stop-WithMessage|\bexit\b|throw/);
    expect(warn).toMatch(
      /Write-Say -Vi \('Cảnh báo: \{0\} Vẫn kiểm tra máy[\s\S]*-En \('Warning: \{0\} The machine is still checked/,
    );
    expect(warn).toContain("return $false");
    const body = main(text);
    expect(body).toContain("$null = Assert-UploadReady -Url $Upload -CredentialFile $Credential\r\n");
    // The record is written and Send-Evidence runs only when $Upload was set, which the warning branch never does.
    expect(body.indexOf("Write-Json -Value $evidence -Path $OutFile")).toBeGreaterThan(
      body.indexOf("-WarnOnly"),
    );
    expect(body).toContain("if ($Upload -and -not (Send-Evidence ");
    const parsed = parsePowerShell(text);
    expect(syntaxProblems(parsed)).toEqual([]);
  });
});

describe("second review 12. attt.cmd's one step says what Test's exit code means and restarts only on C", () => {
  const launcher = (): string => String(first().out.files.get(LAUNCHER));
  const onestep = (): string => launcher().slice(launcher().indexOf("\r\n:onestep\r\n"));

  it("prints Test's exit code with 3 explained, in both languages, on the one-step path and after every choice", () => {
    const text = launcher();
    const explain = text.slice(text.indexOf("\r\n:explain\r\n"));
    expect(explain).toMatch(
      /echo Mã thoát %ATTT_EXIT% \(0: [^\r\n]*3: đã kiểm tra và ghi tệp minh chứng nhưng chưa gửi được/,
    );
    expect(explain).toMatch(
      /echo {3}Exit code %ATTT_EXIT% \(0: [^\r\n]*3: checked and the evidence file written, but not sent/,
    );
    const step = onestep();
    const test = step.indexOf('Test-Baseline.ps1" -UploadIfConfigured');
    expect(step.indexOf('set "ATTT_EXIT=%errorlevel%"', test)).toBeGreaterThan(test);
    expect(step.indexOf("call :explain", test)).toBeGreaterThan(test);
    expect(step.indexOf("call :explain", test)).toBeLessThan(step.indexOf("choice.exe"));
    const menu = text.slice(0, text.indexOf("\r\n:onestep\r\n"));
    expect(menu).toContain("call :explain");
  });

  it("restarts only when choice answers exactly 1 (C): Ctrl+C then N gives 0, which does not restart", () => {
    const step = onestep();
    const lines = step.split("\r\n");
    const ask = lines.findIndex((l) => l.includes("choice.exe") && l.includes("/c CK"));
    expect(lines[ask + 1]).toBe('set "ATTT_ANSWER=%errorlevel%"');
    expect(lines[ask + 2]).toBe('if not "%ATTT_ANSWER%"=="1" (');
    const close = lines.indexOf(")", ask + 2);
    expect(lines.slice(ask + 2, close).join("\n")).toContain("exit /b %ATTT_EXIT%");
    expect(lines[close + 1]).toBe('"%SystemRoot%\\System32\\shutdown.exe" /r /t 60');
    expect(step).not.toContain("if errorlevel");
    expect(lines.filter((l) => l.includes("shutdown.exe"))).toHaveLength(1);
  });

  it("says plainly, before the restart question, to choose 1 again after the restart", () => {
    const step = onestep();
    const ask = step.indexOf("choice.exe");
    expect(step.indexOf("echo SAU KHI KHỞI ĐỘNG LẠI: mở lại attt.cmd, chọn 1")).toBeGreaterThan(0);
    expect(step.indexOf("echo SAU KHI KHỞI ĐỘNG LẠI")).toBeLessThan(ask);
    expect(step.indexOf("echo   AFTER THE RESTART: open attt.cmd again and choose 1")).toBeLessThan(ask);
  });
});

describe("second review 14. uploads pass a school proxy that asks for the signed-in account", () => {
  it("every Invoke-WebRequest in Test-Baseline.ps1 has -ProxyUseDefaultCredentials", () => {
    const text = file(first(), "Test-Baseline.ps1");
    const calls = [...text.matchAll(/Invoke-WebRequest /g)].map((m) =>
      text.slice(m.index, text.indexOf("-TimeoutSec", m.index)),
    );
    expect(calls.length).toBe(2);
    for (const c of calls) expect(c).toContain("-ProxyUseDefaultCredentials");
    for (const name of ["Send-Evidence", "Show-UnitSummary"])
      expect(fn(text, name), name).toContain("-ProxyUseDefaultCredentials");
  });
});
