/**
 * The plans as a vitest suite, for a province's own repository:
 *
 *   // plan.test.ts
 *   import { planTests } from "attt-kit/vitest";
 *   await planTests({ inventory: "inventory", evidence: "evidence", waivers: "waivers.yaml" });
 *
 * Every requirement of the province's plans becomes a test named by its ID, so a reviewer
 * sees "HY-EDU-T3 ..." fail in CI with the findings as the failure message (in Vietnamese,
 * or English with `lang: "en"`). Requirements that need evidence a person supplies, or that
 * are tracked by hand, are skipped with why.
 */
import { describe, it } from "vitest";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { loadWaivers } from "../model/waivers.js";
import { checkProvince, waivableIds } from "./check-province.js";
import { CONSOLE, findingText, type Lang } from "./report/labels.js";

export interface PlanTestOptions {
  inventory: string;
  stacks?: string;
  bundles?: string;
  evidence?: string;
  waivers?: string;
  /** The record register (YAML) of documents proving requirements. */
  records?: string;
  asOf?: string;
  /** The language of the failure messages (findings): vi (default, like attt check) or en. */
  lang?: Lang;
}

export async function planTests(o: PlanTestOptions): Promise<void> {
  const lang = o.lang ?? "vi";
  const w = CONSOLE[lang];
  const loaded = loadInventory(o.inventory);
  const catalogue = bundledCatalogue();
  const verdict = await checkProvince({
    loaded,
    catalogue,
    waivers: o.waivers ? loadWaivers(o.waivers, waivableIds(catalogue)) : [],
    asOf: o.asOf,
    stacksDir: o.stacks,
    bundlesDir: o.bundles,
    evidenceDir: o.evidence,
    recordsFile: o.records,
  });
  const byDocument = new Map<string, typeof verdict.requirements>();
  for (const r of verdict.requirements) {
    if (r.status === "not-applicable") continue;
    byDocument.set(r.document, [...(byDocument.get(r.document) ?? []), r]);
  }
  for (const [document, reqs] of byDocument) {
    describe(`${document} (${loaded.inventory.province.name}, as of ${verdict.asOf})`, () => {
      for (const r of reqs) {
        const name = `${r.id} ${r.summary}`;
        if (r.status === "manual" || r.status === "evidence-missing" || r.status === "configured") {
          it.skip(`${name} [${r.status}: ${(lang === "vi" ? r.vi.note : undefined) ?? r.note ?? ""}]`, () => {});
          continue;
        }
        it(name, () => {
          // Technical exceptions are declared with their reasons: neither failures nor waivers.
          const open = verdict.findings.filter(
            (f) => f.requirements.includes(r.id) && !f.waiver && !f.technicalException,
          );
          // A fail with no open finding (a figure under its target, a waiver of part of the province): its note says why.
          if (r.status === "fail" && open.length === 0)
            throw new Error(`${r.id}: ${lang === "vi" ? (r.vi.note ?? r.note) : r.note}`);
          if (open.length > 0) {
            const lines = open.map((f) => {
              const { message, fix } = findingText(f, lang);
              return `- ${f.subject}: ${message}\n  ${w.fix} ${fix}${f.location ? `\n  ${w.at} ${f.location}` : ""}`;
            });
            throw new Error(`${r.id}: ${w.failureCount(open.length)}\n${lines.join("\n")}`);
          }
        });
      }
    });
  }
}
