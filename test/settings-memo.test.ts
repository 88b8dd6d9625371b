/**
 * bundleSpecs computes each control's settings once per distinct input it reads
 * (baselines/settings-memo.ts). A wrong key would give a bundle another bundle's settings,
 * and a machine a wrong verdict: so the memoized specs and hashes must equal the ones
 * computed bundle by bundle, on the demo and on a province whose units differ in every
 * fact a control reads, and the hash must be the bytes it always was.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BundleSpec, bundleSpecs } from "../baselines/bundle-spec.js";
import { type ControlContext, defineControl } from "../baselines/control.js";
import { bundleHash } from "../baselines/generate.js";
import { SettingsMemo } from "../baselines/settings-memo.js";
import { prng } from "../bench/prng.js";
import type { Inventory, MachineRole, OperatingSystem } from "../model/inventory.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";
import { testInventory, type UnitInput } from "./helpers/linux-bundles.js";

/** The hash as it was written before the memo: one JSON of the whole bundle, licence dates dropped. */
function hashAsBefore(spec: BundleSpec): string {
  const controls = spec.controls.map((c) => ({ id: c.control.id, settings: c.settings }));
  const drop = (key: string, value: unknown) => (key === "licensedUntil" ? undefined : value);
  const text = JSON.stringify({ id: spec.id, controls }, drop);
  return createHash("sha256").update(text).digest("hex");
}

const CA = `-----BEGIN CERTIFICATE-----\n${"A".repeat(64)}\n${"B".repeat(12)}==\n-----END CERTIFICATE-----\n`;
const OSES: OperatingSystem[] = ["windows-10", "windows-11", "ubuntu-22.04", "ubuntu-24.04", "debian-12"];
const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified", "server"];

/** Units drawn from every value a control's settings may read, several groups per bundle. */
function variedProvince(units: number, seed = 11): Inventory {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const maybe = <T>(p: number, value: () => T): T | undefined => (rand() < p ? value() : undefined);
  const out: UnitInput[] = [];
  for (let u = 1; u <= units; u++) {
    const id = `vary-${String(u).padStart(3, "0")}`;
    const machines = Array.from({ length: 2 + Math.floor(rand() * 6) }, (_, g) => {
      const role = pick(ROLES);
      const os = pick(OSES);
      const named = Math.floor(rand() * 3);
      return {
        role,
        os,
        count: named + Math.floor(rand() * 3),
        hosts: Array.from({ length: named }, (_, h) => ({
          name: `${id}-g${g}-${h}`,
          approvedUsb:
            maybe(0.5, () => [
              {
                device: `USB\\VID_0781&PID_55${pick(["81", "83"])}\\${pick(["4C53", "4C54"])}`,
                disk: `USBSTOR\\Disk&Ven_SanDisk&Prod_Ultra&Rev_1.00\\${pick(["4C53", "4C54"])}&0`,
              },
            ]) ?? [],
        })),
        antiMalware: maybe(0.3, () => ({
          product: pick(["Kaspersky Endpoint Security", "Bkav Pro"]),
          licensedUntil: pick(["2026-12-31", "2027-12-31"]),
          service: pick(["avp", "BkavService"]),
        })),
        firewall: maybe(0.2, () => ({ product: pick(["Kaspersky Firewall", "Bkav Firewall"]) })),
        domainJoined: maybe(0.4, () => rand() < 0.5),
        memoryIntegrity: maybe(0.4, () => rand() < 0.5),
        extendedUpdatesUntil:
          os === "windows-10" ? maybe(0.5, () => pick(["2026-10-13", "2027-10-12"])) : undefined,
        sharedData: role === "server" ? rand() < 0.5 : undefined,
      };
    });
    out.push({
      id,
      name: `Đơn vị thử ${u}`,
      type: "upper-secondary",
      level: 1 + Math.floor(rand() * 5),
      machines,
      network: {
        remoteAdminFrom: pick([[], ["10.70.40.0/24"], ["10.70.40.0/24", "10.80.0.0/16"], ["10.80.0.0/16"]]),
        wsus: maybe(0.3, () => pick(["https://wsus.example:8531", "https://wsus2.example:8531"])),
        logTo: maybe(0.6, () => pick(["soc.example.vn:6514", "soc2.example.vn:6514"])),
        logCa: maybe(0.3, () => CA),
      },
    });
  }
  return testInventory(out);
}

function expectSameAsComputedOneByOne(inventory: Inventory): BundleSpec[] {
  const memoized = bundleSpecs(inventory);
  const plain = bundleSpecs(inventory, {}, undefined, { memo: false });
  expect(memoized.map((s) => s.id)).toEqual(plain.map((s) => s.id));
  memoized.forEach((spec, i) => {
    const one = plain[i] as BundleSpec;
    expect(spec.controls.map((c) => c.control.id)).toEqual(one.controls.map((c) => c.control.id));
    expect(spec.controls.map((c) => c.settings)).toEqual(one.controls.map((c) => c.settings));
    const hash = bundleHash(spec);
    expect(hash).toBe(bundleHash(one));
    expect(hash).toBe(hashAsBefore(one));
  });
  return memoized;
}

