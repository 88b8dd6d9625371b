/**
 * The plan catalogue is complete and every link in it resolves.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { controls } from "../baselines/controls/index.js";
import { bundledCatalogue, DEFAULT_CATALOGUE_DIR, loadCatalogue } from "../model/load-catalogue.js";
import { InputError } from "../model/problems.js";
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

  it("gives every reason in Vietnamese too: what an officer must file, in words they read", () => {
    for (const r of cat.requirements.values()) {
      if (!r.reason) continue;
      expect(r.reason_vi, r.id).toMatch(/[àáảãạăâđêôơư]/i);
      // The same requirement IDs and document numbers in both wordings (a translation that drops one misleads).
      const refs = (t: string) => (t.match(/\b(?:[A-Z]{2,}-[A-Z-]*\d+|\d{3,}[\d/:.-]*)/g) ?? []).sort();
      expect(refs(r.reason_vi ?? ""), r.id).toEqual(refs(r.reason));
    }
  });

  it("refuses a catalogue reason without its Vietnamese wording, at its file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "attt-cat-"));
    const text = readFileSync(join(DEFAULT_CATALOGUE_DIR, "QN-EDU.yaml"), "utf8");
    const firstVi = text.split("\n").findIndex((l) => l.startsWith("    reason_vi:"));
    const lines = text.split("\n");
    lines.splice(firstVi, 1);
    writeFileSync(join(dir, "QN-EDU.yaml"), lines.join("\n"));
    let problems: InputError["problems"] = [];
    try {
      loadCatalogue(dir);
    } catch (e) {
      if (e instanceof InputError) problems = e.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: join(dir, "QN-EDU.yaml"),
      path: expect.stringMatching(/reason_vi$/),
    });
    expect(problems[0]?.line).toBeGreaterThan(1);
  });

  it("attt plan show --lang vi prints the reason in Vietnamese", async () => {
    const r = await runCli(["plan", "show", "HY-PROV-35", "--lang", "vi"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(cat.requirements.get("HY-PROV-35")?.reason_vi);
    expect(r.stdout).not.toContain(cat.requirements.get("HY-PROV-35")?.reason);
  });

  it("attt plan coverage lists every requirement with its status", async () => {
    const r = await runCli(["plan", "coverage", "--json"]);
    const out = JSON.parse(r.stdout) as { requirements: Array<{ id: string; status: string }> };
    expect(new Set(out.requirements.map((x) => x.id))).toEqual(digestIds());
    for (const row of out.requirements)
      expect(["automated", "evidence", "manual", "not-applicable"]).toContain(row.status);
  });

  it("attt plan list refuses an unknown document or status, listing the valid values", async () => {
    const doc = await runCli(["plan", "list", "--document", "NOPE"]);
    expect(doc.exitCode).toBe(2);
    expect(doc.stderr).toMatch(/--document: unknown plan "NOPE"; one of .*HY-EDU.*HY-PROV/);
    expect(doc.stdout).toBe("");
    const st = await runCli(["plan", "list", "--status", "bogus"]);
    expect(st.exitCode).toBe(2);
    expect(st.stderr).toContain(
      '--status: unknown status "bogus"; one of automated, evidence, manual, not-applicable',
    );
  });

  it("attt plan list takes a document name in any case", async () => {
    const lower = await runCli(["plan", "list", "--document", "hy-edu"]);
    const upper = await runCli(["plan", "list", "--document", "HY-EDU"]);
    expect(lower.exitCode).toBe(0);
    expect(lower.stdout).toBe(upper.stdout);
    const ids = lower.stdout
      .trim()
      .split("\n")
      .map((l) => l.split(/\s+/)[0]);
    expect(ids.length).toBe([...cat.requirements.values()].filter((r) => r.document.id === "HY-EDU").length);
    expect(ids.every((id) => id?.startsWith("HY-EDU-"))).toBe(true);
  });

  it("attt plan coverage documents its exit code 1 in --help", async () => {
    const r = await runCli(["plan", "coverage", "--help"]);
    expect(r.stdout.replace(/\s+/g, " ")).toMatch(
      /Exit 0 when every automated requirement is implemented .*, 1 when one is not/,
    );
    const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
    expect(readme).toMatch(/plan coverage.*exit 1 when an automated requirement has no control or policy/);
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
