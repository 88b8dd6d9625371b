/**
 * bundleHash is what an audit's evidence names as "the bundle I checked", and what
 * `attt check --evidence` compares to tell current evidence from outdated. So it must
 * change whenever anything a bundle sets or checks changes (every setting value of every
 * control, on Windows and Linux, for every role), and stay the same when nothing does.
 */
import { describe, expect, it } from "vitest";
import { type BundleSpec, bundleSpecs } from "../baselines/bundle-spec.js";
import { bundleHash } from "../baselines/generate.js";
import type { MachineRole } from "../model/inventory.js";
import { debianUnit, testInventory, type UnitInput } from "./helpers/linux-bundles.js";

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified", "server"];

/** Every role on Debian, and every role on Windows, each in a unit of its own. */
function units(overrides: Partial<UnitInput> = {}): UnitInput[] {
  return ROLES.flatMap((role) => [
    debianUnit(role, overrides),
    {
      ...debianUnit(role, overrides),
      id: `test-win-${role}`,
      machines: [{ role, os: "windows-11" as const, count: 2, hosts: [{ name: `win-${role}-01` }] }],
    },
  ]);
}

const specsOf = (overrides: Partial<UnitInput> = {}) => bundleSpecs(testInventory(units(overrides)));

/** The spec with its settings deep-copied, so a test may edit them. */
const copy = (spec: BundleSpec): BundleSpec => ({
  ...spec,
  controls: spec.controls.map((c) => ({ control: c.control, settings: structuredClone(c.settings) })),
});

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Every path to a value inside a setting (leaves, and arrays, which can also grow). */
function paths(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]));
  return [at];
}

/** A different value of the same kind: a string one character longer, a number plus one, an array one longer. */
function changed(value: Json): Json {
  if (typeof value === "string") return `${value}x`;
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  if (value === null) return "x";
  if (Array.isArray(value)) return [...value, "x"];
  throw new Error(`not a leaf: ${JSON.stringify(value)}`);
}

function setAt(root: Json, path: Array<string | number>, value: Json): void {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1] as string | number] = value;
}

function getAt(root: Json, path: Array<string | number>): Json {
  let node = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key] as Json;
  return node;
}

