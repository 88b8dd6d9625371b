/**
 * A name is a place: a control's or policy's ID leads to its file by one rule,
 *   <prefix>.<area>.<name>  ->  <folder of prefix>/<area>-<name>.ts  (further dots as dashes)
 * and a requirement's ID to its plan's file (HY-EDU-S12 -> policies/plans/HY-EDU.yaml).
 * Every data-centre link to the plans (stacks/requirements.ts) joins plan coverage.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { controls } from "../baselines/controls/index.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { coverage, danglingLinks } from "../policies/coverage.js";
import { policies } from "../policies/rules/index.js";
import { REQUIREMENTS as DATACENTRE } from "../stacks/requirements.js";

const ROOT = join(import.meta.dirname, "..");
const FOLDER: Record<string, string> = {
  win: "baselines/controls/win",
  linux: "baselines/controls/linux",
  inv: "policies/rules/inventory",
  evidence: "policies/rules/evidence",
  bundle: "policies/rules/bundles",
  dc: "policies/rules/stacks",
};
/** Files in those folders that hold no control or policy (shared code, pack lists). */
const NOT_AN_ID = /^(index|helpers|common|read-bundles|read-stacks)\.ts$/;

function fileOf(id: string): string {
  const [prefix, ...rest] = id.split(".");
  return join(FOLDER[prefix ?? ""] ?? "?", `${rest.join("-")}.ts`);
}

describe("an ID leads to its file", () => {
  const ids = [...controls.map((c) => c.id), ...policies.map((p) => p.id)];
  it.each(ids)("%s", (id) => {
    const file = join(ROOT, fileOf(id));
    expect(existsSync(file), fileOf(id)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain(`id: "${id}"`);
  });

  it("every file in those folders is the place of one ID", () => {
    const places = new Set(ids.map(fileOf));
    for (const folder of new Set(Object.values(FOLDER)))
      for (const name of readdirSync(join(ROOT, folder)).filter(
        (n) => n.endsWith(".ts") && !NOT_AN_ID.test(n),
      ))
        expect(places, join(folder, name)).toContain(join(folder, name));
  });

  it("a requirement ID leads to its plan's file", () => {
    for (const [id, req] of bundledCatalogue().requirements) {
      expect(id.startsWith(`${req.document.id}-`), id).toBe(true);
      expect(existsSync(join(ROOT, "policies/plans", `${req.document.id}.yaml`)), id).toBe(true);
    }
  });
});

describe("the data centre's links to the plans", () => {
  it("join plan coverage: each requirement lists the data-centre parts that serve it", () => {
    const rows = new Map(coverage(bundledCatalogue()).map((r) => [r.id, r]));
    for (const [part, reqs] of Object.entries(DATACENTRE))
      for (const r of reqs) expect(rows.get(r)?.datacentre, r).toContain(`datacentre.${part}`);
  });
  it("are checked for dangling links like controls and policies", () => {
    expect(danglingLinks(bundledCatalogue())).toEqual([]);
  });
});
