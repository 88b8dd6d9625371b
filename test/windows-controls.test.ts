// The Windows controls: every file is in the index, every control links to plan
// requirements that exist, and the values follow the level and role as documented.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import type { Control, ControlContext } from "../baselines/control.js";
import { windowsControls } from "../baselines/controls/win/index.js";
import { ra4, rdpFirewallRule } from "../baselines/controls/win/remote-rdp.js";
import { wsusServerValue } from "../baselines/controls/win/update-automatic.js";
import { planWindowsSettings, securityOptionPath } from "../baselines/emit/windows/settings-plan.js";
import type { RegistrySetting, SeceditSetting, Setting } from "../baselines/settings.js";
import { regDword } from "../baselines/settings.js";
import type { Level, MachineGroup, MachineRole, Unit } from "../model/inventory.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";

const WIN_DIR = join(packageRoot, "baselines", "controls", "win");
const byId = new Map(windowsControls.map((c) => [c.id, c]));
const control = (id: string): Control => {
  const c = byId.get(id);
  if (!c) throw new Error(`no control ${id}`);
  return c;
};

function ctx(
  role: MachineRole,
  level: Level,
  opts: { groups?: Partial<MachineGroup>[]; network?: Partial<Unit["network"]> } = {},
): ControlContext {
  const groups: MachineGroup[] = (opts.groups ?? [{}]).map((g) => ({
    role,
    os: "windows-11",
    count: 1,
    hosts: [],
    ...g,
  }));
  const unit: Unit = {
    id: "test-unit",
    name: "Trường thử",
    type: "upper-secondary",
    level,
    machines: groups,
    network: { remoteAdminFrom: [], ...opts.network },
  };
  return { os: "windows", role, level, unit, groups, inventory: undefined as never };
}

const secedit = (settings: Setting[], key: string) =>
  (settings.find((s) => s.kind === "secedit" && s.key === key) as SeceditSetting | undefined)?.value;
const reg = (settings: Setting[], name: string) =>
  (settings.find((s) => s.kind === "registry" && s.name === name) as RegistrySetting | undefined)?.data;

describe("Windows control catalogue", () => {
  it("lists every control file of baselines/controls/win in the index", async () => {
    const files = readdirSync(WIN_DIR).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    expect(files.length).toBe(windowsControls.length);
    for (const f of files) {
      const mod = (await import(pathToFileURL(join(WIN_DIR, f)).href)) as { default?: Control };
      expect(mod.default, f).toBeDefined();
      expect(windowsControls, f).toContain(mod.default);
    }
  });

  it("every control names plan requirements that exist in the catalogue, and is fully described", () => {
    const cat = bundledCatalogue();
    expect(new Set(windowsControls.map((c) => c.id)).size).toBe(windowsControls.length);
    for (const c of windowsControls) {
      expect(c.id, c.id).toMatch(/^win\.[a-z0-9-]+\.[a-z0-9-]+$/);
      expect(c.requirements.length, c.id).toBeGreaterThan(0);
      for (const r of c.requirements) expect(cat.requirements.has(r), `${c.id} -> ${r}`).toBe(true);
      for (const t of [c.title.vi, c.title.en, c.rationale.vi, c.rationale.en])
        expect(t.length, c.id).toBeGreaterThan(5);
      expect(c.rationale.vi, c.id).toMatch(/[àáảãạăâđêôơưệềếọốờớụủứừ]/i);
      expect(Object.keys(c.references).length, c.id).toBeGreaterThan(0);
      expect(c.appliesTo.os).toEqual(["windows"]);
    }
  });

  it("every control gives settings for every role and level it applies to, without conflicts", () => {
    for (const role of ["office", "teacher", "lab", "classified"] as const) {
      for (const level of [1, 2, 3, 4] as const) {
        const resolved = windowsControls
          .filter((c) => c.appliesTo.roles.includes(role))
          .map((c) => ({
            control: c,
            settings: c.settings(
              ctx(role, level, { network: { wsus: "https://wsus:8531", remoteAdminFrom: ["10.0.0.0/24"] } }),
            ),
          }));
        expect(() => planWindowsSettings(resolved), `${role} level ${level}`).not.toThrow();
      }
    }
  });
});