describe("bundleHash", () => {
  const specs = specsOf();

  it("covers a bundle of every role on both OS families", () => {
    expect(specs.map((s) => `${s.os}-${s.role}`).sort()).toEqual(
      expect.arrayContaining([
        ...ROLES.map((r) => `linux-${r}`),
        ...ROLES.filter((r) => r !== "server").map((r) => `windows-${r}`),
      ]),
    );
  });

  it("is the same when nothing changes: a copy of the spec, and the spec rebuilt from the same inventory", () => {
    const rebuilt = specsOf();
    expect(rebuilt.map((s) => s.id)).toEqual(specs.map((s) => s.id));
    for (const [i, spec] of specs.entries()) {
      expect(bundleHash(copy(spec)), spec.id).toBe(bundleHash(spec));
      expect(bundleHash(rebuilt[i] as BundleSpec), spec.id).toBe(bundleHash(spec));
    }
  });

  it("is different for every bundle of the province", () => {
    expect(new Set(specs.map(bundleHash)).size).toBe(specs.length);
  });

  it("changes when any value of any setting changes", () => {
    let checked = 0;
    const missed: string[] = [];
    for (const spec of specs) {
      const before = bundleHash(spec);
      for (const [ci, rc] of spec.controls.entries()) {
        for (const [si, setting] of rc.settings.entries()) {
          for (const path of paths(setting as unknown as Json)) {
            if (path.length === 0) continue;
            const edited = copy(spec);
            const target = (edited.controls[ci] as (typeof edited.controls)[number]).settings[
              si
            ] as unknown as Json;
            setAt(target, path, changed(getAt(target, path)));
            checked++;
            if (bundleHash(edited) === before)
              missed.push(`${spec.id} ${rc.control.id} [${si}].${path.join(".")}`);
          }
        }
      }
    }
    expect(missed).toEqual([]);
    // Hundreds of values: the walk really went through the settings.
    expect(checked).toBeGreaterThan(500);
  });

  it("changes when a setting is added, removed or a control is renamed", () => {
    for (const spec of specs) {
      const before = bundleHash(spec);
      const first = spec.controls[0];
      if (!first) throw new Error(`${spec.id} has no control`);

      const added = copy(spec);
      added.controls[0]?.settings.push(structuredClone(first.settings[0]) as (typeof first.settings)[number]);
      expect(bundleHash(added), `${spec.id}: a setting added`).not.toBe(before);

      const removed = copy(spec);
      removed.controls[0]?.settings.pop();
      expect(bundleHash(removed), `${spec.id}: a setting removed`).not.toBe(before);

      const dropped = copy(spec);
      dropped.controls.pop();
      expect(bundleHash(dropped), `${spec.id}: a control dropped`).not.toBe(before);

      const renamed = copy(spec);
      (renamed.controls[0] as (typeof renamed.controls)[number]).control = {
        ...first.control,
        id: `${first.control.id}x`,
      };
      expect(bundleHash(renamed), `${spec.id}: a control renamed`).not.toBe(before);
    }
  });

  // Inventory inputs the controls read: the hash changes exactly for the bundles whose settings change.
  const tweaks: Array<[string, Partial<UnitInput>]> = [
    ["the unit's security level", { level: 3 }],
    [
      "the remote-admin network",
      { network: { remoteAdminFrom: ["10.99.0.0/24"], logTo: "soc.example.vn:6514" } },
    ],
    [
      "the syslog endpoint",
      { network: { remoteAdminFrom: ["10.70.40.0/24"], logTo: "soc2.example.vn:6514" } },
    ],
  ];
  it.each(tweaks)(
    "changes for exactly the bundles whose settings change when %s changes",
    (_name, overrides) => {
      const after = specsOf(overrides);
      expect(after.map((s) => s.id)).toEqual(specs.map((s) => s.id));
      let affected = 0;
      for (const [i, spec] of specs.entries()) {
        const other = after[i] as BundleSpec;
        const settings = (s: BundleSpec) => JSON.stringify(s.controls.map((c) => [c.control.id, c.settings]));
        const settingsDiffer = settings(spec) !== settings(other);
        if (settingsDiffer) affected++;
        expect(bundleHash(other) !== bundleHash(spec), spec.id).toBe(settingsDiffer);
      }
      expect(affected).toBeGreaterThan(0);
    },
  );
});

describe("bundleHash and the anti-malware licence", () => {
  const withLicence = (licence: { product: string; licensedUntil: string; service: string }) =>
    bundleSpecs(
      testInventory([
        {
          ...debianUnit("office"),
          id: "test-win-office",
          machines: [{ role: "office", os: "windows-11", count: 2, antiMalware: licence }],
        },
      ]),
    )[0] as BundleSpec;
  const kes = { product: "Kaspersky Endpoint Security 12", licensedUntil: "2026-12-31", service: "AVP" };

  it("stays the same when the licence is renewed: nothing changes on the machines", () => {
    const before = withLicence(kes);
    const renewed = withLicence({ ...kes, licensedUntil: "2028-12-31" });
    // The bundle does carry the date (its audit checks it) ...
    expect(JSON.stringify(renewed.controls)).not.toBe(JSON.stringify(before.controls));
    // ... but the machines' settings are the same, so their evidence stays current.
    expect(bundleHash(renewed)).toBe(bundleHash(before));
  });

  it("changes when the product changes; on Windows the service name is no setting (Security Center names the product)", () => {
    const before = bundleHash(withLicence(kes));
    expect(bundleHash(withLicence({ ...kes, product: "ESET Endpoint Security" }))).not.toBe(before);
    expect(bundleHash(withLicence({ ...kes, service: "ekrn" }))).toBe(before);
  });

  it("on Linux, changes when the anti-malware's service changes (the audit checks that unit)", () => {
    const linux = (service: string) =>
      bundleHash(
        bundleSpecs(
          testInventory([
            {
              ...debianUnit("office"),
              id: "test-linux-office",
              machines: [{ role: "office", os: "debian-12", count: 2, antiMalware: { ...kes, service } }],
            },
          ]),
        )[0] as BundleSpec,
      );
    expect(linux("ekrn")).not.toBe(linux("AVP"));
  });
});
