/**
 * The plan catalogue is complete and every link in it resolves.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { controls } from "../baselines/controls/index.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { coverage, danglingLinks } from "../policies/coverage.js";
import { policies } from "../policies/rules/index.js";
import { runCli } from "./helpers/cli.js";

/** Every requirement ID the digest names (a copy of ../shared/PLAN-DIGEST.md lives in docs/). */
function digestIds(): Set<string> {
  const text = readFileSync(join(import.meta.dirname, "..", "docs", "plan-digest.md"), "utf8");
  const ids = new Set(text.match(/\b(HY-EDU|QN-BCD|QN-EDU|HP-EDU|HY-PROV)-[A-Z]?\d+\b/g) ?? []);
  // The digest names HY-PROV-01 to HY-PROV-35 as a range ("the appendix rows in order").
  expect(text).toContain("HY-PROV-01 to HY-PROV-35");
  for (let i = 1; i <= 35; i++) ids.add(`HY-PROV-${String(i).padStart(2, "0")}`);
  return ids;
}

describe("plan catalogue", () => {
  const cat = bundledCatalogue();

  it("carries every requirement ID of the digest, and no other", () => {
    const want = digestIds();
    const have = new Set(cat.requirements.keys());
    expect([...want].filter((id) => !have.has(id))).toEqual([]);
    expect([...have].filter((id) => !want.has(id))).toEqual([]);
    expect(have.size).toBeGreaterThan(100);
  });

  it("every automated requirement is implemented by a control or policy that exists", () => {
    const unimplemented = coverage(cat).filter(
      (r) => r.status === "automated" && r.controls.length + r.policies.length === 0,
    );
    expect(unimplemented.map((r) => r.id)).toEqual([]);
  });

  it("every control and policy names requirements that exist", () => {
    expect(danglingLinks(cat)).toEqual([]);
    for (const c of controls) expect(c.requirements.length, c.id).toBeGreaterThan(0);
    for (const p of policies) expect(p.requirements.length, p.id).toBeGreaterThan(0);
  });

  it("keeps the plans' own words: Vietnamese text for every requirement", () => {
    for (const r of cat.requirements.values()) expect(r.text_vi, r.id).toMatch(/[àáảãạăâđêôơư]/i);
  });

  it("attt plan coverage lists every requirement with its status", async () => {
    const r = await runCli(["plan", "coverage", "--json"]);
    const out = JSON.parse(r.stdout) as { requirements: Array<{ id: string; status: string }> };
    expect(new Set(out.requirements.map((x) => x.id))).toEqual(digestIds());
    for (const row of out.requirements)
      expect(["automated", "evidence", "manual", "not-applicable"]).toContain(row.status);
  });

  it("attt plan show prints the requirement in both languages", async () => {
    const r = await runCli(["plan", "show", "HY-EDU-T3"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("HY-EDU-T3");
    expect(r.stdout).toMatch(/Internet/);
    expect(r.stdout).toMatch(/soạn thảo/);
    const bad = await runCli(["plan", "show", "HY-EDU-X9"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/unknown requirement/);
  });
});
