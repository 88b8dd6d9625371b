// School realities of the Windows bundles (issue 13): the one-step launcher, the
// supported-release check with Windows 10 ESU, third-party anti-malware and firewalls
// through Security Center, Defender-only policies, ASR rules audited only where school
// software needs it, the SMBv1 client's service dependency, domain-only settings, and
// the runtime's refusals on frozen machines and its Home-edition rule.

import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Control, ControlContext } from "../baselines/control.js";
import { ASR_RULES, ASR_RULES_KEY } from "../baselines/controls/win/defender-asr.js";
import { windowsControls } from "../baselines/controls/win/index.js";
import { LAUNCHER } from "../baselines/emit/windows/script-assembly.js";
import type { RegistrySetting, Setting } from "../baselines/settings.js";
import type { Inventory, Level, MachineGroup, MachineRole, Unit } from "../model/inventory.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { readDataTable } from "./helpers/ps-data.js";
import { asBuffer, parsePowerShell, type WindowsBundle, windowsBundles } from "./helpers/windows.js";
import type { Row } from "./helpers/windows-expected.js";

const control = (id: string): Control => {
  const c = windowsControls.find((x) => x.id === id);
  if (!c) throw new Error(`no control ${id}`);
  return c;
};

function ctx(role: MachineRole, level: Level, groups: Partial<MachineGroup>[] = [{}]): ControlContext {
  const full: MachineGroup[] = groups.map((g) => ({ role, os: "windows-11", count: 1, hosts: [], ...g }));
  const unit: Unit = {
    id: "test-unit",
    name: "Trường thử",
    type: "upper-secondary",
    level,
    machines: full,
    network: { remoteAdminFrom: [] },
  };
  return { os: "windows", role, level, unit, groups: full, inventory: undefined as never };
}

const registry = (s: Setting[]) => s.filter((x): x is RegistrySetting => x.kind === "registry");
const checks = (s: Setting[]) => s.filter((x) => x.kind === "check");

let bundles: WindowsBundle[] = [];
let inventory: Inventory;
beforeAll(() => {
  inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
  bundles = windowsBundles(inventory);
});

describe("the one-step launcher attt.cmd", () => {
  it("is in every bundle, the same bytes everywhere: UTF-8 without BOM, CRLF, code page 65001 before any Vietnamese", () => {
    const texts = bundles.map((b) => asBuffer(b.out.files.get(LAUNCHER) as string));
    expect(texts.length).toBe(bundles.length);
    for (const t of texts) expect(t.equals(texts[0] as Buffer)).toBe(true);
    const bytes = texts[0] as Buffer;
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n").slice(-1)).toEqual([""]);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    const lines = text.split("\r\n");
    const chcp = lines.indexOf('"%SystemRoot%\\System32\\chcp.com" 65001 >nul');
    expect(lines[0]).toBe("@echo off");
    expect(chcp).toBeGreaterThan(0);
    const firstNonAscii = lines.findIndex((l) => [...l].some((ch) => ch.charCodeAt(0) > 0x7f));
    expect(firstNonAscii).toBeGreaterThan(chcp);
  });

  it("runs the bundle's own scripts by their names, asks before Apply, and carries no inventory text", () => {
    for (const b of bundles) {
      const text = String(b.out.files.get(LAUNCHER));
      for (const script of ["Test-Baseline.ps1", "Apply-Baseline.ps1", "Undo-Baseline.ps1"]) {
        expect(text, b.spec.id).toContain(`set "ATTT_SCRIPT=${script}"`);
        expect(b.out.files.has(script), b.spec.id).toBe(true);
      }
      expect(text).toContain('if "%ATTT_CHOICE%"=="2" set "ATTT_ARGS=-Ask"');
      // Where option 1 writes the evidence, and every exit code the scripts use (Test's 3: not sent).
      expect(text).toContain("evidence-TÊN_MÁY.json vào thư mục chứa attt.cmd");
      expect(text).toMatch(/Mã thoát .*0: tốt; 1: .*2: .*3: [^\r\n]*chưa gửi được/);
      expect(text).not.toContain(b.spec.unit.id);
      expect(text).not.toContain(b.spec.unit.name);
    }
    // Apply takes -Ask and, unmarked and unconfirmed, asks on screen instead of refusing.
    const apply = String(bundles[0]?.out.files.get("Apply-Baseline.ps1"));
    expect(apply).toMatch(/\[switch\]\$Ask,/);
    expect(apply).toContain("Assert-Role -ConfirmedRole $Role -Ask:$Ask -Force:$Force");
  });
});

