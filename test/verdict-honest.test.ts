/**
 * Over the demo verdict, with every input the demo gives (inventory, generated bundles,
 * synthesized data centre): no requirement is pass unless it names the measured inputs
 * it rests on, and generated bundle content alone never is one of them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitters } from "../baselines/emit/index.js";
import { generateBundles } from "../baselines/generate.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { checkProvince } from "../policies/check-province.js";
import { MET, UNPROVEN } from "../policies/status.js";
import { synthToDir } from "../stacks/synth.js";

describe("the demo verdict says only what it measured", async () => {
  const loaded = loadInventory(DEMO_INVENTORY);
  const dir = mkdtempSync(join(tmpdir(), "attt-honest-"));
  const bundles = join(dir, "bundles");
  for (const [rel, content] of generateBundles(loaded.inventory, emitters).tree) {
    mkdirSync(dirname(join(bundles, rel)), { recursive: true });
    writeFileSync(join(bundles, rel), content);
  }
  synthToDir(loaded.inventory, join(dir, "datacentre"));
  const v = await checkProvince({
    loaded,
    catalogue: bundledCatalogue(),
    waivers: [],
    bundlesDir: bundles,
    stacksDir: join(dir, "datacentre"),
  });
  const catalogue = bundledCatalogue();

  it("every pass names measured inputs (inventory, evidence, stacks or records), never bundles alone", () => {
    const passes = v.requirements.filter((r) => r.status === "pass");
    expect(passes.length).toBeGreaterThan(0);
    for (const r of passes) {
      expect(r.basis.length, r.id).toBeGreaterThan(0);
      for (const b of r.basis)
        expect(["inventory", "evidence", "stacks", "records"], r.id).toContain(b.input);
      // Each basis is a policy that ran (or a record), and none reads the bundles.
      for (const b of r.basis.filter((x) => x.input !== "records"))
        expect(v.policiesRun, r.id).toContain(b.source);
      for (const b of r.basis) expect(b.source, r.id).not.toMatch(/^bundle\./);
    }
  });

  it("every pass with a target rests on its headline figure, which counted something and meets the target", () => {
    for (const r of v.requirements.filter((x) => x.status === "pass" && x.target)) {
      expect(r.measure?.policy, r.id).toBe(catalogue.requirements.get(r.id)?.target?.measuredBy);
      expect(r.measure?.denominator ?? 0, r.id).toBeGreaterThan(0);
    }
  });

  it("the classified machines' requirements are configured, not measured, without machine evidence", () => {
    for (const id of ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"]) {
      const r = v.requirements.find((x) => x.id === id);
      expect(r?.status, id).toBe("configured");
      expect(r?.configuredBy, id).toContain("bundle.classified.network-blocked");
    }
  });

  it("the conclusion adds up the statuses and is CHƯA ĐẠT with the demo's failures", () => {
    const adopted = v.requirements.filter((r) => r.status !== "not-applicable");
    expect(v.conclusion).toMatchObject({
      code: "not-met",
      vi: "CHƯA ĐẠT",
      counts: {
        adopted: adopted.length,
        met: adopted.filter((r) => MET.includes(r.status)).length,
        failing: v.totals.fail,
        unproven: adopted.filter((r) => UNPROVEN.includes(r.status)).length,
      },
    });
    expect(v.conclusion.counts.failing).toBeGreaterThan(0);
  });

  it("HY-PROV-09 shows no waiver: the data centre's declared exceptions are technical exceptions", () => {
    const r = v.requirements.find((x) => x.id === "HY-PROV-09");
    expect(r?.status).not.toBe("waived");
    expect(v.totals.waived).toBe(0);
    expect(v.technicalExceptions.length).toBeGreaterThan(0);
    for (const e of v.technicalExceptions) expect(e.reason.length).toBeGreaterThan(10);
    expect(r?.technicalExceptions).toBe(
      v.technicalExceptions.filter((e) => e.requirements.includes("HY-PROV-09")).length,
    );
  });

  it("budgets: the year's figure over 32 of 33 budget-holding units, the unit with no line a finding", () => {
    const a11 = v.requirements.find((r) => r.id === "HY-EDU-A11");
    expect(a11?.status).toBe("fail");
    expect(a11?.measure?.coverage).toMatchObject({ population: 33, withData: 32 });
    expect(a11?.measure?.value).toBe(16.12);
    expect(
      v.findings.some((f) => f.subject === "unit hy-th-ky-ba" && /no budget line for 2026/.test(f.message)),
    ).toBe(true);
  });

  it("the catalogue read against the seeds: requirements no input measures are not passed by one that does not", () => {
    const status = (id: string) => v.requirements.find((r) => r.id === id)?.status;
    // The offices' LANs (HY-PROV-23) are not the data centre's zones; the master plan (QN-BCD-K6) is a document;
    // connecting the provincial SOC to the national one (HY-PROV-15) is the police's; S10 names SMAS, vnEdu and the sector database.
    expect(status("HY-PROV-23")).toBe("evidence-missing");
    expect(status("HY-PROV-15")).toBe("manual");
    expect(status("HY-EDU-S10")).toBe("evidence-missing");
    expect(catalogue.requirements.get("QN-BCD-K6")?.status).toBe("evidence");
    for (const id of ["HY-PROV-23", "HY-PROV-15", "HY-EDU-S10"])
      expect(v.requirements.find((r) => r.id === id)?.policies, id).toEqual([]);
  });
});