describe("Windows control values", () => {
  it("passwords: 14 characters everywhere; history 24; maximum age 60 days from level 3, 365 below", () => {
    for (const level of [1, 2, 3, 4] as const) {
      expect(
        secedit(control("win.password.min-length").settings(ctx("lab", level)), "MinimumPasswordLength"),
      ).toBe(14);
      expect(
        secedit(control("win.password.history").settings(ctx("office", level)), "PasswordHistorySize"),
      ).toBe(24);
      expect(
        secedit(control("win.password.max-age").settings(ctx("office", level)), "MaximumPasswordAge"),
      ).toBe(level >= 3 ? 60 : 365);
    }
  });

  it("lockout: 10 at levels 1-2, 5 from level 3 and on classified machines, 10 on lab machines", () => {
    const threshold = (role: MachineRole, level: Level) =>
      secedit(control("win.account.lockout").settings(ctx(role, level)), "LockoutBadCount");
    expect(threshold("office", 2)).toBe(10);
    expect(threshold("office", 3)).toBe(5);
    expect(threshold("teacher", 3)).toBe(5);
    expect(threshold("lab", 3)).toBe(10);
    expect(threshold("classified", 1)).toBe(5);
    const s = control("win.account.lockout").settings(ctx("office", 2));
    expect(Number(secedit(s, "ResetLockoutCount"))).toBeLessThanOrEqual(
      Number(secedit(s, "LockoutDuration")),
    );
  });

  it("renames the built-in Administrator per unit and role, and never disables it", () => {
    const a = secedit(
      control("win.account.admin-renamed").settings(ctx("office", 2)),
      "NewAdministratorName",
    );
    const b = secedit(control("win.account.admin-renamed").settings(ctx("lab", 2)), "NewAdministratorName");
    expect(a).toMatch(/^qtv-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    for (const c of windowsControls) {
      for (const role of c.appliesTo.roles)
        expect(secedit(c.settings(ctx(role, 3)), "EnableAdminAccount"), c.id).toBeUndefined();
    }
    expect(control("win.account.admin-renamed").rationale.en).toMatch(/NOT disabled.*no domain/s);
  });

  it("anti-malware: Defender by default; an approved product in Security Center, and its licence, where the inventory names one", () => {
    const defender = control("win.antimalware.present").settings(ctx("office", 2));
    expect(defender).toEqual([{ kind: "check", check: "defender-realtime" }]);
    expect(control("win.defender.realtime").settings(ctx("office", 2)).length).toBeGreaterThan(0);
    expect(reg(control("win.defender.pua").settings(ctx("office", 2)), "PUAProtection")).toBe(1);

    const kes = { product: "Kaspersky Endpoint Security 12", licensedUntil: "2027-06-30", service: "AVP" };
    const third = ctx("office", 2, { groups: [{ antiMalware: kes }] });
    // Security Center is asked for the product, not one service name.
    expect(control("win.antimalware.present").settings(third)).toEqual([
      {
        kind: "check",
        check: "security-center-antivirus",
        product: kes.product,
        licensedUntil: kes.licensedUntil,
      },
    ]);
    expect(control("win.defender.realtime").settings(third)).toEqual([]);
    expect(control("win.defender.pua").settings(third)).toEqual([]);

    // Groups with and without a product in one bundle: both are accepted alternatives.
    const mixed = control("win.antimalware.present").settings(
      ctx("office", 2, { groups: [{ antiMalware: kes }, {}] }),
    );
    expect(mixed.map((s) => (s.kind === "check" ? s.check : s.kind)).sort()).toEqual([
      "defender-realtime",
      "security-center-antivirus",
    ]);
  });

  it("RDP: off without admin networks and always on classified machines; otherwise on with NLA and a scoped rule", () => {
    const rdp = control("win.remote.rdp");
    expect(reg(rdp.settings(ctx("office", 2)), "fDenyTSConnections")).toBe(1);
    expect(
      reg(
        rdp.settings(ctx("classified", 3, { network: { remoteAdminFrom: ["10.1.0.0/16"] } })),
        "fDenyTSConnections",
      ),
    ).toBe(1);
    const on = rdp.settings(
      ctx("teacher", 2, { network: { remoteAdminFrom: ["10.1.0.0/16", "192.168.5.7/32"] } }),
    );
    expect(reg(on, "fDenyTSConnections")).toBe(0);
    expect(reg(on, "UserAuthentication")).toBe(1);
    expect(reg(on, "attt-kit-rdp-in")).toBe(rdpFirewallRule(["10.1.0.0/16", "192.168.5.7/32"]));
    expect(String(reg(on, "attt-kit-rdp-in"))).toContain("|RA4=10.1.0.0/255.255.0.0|RA4=192.168.5.7|");
    expect(ra4("0.0.0.0/0")).toBe("0.0.0.0/0.0.0.0");
    expect(ra4("010.1.2.0/24")).toBe("10.1.2.0/255.255.255.0");
    expect(() => ra4("10.0.0.0/33")).toThrow();
    expect(() => ra4("10.0.0.0/8|Action=Allow")).toThrow();
  });

  it("Windows Update: automatic everywhere but classified, through WSUS where the inventory names one", () => {
    const wu = control("win.update.automatic");
    expect(wu.appliesTo.roles).not.toContain("classified");
    expect(reg(wu.settings(ctx("office", 2)), "WUServer")).toBeUndefined();
    const withWsus = wu.settings(ctx("office", 2, { network: { wsus: "https://wsus.hy.edu.vn:8531/" } }));
    expect(reg(withWsus, "WUServer")).toBe("https://wsus.hy.edu.vn:8531");
    expect(reg(withWsus, "UseWUServer")).toBe(1);
    expect(wsusServerValue("https://w.example/a b/?q=1#x")).toBe("https://w.example/a%20b");
  });

  it("screen lock: 15 minutes at levels 1-2, 10 from level 3, 5 on classified machines", () => {
    const secs = (role: MachineRole, level: Level) =>
      reg(control("win.session.screen-lock").settings(ctx(role, level)), "InactivityTimeoutSecs");
    expect(secs("office", 2)).toBe(900);
    expect(secs("office", 3)).toBe(600);
    expect(secs("classified", 3)).toBe(300);
  });

  it("classified: registered drives only, by USB device and disk ID, union over the bundle's hosts, sorted; no list without IDs", () => {
    const usb = control("win.classified.removable-storage");
    const none = usb.settings(
      ctx("classified", 3, { groups: [{ hosts: [{ name: "a", approvedUsb: [] }] }] }),
    );
    expect(reg(none, "Deny_All")).toBe(1);
    expect(none.some((s) => s.kind === "registry" && s.key.endsWith("AllowInstanceIDs"))).toBe(false);
    const two = usb.settings(
      ctx("classified", 3, {
        groups: [
          {
            hosts: [
              { name: "a", approvedUsb: [{ device: "USB\\VID_B\\1", disk: "USBSTOR\\B\\1&0" }] },
              {
                name: "b",
                approvedUsb: [
                  { device: "USB\\VID_A\\2", disk: "USBSTOR\\A\\2&0" },
                  { device: "USB\\VID_B\\1", disk: "USBSTOR\\B\\1&0" },
                ],
              },
            ],
          },
        ],
      }),
    );
    const list = two.filter(
      (s): s is RegistrySetting => s.kind === "registry" && s.key.endsWith("\\AllowInstanceIDs"),
    );
    expect(list.map((s) => [s.name, s.data])).toEqual([
      ["**delvals.", " "],
      // Both IDs of each drive: its USB device (the node the removable-device deny refuses) and its disk.
      ["1", "USBSTOR\\A\\2&0"],
      ["2", "USBSTOR\\B\\1&0"],
      ["3", "USB\\VID_A\\2"],
      ["4", "USB\\VID_B\\1"],
    ]);
    expect(reg(two, "Deny_All")).toBeUndefined();
    expect(reg(two, "AllowDenyLayered")).toBe(1);
  });

  it("classified wireless: Bluetooth and (as on every machine) FireWire denied retroactively in their own list key, Bluetooth probed live; no value shared with removable storage", () => {
    const restrictions = "SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions";
    const wireless = control("win.classified.wireless-off").settings(ctx("classified", 3));
    const device = (s: Setting[]) =>
      s.filter((x): x is RegistrySetting => x.kind === "registry" && x.key.startsWith(restrictions));
    expect(device(wireless).map((s) => [s.key.slice(restrictions.length), s.name, s.type, s.data])).toEqual([
      ["", "DenyDeviceClasses", "REG_DWORD", 1],
      ["", "DenyDeviceClassesRetroactive", "REG_DWORD", 1],
      ["\\DenyDeviceClasses", "**delvals.", "REG_SZ", " "],
      [
        "\\DenyDeviceClasses",
        "{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}",
        "REG_SZ",
        "{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}",
      ],
      [
        "\\DenyDeviceClasses",
        "{d48179be-ec20-11d1-b6b8-00c04fa372a7}",
        "REG_SZ",
        "{d48179be-ec20-11d1-b6b8-00c04fa372a7}",
      ],
    ]);
    // The DMA control writes the very same list on a classified machine (no conflict), and
    // FireWire alone elsewhere: the class Microsoft's baseline denies is never dropped.
    const dma = control("win.device.dma-protection");
    expect(device(dma.settings(ctx("classified", 3)))).toEqual(device(wireless));
    // Elsewhere the list is merged, never cleared: FireWire is added under its own GUID as the
    // value name, so an administrator's numbered entries (1, 2, ...) are neither dropped nor replaced.
    expect(
      device(dma.settings(ctx("office", 2)))
        .filter((s) => s.key.endsWith("\\DenyDeviceClasses"))
        .map((s) => [s.name, s.data]),
    ).toEqual([["{d48179be-ec20-11d1-b6b8-00c04fa372a7}", "{d48179be-ec20-11d1-b6b8-00c04fa372a7}"]]);
    expect(wireless.filter((s) => s.kind === "check")).toEqual([
      {
        kind: "check",
        check: "device-class-off",
        classGuid: "{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}",
        className: "Bluetooth",
      },
    ]);
    // Both controls on one bundle: no value named twice, and each `**delvals.` clears a list
    // key only its own control writes (never the shared Restrictions key).
    for (const approvedUsb of [[], [{ device: "USB\\VID_A\\2", disk: "USBSTOR\\A\\2&0" }]]) {
      const c = ctx("classified", 3, { groups: [{ hosts: [{ name: "a", approvedUsb }] }] });
      const storage = device(control("win.classified.removable-storage").settings(c));
      const names = [...storage, ...device(wireless)].map((s) => `${s.key}\\${s.name}`.toUpperCase());
      expect(new Set(names).size).toBe(names.length);
      for (const own of [storage, device(wireless)]) {
        const other = own === storage ? device(wireless) : storage;
        for (const clear of own.filter((s) => s.name === "**delvals.")) {
          expect(clear.key).not.toBe(restrictions);
          expect(other.some((s) => s.key.toUpperCase() === clear.key.toUpperCase())).toBe(false);
        }
      }
      expect(() =>
        planWindowsSettings([
          { control: control("win.classified.removable-storage"), settings: storage },
          { control: control("win.classified.wireless-off"), settings: wireless },
        ]),
      ).not.toThrow();
    }
  });

  it("firewall: Test probes the live firewall, outbound blocked only on classified machines", () => {
    const probe = (id: string, role: MachineRole) =>
      control(id)
        .settings(ctx(role, 2))
        .filter((s) => s.kind === "check");
    for (const role of ["office", "teacher", "lab", "classified"] as const)
      expect(probe("win.firewall.profiles-on", role)).toEqual([
        { kind: "check", check: "firewall-active", outbound: "any" },
      ]);
    expect(probe("win.classified.firewall-block-all", "classified")).toEqual([
      { kind: "check", check: "firewall-active", outbound: "block" },
    ]);
  });
});

describe("settings plan", () => {
  it("puts Security Options in GptTmpl and every other registry value in registry.pol", () => {
    expect(
      securityOptionPath({ key: "SYSTEM\\CurrentControlSet\\Control\\Lsa", name: "LmCompatibilityLevel" }),
    ).toBe("System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel");
    expect(
      securityOptionPath({
        key: "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System",
        name: "InactivityTimeoutSecs",
      }),
    ).toBe("Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\InactivityTimeoutSecs");
    expect(
      securityOptionPath({
        key: "system\\currentcontrolset\\control\\lsa",
        name: "scenoapplylegacyauditpolicy",
      }),
    ).toBe("System\\CurrentControlSet\\Control\\Lsa\\SCENoApplyLegacyAuditPolicy");
    expect(
      securityOptionPath({ key: "SYSTEM\\CurrentControlSet\\Services\\mrxsmb10", name: "Start" }),
    ).toBeUndefined();
    expect(
      securityOptionPath({
        key: "SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient",
        name: "EnableMulticast",
      }),
    ).toBeUndefined();
  });

  it("merges identical settings, ORs audit values and refuses two controls that disagree", () => {
    const a = { ...control("win.network.llmnr-off"), id: "win.test.a" };
    const b = { ...control("win.network.llmnr-off"), id: "win.test.b" };
    const same = regDword("SOFTWARE\\X", "V", 1);
    expect(
      planWindowsSettings([
        { control: a, settings: [same] },
        { control: b, settings: [{ ...same }] },
      ]).registry,
    ).toHaveLength(1);
    expect(() =>
      planWindowsSettings([
        { control: a, settings: [same] },
        { control: b, settings: [regDword("software\\x", "v", 2)] },
      ]),
    ).toThrow(/win\.test\.a and win\.test\.b set HKLM/);
    const guid = "{0cce9215-69ae-11d9-bed3-505054503030}";
    const merged = planWindowsSettings([
      { control: a, settings: [{ kind: "audit", subcategory: "Logon", guid, value: 1 }] },
      { control: b, settings: [{ kind: "audit", subcategory: "Logon", guid, value: 2 }] },
    ]);
    expect(merged.audit).toEqual([{ kind: "audit", subcategory: "Logon", guid, value: 3 }]);
    // The scripts' plan: one entry per merged setting, naming every control that asks for it
    // (sorted), with the merged value and, as they differ, each control's own; the runtime
    // only reads it.
    expect(merged.settings).toEqual([
      {
        kind: "audit",
        setting: { kind: "audit", subcategory: "Logon", guid, value: 3 },
        controls: ["win.test.a", "win.test.b"],
        wants: [
          { control: "win.test.a", value: 1 },
          { control: "win.test.b", value: 2 },
        ],
      },
    ]);
    const shared = planWindowsSettings([
      { control: b, settings: [same, regDword("SOFTWARE\\X", "W", 0)] },
      { control: a, settings: [{ ...same }] },
    ]);
    expect(shared.settings.map((p) => [p.kind, (p.setting as { name: string }).name, p.controls])).toEqual([
      ["registry", "V", ["win.test.a", "win.test.b"]],
      ["registry", "W", ["win.test.b"]],
    ]);
  });

  it("every demo bundle's data table has one row per merged setting, and every control's settings are in rows naming it", () => {
    const inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
    for (const spec of bundleSpecs(inventory, { os: "windows" })) {
      const plan = planWindowsSettings(spec.controls);
      const ids = plan.settings.map((p) => JSON.stringify([p.kind, p.setting]));
      expect(new Set(ids).size, spec.id).toBe(ids.length);
      for (const { control, settings } of spec.controls) {
        const mine = plan.settings.filter((p) => p.controls.includes(control.id));
        // As many rows as distinct settings the control declares (an audit value may be merged up).
        const distinct = new Set(
          settings.map((s) => JSON.stringify(s.kind === "audit" ? [s.kind, s.guid] : s)),
        );
        expect(mine.length, `${spec.id} ${control.id}`).toBe(distinct.size);
      }
    }
  });
});