describe("school realities in the controls", () => {
  it("supported release: Windows 10 groups without ESU leave no extension; the earliest ESU end of the bundle counts", () => {
    const os = control("win.update.supported-os");
    const check = (groups: Partial<MachineGroup>[]) =>
      checks(os.settings(ctx("office", 2, groups)))[0] as { extendedUntil: string; releases: string[] };
    expect(check([{ os: "windows-11" }]).extendedUntil).toBe("");
    expect(check([{ os: "windows-10", extendedUpdatesUntil: "2026-10-13" }]).extendedUntil).toBe(
      "2026-10-13",
    );
    expect(
      check([{ os: "windows-10", extendedUpdatesUntil: "2026-10-13" }, { os: "windows-10" }]).extendedUntil,
    ).toBe("");
    expect(
      check([
        { os: "windows-10", extendedUpdatesUntil: "2027-10-12" },
        { os: "windows-10", extendedUpdatesUntil: "2026-10-13" },
      ]).extendedUntil,
    ).toBe("2026-10-13");
    // Windows 10 22H2 (19045) ends on 14 October 2025 for every edition.
    expect(check([{}]).releases).toContain("19045|2025-10-14|2025-10-14");
    for (const r of check([{}]).releases) expect(r).toMatch(/^\d{5}\|\d{4}-\d{2}-\d{2}\|\d{4}-\d{2}-\d{2}$/);
  });

  it("third-party anti-malware: Security Center is asked, Defender policies and ASR are not set", () => {
    const kes = { product: "Kaspersky Endpoint Security 12", licensedUntil: "2027-06-30", service: "AVP" };
    const c = ctx("teacher", 2, [{ antiMalware: kes }]);
    for (const id of [
      "win.defender.asr",
      "win.defender.cloud",
      "win.defender.scanning",
      "win.defender.realtime",
    ])
      expect(control(id).settings(c), id).toEqual([]);
    // SmartScreen is Windows', not Defender antivirus': it stays.
    expect(registry(control("win.defender.smartscreen").settings(c)).length).toBeGreaterThan(0);
  });

  it("a declared third-party firewall replaces Windows Firewall's policy by a Security Center check, only when every group has one", () => {
    const fw = control("win.firewall.profiles-on");
    const all = fw.settings(ctx("office", 2, [{ firewall: { product: "Bkav Pro Firewall" } }]));
    expect(all).toEqual([{ kind: "check", check: "security-center-firewall", product: "Bkav Pro Firewall" }]);
    const mixed = fw.settings(ctx("office", 2, [{ firewall: { product: "Bkav Pro Firewall" } }, {}]));
    expect(registry(mixed).some((s) => s.name === "EnableFirewall")).toBe(true);
  });

  it("ASR rules block everywhere, but two audit only on the roles whose school software they would break", () => {
    const modes = (role: MachineRole) =>
      Object.fromEntries(
        registry(control("win.defender.asr").settings(ctx(role, 2)))
          .filter((s) => s.key === ASR_RULES_KEY)
          .map((s) => [s.name, s.data]),
      );
    expect(Object.keys(modes("office")).sort()).toEqual(ASR_RULES.map((r) => r.guid).sort());
    const usb = "b2b3f03d-6a65-4f7b-a9c7-1c7ef74a9ba4";
    const macros = "92e97fa1-2edf-4476-bdd6-9dd0b4dddc7b";
    expect([
      modes("office")[usb],
      modes("teacher")[usb],
      modes("lab")[usb],
      modes("classified")[usb],
    ]).toEqual(["1", "2", "2", "1"]);
    expect([
      modes("office")[macros],
      modes("teacher")[macros],
      modes("lab")[macros],
      modes("classified")[macros],
    ]).toEqual(["2", "2", "1", "1"]);
    for (const role of ["office", "teacher", "lab", "classified"] as const) {
      const m = modes(role);
      const others = Object.entries(m).filter(([g]) => g !== usb && g !== macros);
      expect(
        others.every(([, v]) => v === "1"),
        role,
      ).toBe(true);
    }
  });

  it("SMBv1 client off also takes MRxSmb10 out of the Workstation service's dependencies, as Microsoft documents", () => {
    const s = registry(control("win.network.smb1-off").settings(ctx("lab", 2)));
    expect(s.find((x) => x.name === "DependOnService")).toEqual({
      kind: "registry",
      key: "SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation",
      name: "DependOnService",
      type: "REG_MULTI_SZ",
      data: ["Bowser", "MRxSmb20", "NSI"],
    });
    expect(s.find((x) => x.key.endsWith("mrxsmb10") && x.name === "Start")?.data).toBe(4);
  });

  it("domain-member settings only for groups the inventory marks domain-joined", () => {
    const dm = control("win.domain.member-hardening");
    expect(dm.settings(ctx("office", 2))).toEqual([]);
    expect(dm.settings(ctx("office", 2, [{ domainJoined: false }]))).toEqual([]);
    const joined = registry(dm.settings(ctx("office", 2, [{ domainJoined: true }])));
    expect(joined.find((s) => s.name === "RequireSignOrSeal")?.data).toBe(1);
    expect(joined.find((s) => s.name === "\\\\*\\SYSVOL")?.data).toBe(
      "RequireMutualAuthentication=1, RequireIntegrity=1",
    );
  });

  it("LSA protection, VBS and Credential Guard are set without the UEFI lock, so Undo can take them back", () => {
    const lsa = registry(control("win.credentials.lsa-protection").settings(ctx("office", 2)));
    expect(lsa.find((s) => s.name === "RunAsPPL")?.data).toBe(2);
    const vbs = control("win.credentials.vbs").settings(ctx("office", 2));
    expect(registry(vbs).find((s) => s.name === "HypervisorEnforcedCodeIntegrity")?.data).toBe(2);
    expect(registry(vbs).find((s) => s.name === "LsaCfgFlags")?.data).toBe(2);
    expect(checks(vbs)).toEqual([{ kind: "check", check: "vbs-running", memoryIntegrity: true }]);
  });
});