/** How many different settings each control has across the specs (by their JSON). */
function distinctSettings(specs: BundleSpec[]): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  for (const s of specs)
    for (const c of s.controls) {
      const set = seen.get(c.control.id) ?? new Set<string>();
      set.add(JSON.stringify(c.settings));
      seen.set(c.control.id, set);
    }
  return new Map([...seen].map(([id, set]) => [id, set.size]));
}

describe("bundle specs with the settings memo", () => {
  it("are the demo's specs and hashes, computed bundle by bundle", () => {
    const { inventory } = loadInventory(join(packageRoot, "examples", "demo-province"));
    const specs = expectSameAsComputedOneByOne(inventory);
    expect(specs.length).toBeGreaterThan(50);
  });

  it("are a varied province's specs and hashes: every fact a control reads differs between units", () => {
    const inventory = variedProvince(150);
    const specs = expectSameAsComputedOneByOne(inventory);
    const distinct = distinctSettings(specs);
    // The province does exercise what the controls read: these differ between bundles.
    for (const id of [
      "win.account.admin-renamed", // unit ID
      "win.antimalware.present", // product, service
      "win.remote.rdp", // remote-admin networks
      "win.classified.removable-storage", // approved USB drives of each host
      "linux.logging.forward", // logTo, logCa
      "linux.firewall.default-deny-inbound", // remote-admin networks, role
    ])
      expect(distinct.get(id) ?? 0, id).toBeGreaterThan(1);
    // And memoized settings are shared: one object per distinct set of values read (two of
    // which may give equal settings), far fewer than one per bundle and control.
    const all = specs.flatMap((s) => s.controls.map((c) => c.settings));
    const objects = new Set(all).size;
    expect(objects).toBeGreaterThanOrEqual([...distinct.values()].reduce((a, b) => a + b, 0));
    expect(objects).toBeLessThan(all.length / 2);
  });

  it("tells apart contexts that differ only deep inside, and shares the rest", () => {
    const memo = new SettingsMemo();
    const control = defineControl({
      id: "win.test.deep-read",
      title: { vi: "thử", en: "test" },
      rationale: { vi: "thử", en: "test" },
      severity: "low",
      requirements: ["HY-EDU-T3"],
      references: {},
      appliesTo: { os: ["windows"], roles: ["classified"] },
      settings: (ctx) =>
        ctx.groups
          .flatMap((g) => g.hosts)
          .flatMap((h) => h.approvedUsb)
          .map(
            (d) => ({ kind: "registry", key: "K", name: d.disk, type: "REG_SZ", data: d.device }) as const,
          ),
    });
    const usb = (serial: string) => ({
      device: `USB\\VID_0781&PID_5581\\${serial}`,
      disk: `USBSTOR\\Disk&Ven_SanDisk\\${serial}&0`,
    });
    const inventory = testInventory(
      ["A1", "A1", "B2"].map((serial, i) => ({
        id: `deep-${i}`,
        name: `Đơn vị ${i}`,
        type: "upper-secondary",
        machines: [
          {
            role: "classified",
            os: "windows-11",
            count: 1,
            hosts: [{ name: "h", approvedUsb: [usb(serial)] }],
          },
        ],
      })),
    );
    const results = inventory.units.map((unit) =>
      memo.resolve(control, {
        os: "windows",
        role: "classified",
        level: unit.level,
        unit,
        groups: unit.machines,
        inventory,
      }),
    );
    expect(results.map((r) => (r.settings[0] as { name: string }).name)).toEqual([
      "USBSTOR\\Disk&Ven_SanDisk\\A1&0",
      "USBSTOR\\Disk&Ven_SanDisk\\A1&0",
      "USBSTOR\\Disk&Ven_SanDisk\\B2&0",
    ]);
    expect(results[1]).toBe(results[0]);
    expect(results[2]).not.toBe(results[0]);
  });

  it("keeps each control's ID in the hash when two controls give the very same settings object", () => {
    const shared = [{ kind: "service", name: "RemoteRegistry", startup: "disabled" } as const];
    const control = (id: string) =>
      defineControl({
        id,
        title: { vi: "thử", en: "test" },
        rationale: { vi: "thử", en: "test" },
        severity: "low",
        requirements: ["HY-EDU-T3"],
        references: {},
        appliesTo: { os: ["windows"], roles: ["office"] },
        settings: () => shared,
      });
    const inventory = testInventory([
      {
        id: "shared-0",
        name: "Đơn vị 0",
        type: "upper-secondary",
        machines: [{ role: "office", os: "windows-11", count: 1 }],
      },
    ]);
    const [spec] = bundleSpecs(inventory, {}, [control("win.test.first"), control("win.test.second")]);
    expect(spec?.controls.map((c) => c.control.id)).toEqual(["win.test.first", "win.test.second"]);
    expect(bundleHash(spec as BundleSpec)).toBe(hashAsBefore(spec as BundleSpec));
  });

  it("refuses a control that changes its context", () => {
    const inventory = variedProvince(1);
    const unit = inventory.units[0] as Inventory["units"][number];
    const ctx = {
      os: "windows",
      role: "office",
      level: unit.level,
      unit,
      groups: unit.machines,
      inventory,
    } as const;
    const mutating = (c: ControlContext) => {
      (c.unit as { level: number }).level = 9;
      return [];
    };
    expect(() => new SettingsMemo().resolve({ id: "win.test.mutates", settings: mutating }, ctx)).toThrow(
      /must not change its context/,
    );
    expect(unit.level).not.toBe(9);
  });
});
