/**
 * The bundles pack reads what a school will receive. Passing fixture: the bundles
 * generated for the minimal inventory (plus a classified Windows and Linux group);
 * failing fixtures: the same bundles with one setting weakened in the generated files.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitters } from "../baselines/emit/index.js";
import { decodeGptTmpl, encodeGptTmpl } from "../baselines/emit/windows/gpttmpl-inf.js";
import { decodeRegistryPol, encodeRegistryPol } from "../baselines/emit/windows/registry-pol.js";
import { generateBundles } from "../baselines/generate.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { contextOf } from "../policies/context.js";
import type { BundlesInput } from "../policies/inputs.js";
import type { Policy } from "../policies/policy.js";
import { bundlesPack } from "../policies/rules/bundles/index.js";
import { expectVietnamese } from "./helpers/vietnamese.js";

const loaded = loadInventory(join(import.meta.dirname, "fixtures/minimal"));
const school = loaded.inventory.units[1] as (typeof loaded.inventory.units)[number];
school.machines.push(
  { role: "classified", os: "windows-11", count: 1, hosts: [] },
  { role: "classified", os: "debian-12", count: 1, hosts: [] },
);
school.machines.push({ role: "teacher", os: "ubuntu-24.04", count: 3, hosts: [] });

function bundles(): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [p, c] of generateBundles(loaded.inventory, emitters).tree)
    out.set(p, typeof c === "string" ? Buffer.from(c) : c);
  return out;
}

const input = (files: Map<string, Uint8Array>): BundlesInput => ({
  ...contextOf(loaded, bundledCatalogue()),
  files,
});
const policy = (id: string) => bundlesPack.find((p) => p.id === id) as Policy<BundlesInput>;
const pathOf = (files: Map<string, Uint8Array>, re: RegExp) =>
  [...files.keys()].find((p) => re.test(p)) as string;

const tampers: Record<string, { tamper: (f: Map<string, Uint8Array>) => void; message: RegExp }> = {
  "bundle.inventory.all-generated": {
    // A bundle the inventory calls for is simply not there (e.g. generated with --unit or --role).
    tamper: (f) => {
      for (const p of [...f.keys()]) if (/\/windows-classified\//.test(p)) f.delete(p);
    },
    message:
      /1 windows classified machine\(s\) at .*but the bundles directory has no [a-z0-9-]+\/windows-classified\/ bundle/,
  },
  "bundle.classified.network-blocked": {
    tamper: (f) => {
      const p = pathOf(f, /windows-classified\/.*registry\.pol$/);
      const entries = decodeRegistryPol(Buffer.from(f.get(p) as Uint8Array)).filter(
        (e) => !(e.value === "DefaultOutboundAction" && e.key.endsWith("PublicProfile")),
      );
      f.set(p, encodeRegistryPol(entries));
    },
    message: /PublicProfile: outbound not blocked/,
  },
  "bundle.passwords.meet-plan": {
    tamper: (f) => {
      const p = pathOf(f, /thcs-le-loi\/windows-lab\/.*GptTmpl\.inf$/);
      const doc = decodeGptTmpl(Buffer.from(f.get(p) as Uint8Array));
      doc.sections["System Access"] = (doc.sections["System Access"] ?? []).map(([k, v]) => [
        k,
        k === "MinimumPasswordLength" ? "8" : v,
      ]);
      f.set(p, encodeGptTmpl(doc));
    },
    message: /MinimumPasswordLength 8/,
  },
  "bundle.antimalware.required": {
    tamper: (f) => {
      const p = pathOf(f, /linux-teacher\/audit\.sh$/);
      f.set(
        p,
        Buffer.from(
          Buffer.from(f.get(p) as Uint8Array)
            .toString("utf8")
            .replace(/linux\.antimalware\.[a-z.-]+/g, "linux.removed"),
        ),
      );
    },
    message: /does not check anti-malware/,
  },
};

describe("bundles pack", () => {
  it("every bundles policy has a failing fixture here", () => {
    expect(bundlesPack.map((p) => p.id).sort()).toEqual(Object.keys(tampers).sort());
  });
  for (const [id, t] of Object.entries(tampers)) {
    it(`${id} passes on generated bundles`, () => {
      expect(policy(id).check(input(bundles())).findings).toEqual([]);
    });
    it(`${id} fails on a weakened bundle`, () => {
      const files = bundles();
      t.tamper(files);
      const findings = policy(id).check(input(files)).findings;
      expect(findings.map((f) => f.message).join("\n")).toMatch(t.message);
      expectVietnamese(findings);
    });
  }
  it("a missing bundle is a finding naming its unit and role, breaking what its controls serve", () => {
    const files = bundles();
    for (const p of [...files.keys()]) if (/\/windows-classified\//.test(p)) files.delete(p);
    const findings = policy("bundle.inventory.all-generated").check(input(files)).findings;
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f?.subject).toBe(`bundle ${school.id}/windows-classified`);
    expect(f?.unit).toBe(school.id);
    expect(f?.severity).toBe("critical");
    expect(f?.requirements).toEqual(expect.arrayContaining(["HY-EDU-T3", "HY-EDU-S04", "HY-PROV-09"]));
    // Every bundle gone: one finding per (unit, OS family, role) the inventory lists machines for.
    const none = policy("bundle.inventory.all-generated").check(input(new Map())).findings;
    expect(none.map((x) => x.subject).sort()).toEqual(
      [...new Set([...bundles().keys()].map((p) => /^([^/]+\/(?:windows|linux)-[a-z]+)\//.exec(p)?.[1]))]
        .filter(Boolean)
        .map((id) => `bundle ${id}`)
        .sort(),
    );
  });
  it("a Linux classified ruleset that lets anything through is caught", async () => {
    const { nftablesGaps } = await import("../policies/rules/bundles/classified-network-blocked.js");
    const files = bundles();
    const rules = Buffer.from(
      files.get(pathOf(files, /linux-classified\/files\/etc\/nftables\.conf$/)) as Uint8Array,
    ).toString("utf8");
    const gaps = (text: string) => nftablesGaps(text).map((g) => g.en);
    expect(gaps(rules)).toEqual([]);
    expect(gaps(rules.replace('oif "lo" accept', 'oif "lo" accept\n\t\ttcp dport 443 accept'))).toEqual([
      'allows "tcp dport 443 accept"',
    ]);
    expect(
      gaps(
        rules.replace(
          "hook output priority filter; policy drop;",
          "hook output priority filter; policy accept;",
        ),
      ),
    ).toContain("output policy is accept");
  });
});
