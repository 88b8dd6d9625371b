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
import { consoleReport } from "../policies/report/console.js";
import { junitReport } from "../policies/report/junit.js";
import { markdownReport } from "../policies/report/markdown.js";
import { sarifReport } from "../policies/report/sarif.js";
import { reportView } from "../policies/report/view.js";
import { MET, UNPROVEN } from "../policies/status.js";
import { synthToDir } from "../stacks/synth.js";
import { VIETNAMESE_LETTER } from "./helpers/vietnamese.js";

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

  it("every pass names measured inputs (inventory, evidence or records), never the tool's own output or a promise", () => {
    const passes = v.requirements.filter((r) => r.status === "pass");
    expect(passes.length).toBeGreaterThan(0);
    for (const r of passes) {
      expect(r.basis.length, r.id).toBeGreaterThan(0);
      for (const b of r.basis) expect(["inventory", "evidence", "records"], r.id).toContain(b.input);
      // Each basis is a policy that ran (or a record), and none reads the bundles.
      for (const b of r.basis.filter((x) => x.input !== "records"))
        expect(v.policiesRun, r.id).toContain(b.source);
      for (const b of r.basis)
        expect(b.source, r.id).not.toMatch(/^(bundle|dc)\.|^inv\.vendors\.commitments$/);
    }
  });

  it("the data centre's Terraform JSON and the vendors' contract clauses are configured, not pass", () => {
    const status = (id: string) => v.requirements.find((r) => r.id === id)?.status;
    // HY-PROV-09 and -17 rest on the synthesized stacks alone; S18..S20 on the vendors' commitments.
    for (const id of ["HY-PROV-09", "HY-PROV-17", "HY-EDU-S18", "HY-EDU-S19", "HY-EDU-S20"])
      expect(status(id), id).toBe("configured");
    // HY-PROV-19 (monitoring extended to every system) fails with the level-3 system the SOC does not monitor.
    expect(status("HY-PROV-19")).toBe("fail");
    expect(
      v.findings.some((f) => f.requirements.includes("HY-PROV-19") && f.subject === "system thi-tuyen-sinh"),
    ).toBe(true);
  });

  it("no requirement passes with a finding of its own that is neither waived nor a technical exception", () => {
    for (const r of v.requirements.filter((x) => MET.includes(x.status))) {
      const open = v.findings.filter(
        (f) => f.requirements.includes(r.id) && !f.waiver && !f.technicalException,
      );
      expect(
        open.map((f) => f.subject),
        r.id,
      ).toEqual([]);
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

  describe("check's outputs treat technical exceptions and units alike", () => {
    const exceptions = v.findings.filter((f) => f.technicalException);
    const open = v.findings.filter((f) => !f.waiver && !f.technicalException);
    const vi = consoleReport(v, { lang: "vi" });

    it("console: exceptions in their own section with reasons, never among the shortcomings", () => {
      expect(exceptions.length).toBe(13);
      expect(vi).toContain(`Tồn tại cần khắc phục (${open.length}):`);
      expect(vi).toContain(
        `Ngoại lệ kỹ thuật (không phải tồn tại, không phải miễn trừ) (${exceptions.length}):`,
      );
      const shortcomings = vi.slice(vi.indexOf("Tồn tại cần khắc phục"), vi.indexOf("Ngoại lệ kỹ thuật"));
      expect(shortcomings).not.toMatch(/attt-ttdl-hung-yen-zone-firewall/);
      const section = vi.slice(vi.indexOf("Ngoại lệ kỹ thuật"));
      // The Vietnamese console gives the stacks' Vietnamese reason (the label's reason_vi).
      for (const f of exceptions) {
        expect(f.vi.technicalException).toMatch(VIETNAMESE_LETTER);
        expect(section).toContain(`lý do: ${f.vi.technicalException}`);
      }
    });

    it("console: a target in hours shows the share meeting it, never a percentage 'meeting' 24 hours", () => {
      const line = vi.split("\n").find((l) => /^FAIL HY-PROV-25 /.test(l)) ?? "";
      expect(line).toMatch(/tỷ lệ đạt ≥ 24 giờ: 66,67% \(2\/3\) \(chưa phải tất cả đạt\)$/);
      expect(vi).not.toMatch(/% đạt mục tiêu \(/);
      const en = consoleReport(v, { lang: "en" });
      expect(en).toMatch(/HY-PROV-25 .*share at >= 24 hours: 66\.67% \(2\/3\) \(not all meet it\)$/m);
    });

    it("report.vi.md: statuses counted as requirements, exceptions apart, waivers of every state under one heading", () => {
      const md = markdownReport(reportView(v, catalogue, "vi", new Map(), loaded.inventory));
      expect(md).toContain("| Trạng thái | Số yêu cầu |");
      expect(md).not.toContain("| Trạng thái | Số tồn tại |");
      expect(md).not.toContain("## Miễn trừ đã phê duyệt");
      expect(md).toContain("## Miễn trừ (đã phê duyệt, chưa phê duyệt, hết hạn)");
      const findings = md.slice(
        md.indexOf("## Các tồn tại cần khắc phục"),
        md.indexOf("## Ngoại lệ kỹ thuật"),
      );
      expect(findings).not.toContain("zone-firewall");
      const section = md.slice(md.indexOf("## Ngoại lệ kỹ thuật"), md.indexOf("## Miễn trừ"));
      expect(section.match(/^\| HY-PROV-09 \|/gm)?.length).toBe(exceptions.length);
      expect(md).toMatch(/\| HY-PROV-25 \| Chưa đạt \| .* \| tỷ lệ đạt ≥ 24 giờ: 66,67% \(2\/3\) \|/);
      expect(md).toContain("trước ngày 30/03/2026");
    });

    it("SARIF: each technical exception is suppressed (external) with its reason", () => {
      const sarif = JSON.parse(sarifReport(v, "vi"));
      const results = sarif.runs[0].results as Array<{
        properties: { subject: string };
        suppressions?: Array<{ kind: string; justification: string }>;
      }>;
      expect(results).toHaveLength(v.findings.length);
      for (const f of exceptions) {
        const r = results.find(
          (x) =>
            x.properties.subject === f.subject &&
            x.suppressions?.[0]?.justification === `Ngoại lệ kỹ thuật: ${f.vi.technicalException}`,
        );
        expect(r?.suppressions?.[0]?.kind, f.subject).toBe("external");
      }
      expect(results.filter((x) => !x.suppressions)).toHaveLength(open.length);
    });

    it("JUnit: skip reasons in Vietnamese first, then English; exceptions are output, not failures", () => {
      const xml = junitReport(v, "vi");
      expect(xml).toMatch(
        /<skipped message="Không áp dụng: kế hoạch HP-EDU không thuộc các kế hoạch của tỉnh \/ not-applicable: plan HP-EDU is not among this province&#39;s plans"\/>/,
      );
      expect(xml).toMatch(/<skipped message="Chưa có minh chứng: [^"]+ \/ evidence-missing: [^"]+"\/>/);
      const prov09 = xml.slice(
        xml.indexOf('name="HY-PROV-09 '),
        xml.indexOf("</testcase>", xml.indexOf('name="HY-PROV-09 ')),
      );
      expect(prov09).not.toContain("<failure");
      expect(prov09).toContain("<system-out>Ngoại lệ kỹ thuật");
    });
  });
});