describe("the runtime's school rules (read from the generated scripts; nothing runs PowerShell here)", () => {
  const main = (text: string) =>
    text.slice(text.lastIndexOf("# ---------------------------------------------------------------- main"));

  it("Apply asks about reboot-restore software after the platform check and before any backup or change", () => {
    for (const b of bundles) {
      const m = main(String(b.out.files.get("Apply-Baseline.ps1")));
      const at = (s: string) => m.indexOf(s);
      expect(at("Assert-NotFrozen -Force:$Force"), b.spec.id).toBeGreaterThan(at("Assert-Platform"));
      expect(at("Assert-NotFrozen -Force:$Force"), b.spec.id).toBeLessThan(at("Save-Backup"));
      expect(at("Assert-NotFrozen -Force:$Force"), b.spec.id).toBeLessThan(at("Invoke-Apply"));
    }
  });

  it("a known-frozen machine is refused whatever -Force says; only an unaskable product yields to -Force", () => {
    const text = String(bundles[0]?.out.files.get("Apply-Baseline.ps1"));
    const fn = text.slice(
      text.indexOf("function Assert-NotFrozen"),
      text.indexOf("function New-RegistryEntry"),
    );
    const frozenBranch = fn.slice(fn.indexOf("if ($p.Frozen -eq $true)"), fn.indexOf("if (-not $Force)"));
    expect(frozenBranch).toContain("Stop-WithMessage");
    expect(frozenBranch).not.toContain("Force");
    expect(frozenBranch).toMatch(/Vi \('Máy đang được đóng băng/);
  });

  it("on Home, a policy value never passes: Test-RegistryRow asks Test-PolicyIgnoredHere before reading the registry", () => {
    const text = String(bundles[0]?.out.files.get("Test-Baseline.ps1"));
    const fn = text.slice(
      text.indexOf("function Test-RegistryRow"),
      text.indexOf("function Get-OwnedValueNames"),
    );
    expect(fn.indexOf("Test-PolicyIgnoredHere")).toBeGreaterThan(0);
    expect(fn.indexOf("Test-PolicyIgnoredHere")).toBeLessThan(fn.indexOf("Get-RegistryState"));
    expect(fn).toMatch(/-Status 'fail' -Label \$label -Observed \('not supported on this edition/);
    expect(main(text)).toContain("$Script:MachineOs = $machineOs");
  });

  it("the data carries the supported-release probe, and where a group runs third-party anti-malware the Security Center probe", () => {
    // One bundle per role and anti-malware kind: parsing every script takes minutes.
    const sample = new Map<string, WindowsBundle>();
    for (const b of bundles) sample.set(`${b.spec.role}/${b.spec.groups.some((g) => g.antiMalware)}`, b);
    expect([...sample.keys()].some((k) => k.endsWith("/true"))).toBe(true);
    for (const b of sample.values()) {
      const rows = readDataTable(parsePowerShell(String(b.out.files.get("Test-Baseline.ps1"))))
        .Settings as Row[];
      expect(rows.filter((r) => r.Check === "os-supported").length, b.spec.id).toBe(1);
      const third = b.spec.groups.some((g) => g.antiMalware);
      expect(
        rows.some((r) => r.Check === "security-center-antivirus"),
        b.spec.id,
      ).toBe(third);
    }
  });
});
