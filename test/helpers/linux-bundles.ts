/**
 * Test inventories and Linux bundles: a small province whose units have Debian 12
 * machines of every role, built from the real schemas (so defaults apply as they
 * would from YAML), and the emitter's output written to a directory.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { z } from "zod";
import { type BundleSpec, bundleSpecs } from "../../baselines/bundle-spec.js";
import type { EmittedBundle } from "../../baselines/emit/emitter.js";
import { linuxEmitter } from "../../baselines/emit/linux/index.js";
import { bundleHash } from "../../baselines/generate.js";
import { Datacentre, type Inventory, type MachineRole, Province, Unit } from "../../model/inventory.js";

/** A unit as written in YAML (before the schema fills defaults). */
export type UnitInput = z.input<typeof Unit>;

const PROVINCE = Province.parse({
  id: "test-province",
  name: "Tỉnh thử nghiệm",
  plans: ["HY-EDU"],
  asOf: "2026-11-20",
  department: "test-so",
});
const DATACENTRE = Datacentre.parse({
  id: "test-dc",
  name: "Trung tâm dữ liệu thử",
  owner: "test-so",
  level: 3,
  hosts: [{ id: "dc-host", endpoint: "unix:///var/run/docker.sock" }],
  zones: [{ id: "app", kind: "app", subnet: "10.10.0.0/24" }],
  backup: {
    schedule: "0 1 * * *",
    keep: { daily: 7, weekly: 4, monthly: 6 },
    offline: { path: "/srv/offline", schedule: "0 3 * * 0" },
    restoreDrill: "0 5 1 * *",
  },
  monitoring: {
    provincialSoc: { host: "soc.example.vn", port: 6514, protocol: "syslog-tcp" },
    nationalSoc: { host: "nsoc.example.vn", port: 6514, protocol: "syslog-tcp" },
  },
});

/**
 * An inventory of these units, validated by the real schema. `tweak` may then change
 * the parsed units, e.g. to put strings the schema would refuse (a 500-character name)
 * in front of the emitter, which must cope with any string.
 */
export function testInventory(units: UnitInput[], tweak: (unit: Unit) => void = () => {}): Inventory {
  const parsed = units.map((u) => Unit.parse(u));
  parsed.forEach(tweak);
  return {
    province: PROVINCE,
    datacentre: DATACENTRE,
    units: parsed,
    systems: [],
    staff: [],
    budgets: [],
    vendors: [],
    trainings: [],
    incidents: [],
  };
}

/** A unit with one Debian 12 group of the role (and an SSH admin network, a syslog endpoint). */
export function debianUnit(role: MachineRole, overrides: Partial<UnitInput> = {}): UnitInput {
  return {
    id: `test-${role}`,
    name: `Trường thử nghiệm (${role})`,
    type: "upper-secondary",
    level: 2,
    machines: [{ role, os: "debian-12", count: 3, hosts: [{ name: "attt-test-host" }] }],
    network: { remoteAdminFrom: ["10.70.40.0/24"], logTo: "soc.example.vn:6514" },
    ...overrides,
  };
}

export interface TestBundle {
  spec: BundleSpec;
  emitted: EmittedBundle;
  hash: string;
}

export function linuxBundle(unit: UnitInput, role: MachineRole, tweak?: (unit: Unit) => void): TestBundle {
  const specs = bundleSpecs(testInventory([unit], tweak), { os: "linux", role });
  const spec = specs[0];
  if (!spec) throw new Error(`no Linux ${role} bundle for unit ${unit.id}`);
  const hash = bundleHash(spec);
  const emitted = linuxEmitter(spec, {
    generator: "attt-kit test",
    generatedAt: "2026-11-20T00:00:00+07:00",
    bundleHash: hash,
  });
  return { spec, emitted, hash };
}

export function writeBundle(dir: string, emitted: EmittedBundle): string {
  for (const [rel, content] of emitted.files) {
    const target = join(dir, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    chmodSync(target, emitted.executables.has(rel) ? 0o755 : 0o644);
  }
  return dir;
}

export function fileText(emitted: EmittedBundle, rel: string): string {
  const content = emitted.files.get(rel);
  if (content === undefined) throw new Error(`bundle has no ${rel}`);
  return typeof content === "string" ? content : Buffer.from(content).toString("utf8");
}
