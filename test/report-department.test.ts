/**
 * attt report: the Department's report (Decree 30 .docx, .xlsx appendix, Markdown) from
 * two real verdicts of the demo province (end of June with 10% of machines failing, and
 * 20 November with 2%), with machine evidence from every machine.
 *
 * The .docx goes through LibreOffice (one conversion to PDF, page 1 to PNG with poppler);
 * the .xlsx is read back with ExcelJS. Every figure is compared with the verdict it comes
 * from, written out here independently of the report's own formatting helpers.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { syntheticEvidence, writeEvidence } from "../bench/synthetic-evidence.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { InputError } from "../model/problems.js";
import { loadNarrative, type Narrative } from "../model/report-narrative.js";
import { checkProvince } from "../policies/check-province.js";
import type { Verdict } from "../policies/engine.js";
import { departmentReport, REPORT_FILES } from "../policies/report/department.js";
import { renderReports } from "../policies/report/index.js";
import { dueDates, type Period, parsePeriod } from "../policies/report/period.js";
import { reportMarkdown } from "../policies/report/report-markdown.js";
import { reportModel } from "../policies/report/verdict-view.js";
import { viText } from "../policies/report/vi-format.js";
import { FMT } from "../policies/report/xlsx.js";
import { runCli } from "./helpers/cli.js";

const ROOT = join(import.meta.dirname, "..");
const NARRATIVE = join(ROOT, "examples", "report-narrative.yaml");
const RECORDS = join(ROOT, "examples", "demo-records", "records.yaml");
const EVIDENCE_POLICY = "evidence.controls.pass-share";
const loaded = loadInventory(DEMO_INVENTORY);
const catalogue = bundledCatalogue();
const period = (id: string) => parsePeriod(id) as Period;
/** The first requirement the machine evidence measures. */
const measured = (v: Verdict) => v.requirements.find((r) => r.measure?.policy === EVIDENCE_POLICY);

/** Vietnamese grouping and decimals, written out independently of vi-format.ts. */
const vn = (n: number) => {
  const [i = "", f] = String(n).split(".");
  return `${i.replace(/\B(?=(\d{3})+$)/g, ".")}${f ? `,${f}` : ""}`;
};

let dir: string;
let june: Verdict;
let november: Verdict;
let narrative: Narrative;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "attt-report-"));
  narrative = loadNarrative(NARRATIVE);
  // June's machines were audited on 20/06 (10% failing); November's on 20/11 (2%).
  const h1 = syntheticEvidence(loaded.inventory, { failShare: 0.1, seed: 7 }).map((e) => ({
    ...e,
    collectedAt: "2026-06-20T08:00:00+07:00",
  }));
  writeEvidence(join(dir, "evidence-june"), h1);
  writeEvidence(join(dir, "evidence-nov"), syntheticEvidence(loaded.inventory, { failShare: 0.02 }));
  june = await checkProvince({
    loaded,
    catalogue,
    waivers: [],
    asOf: "2026-06-30",
    evidenceDir: join(dir, "evidence-june"),
    periodStart: "2026-01-01",
  });
  november = await checkProvince({
    loaded,
    catalogue,
    waivers: [],
    evidenceDir: join(dir, "evidence-nov"),
    recordsFile: RECORDS,
  });
  writeFileSync(join(dir, "june.json"), JSON.stringify(june));
  writeFileSync(join(dir, "november.json"), JSON.stringify(november));
}, 120_000);

describe("reporting period", () => {
  it("names the period as the title words it and refuses what is not a period", () => {
    expect(period("2026-H1")).toMatchObject({
      start: "2026-01-01",
      end: "2026-06-30",
      label: "6 tháng đầu năm 2026",
    });
    expect(period("2026-H2")).toMatchObject({
      start: "2026-07-01",
      end: "2026-12-31",
      label: "6 tháng cuối năm 2026",
    });
    expect(period("2026")).toMatchObject({ start: "2026-01-01", end: "2026-12-31", label: "năm 2026" });
    expect(period("2026-02")).toMatchObject({
      start: "2026-02-01",
      end: "2026-02-28",
      label: "tháng 2 năm 2026",
    });
    expect(period("2026-Q1")).toMatchObject({ end: "2026-03-31", label: "quý I năm 2026" });
    for (const bad of ["2026-H3", "2026-13", "26", "2026-6", "H1"]) expect(parsePeriod(bad), bad).toBeNull();
  });

  it("falls due on the plan's own reporting dates (HY-PROV-35: before 10 June, before 11 October)", () => {
    const req = catalogue.requirements.get("HY-PROV-35");
    expect(req?.deadline).toBe("six-monthly");
    const plan = { planStart: "2026-01-01", before: req?.due_before ?? [] };
    const due = (p: string) => dueDates("six-monthly", plan, period(p)).map((d) => d.due);
    // "Trước ngày 10/6": the last day allowed is 9 June (the engine's rule, policies/deadline.ts).
    expect(due("2026-H1")).toEqual(["2026-06-09"]);
    expect(due("2026")).toEqual(["2026-06-09", "2026-10-10"]);
    expect(due("2026-06")).toEqual(["2026-06-09"]);
    expect(due("2026-Q3")).toEqual([]);
    // The due date before each one bounds the records that meet it, even across periods.
    expect(dueDates("six-monthly", plan, period("2026-H2"))).toEqual([
      { due: "2026-10-10", after: "2026-06-09" },
    ]);
    // A dated deadline falls due once, on its last day ("before 2026-06": 31 May); a plain yearly one at the year's end.
    const none = { planStart: "2026-01-01" };
    expect(dueDates("2026-Q2", none, period("2026-H1"))).toEqual([{ due: "2026-06-30" }]);
    expect(dueDates("before 2026-06", none, period("2026-H1"))).toEqual([{ due: "2026-05-31" }]);
    expect(dueDates("yearly", none, period("2026")).map((d) => d.due)).toEqual(["2026-12-31"]);
  });

  it("shows each due date as met (a record in the period), overdue or still due", () => {
    const year = reportModel({
      verdict: november,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative,
    });
    const prov35 = year.due.filter((d) => d.requirement === "HY-PROV-35");
    // The record register holds the 6-monthly report of 08/06; nothing for the yearly one due by 10/10 (as of 20/11).
    const recorded = november.requirements.find((r) => r.id === "HY-PROV-35")?.records ?? [];
    expect(recorded.map((r) => r.date)).toEqual(["2026-06-08"]);
    expect(prov35.map((d) => [d.due, d.state, d.done?.on])).toEqual([
      ["2026-06-09", "met", "2026-06-08"],
      ["2026-10-10", "overdue", undefined],
    ]);
    // The engine's own periodic state agrees: the last due date was missed.
    expect(november.requirements.find((r) => r.id === "HY-PROV-35")?.due?.state).toBe("overdue");
    // June's check had no register: the 6-monthly report is overdue. With the record of 08/06, met.
    const none = reportModel({
      verdict: june,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026-H1"),
      narrative,
    });
    expect(none.due.find((d) => d.requirement === "HY-PROV-35")?.state).toBe("overdue");
    const withRecord: Verdict = {
      ...june,
      requirements: june.requirements.map((r) =>
        r.id === "HY-PROV-35"
          ? { ...r, records: [{ input: "records", source: "r:1", date: "2026-06-08" }] }
          : r,
      ),
    };
    const h1 = reportModel({
      verdict: withRecord,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026-H1"),
      narrative,
    });
    expect(h1.due.find((d) => d.requirement === "HY-PROV-35")?.state).toBe("met");
  });

  it("counts only evidence collected in the period", async () => {
    const all = measured(november)?.measure;
    expect(all?.numerator).toBeGreaterThan(0);
    // November's evidence checked for the first half: none of it counts, every machine is missing.
    const h1 = await checkProvince({
      loaded,
      catalogue,
      waivers: [],
      asOf: "2026-06-30",
      evidenceDir: join(dir, "evidence-nov"),
      periodStart: "2026-01-01",
    });
    const m = h1.requirements.find((r) => r.id === measured(november)?.id)?.measure;
    expect(m?.denominator).toBe(all?.denominator);
    expect(m?.numerator).toBe(0);
    expect(m?.coverage?.withData).toBe(0);
    // Audits dated after the period are findings of the evidence matching, not silently dropped.
    expect(h1.findings.some((f) => /after 2026-06-30: not counted$/.test(f.message))).toBe(true);
  });

  it("sets the reporting period the evidence matching uses (one mechanism with evidencePeriodDays)", async () => {
    // June's audits (20/06) checked on 31/07: inside the province's default period (92 days back)...
    const check = (periodStart?: string) =>
      checkProvince({
        loaded,
        catalogue,
        waivers: [],
        asOf: "2026-07-31",
        evidenceDir: join(dir, "evidence-june"),
        ...(periodStart ? { periodStart } : {}),
      });
    const id = measured(june)?.id;
    const byDefault = (await check()).requirements.find((r) => r.id === id)?.measure;
    expect(byDefault?.coverage?.withData).toBe(byDefault?.denominator);
    // ...but before the second half (--period 2026-H2): stale, each machine named as a finding.
    const h2 = await check("2026-07-01");
    const m = h2.requirements.find((r) => r.id === id)?.measure;
    expect(m?.coverage?.withData).toBe(0);
    expect(
      h2.findings.some((f) => /older than the reporting period 2026-07-01 to 2026-07-31/.test(f.message)),
    ).toBe(true);
  });
});

describe("the record register in a period", () => {
  it("counts the documents dated in the period; later ones belong to a later report", async () => {
    const h1 = await checkProvince({
      loaded,
      catalogue,
      waivers: [],
      asOf: "2026-06-30",
      periodStart: "2026-01-01",
      recordsFile: RECORDS,
    });
    const records = (id: string) => h1.requirements.find((r) => r.id === id)?.records ?? [];
    // The 6-monthly report of 08/06 counts; the drill of 15/10 (HY-EDU-S07) is not in the first half.
    expect(records("HY-PROV-35").map((r) => r.date)).toEqual(["2026-06-08"]);
    expect(records("HY-EDU-S07")).toEqual([]);
    expect(h1.requirements.find((r) => r.id === "HY-EDU-S07")?.status).toBe("evidence-missing");
    const m = reportModel({
      verdict: h1,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026-H1"),
      narrative,
    });
    // Named by the document's number, not by the register's file and line.
    expect(m.due.find((d) => d.requirement === "HY-PROV-35")).toMatchObject({
      due: "2026-06-09",
      state: "met",
      done: { on: "2026-06-08", ref: "88/BC-SGDĐT" },
    });
    // attt check as of 30/06 (no period) still refuses a document dated after its date.
    const refused = await checkProvince({
      loaded,
      catalogue,
      waivers: [],
      asOf: "2026-06-30",
      recordsFile: RECORDS,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputError);
    const problems = (refused as InputError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.path).toMatch(/^records\[\d+\]\.date$/);
      expect(p.found > "2026-06-30").toBe(true);
    }
  });
});

describe("the verdict's own fields", () => {
  it("reads the conclusion, coverage, policy, basis and due state from the verdict, not computed again", () => {
    const m = reportModel({
      verdict: november,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative,
    });
    expect(m.conclusion).toBe(november.conclusion.vi);
    expect(m.conclusionCounts).toEqual(november.conclusion.counts);
    const tasks = m.documents.flatMap((d) => d.tasks);
    let covered = 0;
    for (const r of november.requirements) {
      if (r.status === "not-applicable") continue;
      const t = tasks.find((x) => x.id === r.id);
      expect(t?.status, r.id).toBe(r.status);
      expect(t?.basis, r.id).toEqual(r.basis);
      expect(t?.configuredBy, r.id).toEqual(r.configuredBy);
      expect(t?.due, r.id).toEqual(r.due);
      expect(t?.policy, r.id).toBe(r.measure?.policy);
      expect(t?.open, r.id).toBe(r.findings - r.waivedFindings - r.technicalExceptions);
      if (r.measure?.coverage) {
        expect(t?.coverage?.counted, r.id).toBe(r.measure.coverage.withData);
        expect(t?.coverage?.population, r.id).toBe(r.measure.coverage.population);
        covered++;
      }
    }
    expect(covered).toBeGreaterThan(5);
    // Issue 10's statuses reach the report: the demo register makes some requirements "recorded".
    expect(m.totals.find((t) => t.status === "recorded")?.count).toBe(november.totals.recorded);
    expect(november.totals.recorded).toBeGreaterThan(0);
    expect(m.technicalExceptions.length).toBe(november.technicalExceptions.length);
  });
});

describe("trend and drill-down", () => {
  it("shows last period, this period and the change for every figure", () => {
    const m = reportModel({
      verdict: november,
      previous: june,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative,
    });
    const tasks = m.documents.flatMap((d) => d.tasks);
    let compared = 0;
    for (const r of november.requirements) {
      const before = june.requirements.find((x) => x.id === r.id)?.measure;
      if (!r.measure || !before || r.status === "not-applicable") continue;
      const t = tasks.find((x) => x.id === r.id);
      expect(t?.result?.value, r.id).toBe(r.measure.value);
      expect(t?.previous?.value, r.id).toBe(before.value);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    for (const t of m.totals) expect(t.previous, t.status).toBe(june.totals[t.status]);
    expect(m.open.previous).toBe(june.findings.filter((f) => !f.waiver).length);
    // Fewer failing machines in November: the headline rose.
    expect(m.headline?.previous?.value).toBeLessThan(m.headline?.value.value ?? 0);

    const md = reportMarkdown(m);
    expect(md).toContain("| Mã | Nhiệm vụ | Chỉ tiêu | Kỳ trước | Kỳ này | Thay đổi |");
    const h = m.headline;
    if (!h?.previous) throw new Error("no headline");
    const delta = Math.round((h.value.value - h.previous.value) * 100) / 100;
    expect(md).toContain(
      `kỳ trước ${vn(h.previous.value)}% (${vn(h.previous.numerator)}/${vn(h.previous.denominator)}), thay đổi +${vn(delta)}\u00a0điểm\u00a0%`,
    );
  });

  it("adds units up to their type, their commune and the province", () => {
    const m = reportModel({
      verdict: november,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative,
    });
    const headline = november.requirements.find((r) => r.id === m.headline?.id)?.measure;
    if (!headline?.denominator) throw new Error("no headline measure");
    const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
    expect(m.units.length).toBe(loaded.inventory.units.length);
    expect(sum(m.units, (u) => u.headline?.numerator ?? 0)).toBe(headline.numerator);
    expect(sum(m.units, (u) => u.headline?.denominator ?? 0)).toBe(headline.denominator);
    expect(sum(m.units, (u) => u.open)).toBe(
      november.findings.filter((f) => f.unit && !f.waiver && !f.technicalException).length,
    );
    // Evidence submission per unit is the evidence policy's coverage: it adds up to the headline's.
    expect(sum(m.units, (u) => u.evidence?.sent ?? 0)).toBe(headline.coverage?.withData);
    expect(sum(m.units, (u) => u.evidence?.expected ?? 0)).toBe(headline.coverage?.population);
    const machines = sum(loaded.inventory.units, (u) => sum(u.machines, (g) => g.count));
    for (const groups of [m.byType, m.byCommune]) {
      expect(sum(groups, (g) => g.units)).toBe(loaded.inventory.units.length);
      expect(sum(groups, (g) => g.machines)).toBe(machines);
      expect(sum(groups, (g) => g.headline?.numerator ?? 0)).toBe(headline.numerator);
      expect(sum(groups, (g) => g.headline?.denominator ?? 0)).toBe(headline.denominator);
      expect(sum(groups, (g) => g.open)).toBe(sum(m.units, (u) => u.open));
    }
    // Every demo unit names its commune; the types are the schools' levels.
    expect(m.byCommune.map((g) => g.label)).not.toContain("(chưa khai báo xã, phường)");
    expect(m.byType.map((g) => g.label)).toEqual(
      expect.arrayContaining(["Mầm non", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông"]),
    );
    // Machine findings: one line per unit and control, the counts adding up to the machines failing.
    const machineLines = m.findingGroups.filter((g) => g.what.startsWith("Máy tính chưa đạt"));
    const failing = november.findings.filter((f) => f.subject.startsWith("machine "));
    const controls = failing.reduce(
      (n, f) => n + (/fails (.+)$/.exec(f.message)?.[1]?.split(", ").length ?? 0),
      0,
    );
    expect(sum(machineLines, (g) => g.count)).toBe(controls);
    expect(new Set(machineLines.map((g) => `${g.unit} ${g.what}`)).size).toBe(machineLines.length);
  });
});

describe("the files", () => {
  let files: Map<string, string | Uint8Array>;
  const hostile = "Nội dung </w:t></w:r></w:p><w:p><w:r><w:t>CHÈN & <b>đậm</b> ]]> {{x}}";
  beforeAll(async () => {
    files = await departmentReport({
      verdict: november,
      previous: june,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative: { ...narrative, shortcomings: [hostile] },
    });
  });

  it("writes the same bytes twice", async () => {
    const again = await departmentReport({
      verdict: november,
      previous: june,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative: { ...narrative, shortcomings: [hostile] },
    });
    for (const [name, bytes] of files)
      expect(Buffer.from(again.get(name) as Uint8Array).equals(Buffer.from(bytes)), name).toBe(true);
  });

  it("the .xlsx reads back with every figure a number in a Vietnamese format, equal to verdict.json", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(files.get(REPORT_FILES.xlsx) as Uint8Array) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    // Only the adopted plans (Hưng Yên's) have a sheet.
    expect(names).toEqual(
      expect.arrayContaining(["HY-EDU", "HY-PROV", "Theo đơn vị", "Theo loại hình", "Theo xã, phường"]),
    );
    for (const other of ["QN-BCD", "QN-EDU", "HP-EDU"]) expect(names).not.toContain(other);
    // The data centre's declared exceptions: their own sheet, one row each, with the reason.
    const exceptions = wb.getWorksheet("Ngoại lệ kỹ thuật");
    expect(exceptions?.rowCount).toBe(1 + november.technicalExceptions.length);
    // Each reason in the stacks' own Vietnamese wording (the label's reason_vi), never the English.
    const reasons: string[] = [];
    exceptions?.eachRow((row, i) => {
      if (i > 1) reasons.push(String((row.values as unknown[]).at(-1)));
    });
    expect(reasons.sort()).toEqual(november.technicalExceptions.map((x) => viText(x.vi.reason)).sort());
    for (const x of november.technicalExceptions) expect(x.vi.reason).not.toBe(x.reason);
    let checked = 0;
    for (const doc of ["HY-EDU", "HY-PROV"]) {
      const ws = wb.getWorksheet(doc);
      if (!ws) throw new Error(doc);
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      const col = (name: string) => header.indexOf(name) + 1;
      const rows = november.requirements.filter((r) => r.document === doc);
      expect(ws.rowCount - 1).toBe(rows.length);
      ws.eachRow((row, i) => {
        if (i === 1) return;
        const id = row.getCell(col("Mã")).value as string;
        const r = rows.find((x) => x.id === id);
        if (!r) throw new Error(`row ${i}: ${id}`);
        const result = row.getCell(col("Kết quả"));
        const before = row.getCell(col("Kỳ trước"));
        const prev = june.requirements.find((x) => x.id === id)?.measure;
        if (r.measure) {
          expect(typeof result.value, id).toBe("number");
          expect((result.value as number) * 100, id).toBeCloseTo(r.measure.value, 10);
          expect(result.numFmt, id).toBe(FMT.percent);
          expect(row.getCell(col("Đạt (tử số)")).value, id).toBe(r.measure.numerator ?? null);
          expect(row.getCell(col("Tổng (mẫu số)")).value, id).toBe(r.measure.denominator ?? null);
          if (prev) expect((before.value as number) * 100, id).toBeCloseTo(prev.value, 10);
          checked++;
        } else expect(result.value, id).toBeNull();
      });
    }
    expect(checked).toBeGreaterThan(10);
    expect(FMT.percent).toMatch(/^\[\$-42A\]/);

    // One row per unit; the units add up to the province's headline figure.
    const units = wb.getWorksheet("Theo đơn vị");
    if (!units) throw new Error("no unit sheet");
    expect(units.rowCount - 1).toBe(loaded.inventory.units.length);
    const head = (units.getRow(1).values as unknown[]).slice(1);
    const passing = head.indexOf("Máy đạt cấu hình an toàn") + 1;
    let sum = 0;
    units.eachRow((row, i) => {
      if (i === 1) return;
      const v = row.getCell(passing).value;
      if (v !== null) {
        expect(typeof v).toBe("number");
        expect(row.getCell(passing).numFmt).toBe(FMT.count);
        sum += v as number;
      }
    });
    const m = reportModel({
      verdict: november,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative,
    });
    expect(sum).toBe(november.requirements.find((r) => r.id === m.headline?.id)?.measure?.numerator);
  });

  it("the Markdown holds no HTML entity, no ISO date, no English status and one spelling of minh chứng", () => {
    const md = files.get(REPORT_FILES.markdown) as string;
    expect(md).not.toMatch(/&[a-z]+;|&#\d+;/);
    expect(md).not.toMatch(/\b20\d\d-\d\d-\d\d\b|\b20\d\d-Q\d\b/);
    expect(md).not.toMatch(/\d\.\d+%/);
    expect(md).not.toMatch(/bằng chứng|\b(none|ongoing|pass|fail|evidence-missing)\b/);
    expect(md).toContain("minh chứng");
    // The hostile narrative text is escaped, not markup.
    expect(md).toContain("\\<b\\>đậm\\</b\\>");
    // Unit names, not IDs, in the body's findings.
    expect(md).not.toMatch(/\| unit hy-/);
  });

  const SOFFICE = "/usr/bin/soffice";
  const PDFTOPPM = "/usr/bin/pdftoppm";
  const tools = existsSync(SOFFICE) && existsSync(PDFTOPPM);
  if (!tools)
    console.warn(
      "SKIPPED: the .docx rendering test needs LibreOffice and poppler (apt-get install libreoffice-writer-nogui poppler-utils)",
    );
  it.skipIf(!tools)(
    "the .docx converts to PDF in LibreOffice: Decree 30 layout, sections, figures equal to verdict.json",
    () => {
      const out = mkdtempSync(join(tmpdir(), "attt-docx-"));
      const docx = join(out, REPORT_FILES.docx);
      writeFileSync(docx, files.get(REPORT_FILES.docx) as Uint8Array);
      execFileSync(
        SOFFICE,
        [
          "--headless",
          "--norestore",
          `-env:UserInstallation=file://${out}/profile`,
          "--convert-to",
          "pdf",
          "--outdir",
          out,
          docx,
        ],
        { stdio: "pipe", timeout: 120_000 },
      );
      const pdf = join(out, "bao-cao.pdf");
      execFileSync(PDFTOPPM, ["-r", "80", "-png", "-f", "1", "-l", "1", pdf, join(out, "page")]);
      const png = readFileSync(join(out, "page-01.png"));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      // A4 (210 x 297 mm) at 80 dpi: about 662 x 936 pixels.
      expect(Math.abs(png.readUInt32BE(16) - 662)).toBeLessThanOrEqual(2);
      expect(Math.abs(png.readUInt32BE(20) - 936)).toBeLessThanOrEqual(2);
      console.log(`page 1 of the report: ${join(out, "page-01.png")}`);

      const text = execFileSync("/usr/bin/pdftotext", ["-layout", pdf, "-"]).toString();
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("/usr/bin/pdfinfo", [pdf]).toString())?.[1]);
      expect(pages).toBeGreaterThan(2);
      const page1 = text.split("\f")[0] ?? "";
      for (const s of [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH HƯNG YÊN",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "/BC-SGDĐT",
        "Hưng Yên, ngày 25 tháng 11 năm 2026",
        "BÁO CÁO",
        "năm 2026",
        "Kính gửi: Ủy ban nhân dân tỉnh Hưng Yên.",
        "I. KẾT QUẢ THỰC HIỆN",
      ])
        expect(page1, s).toContain(s);
      const flat = text.replace(/\s+/g, " ");
      // Narrow columns break no ID and no word ("HY-EDU-/S01", "lần/nă m", "điể m"). The
      // conclusion's list of failing IDs is a justified paragraph: it may wrap at a hyphen.
      const tables = flat
        .replace(/Kết luận là CHƯA ĐẠT vì .*?\(chi tiết tại mục 2 và phần II\)/, "")
        .replace(/theo minh chứng kiểm tra \(HY-[A-Z]+- ?[A-Z]?\d+\)/, "");
      expect(tables).not.toMatch(/HY-(EDU|PROV)- [A-Z]?\d|HY- (EDU|PROV)|nă m|đi ểm|điể m|\d\.\d{1,2} \d/);
      // In reading order, a change in points keeps "điểm %" whole in its narrow column.
      const raw = execFileSync("/usr/bin/pdftotext", [pdf, "-"]).toString();
      expect(raw).toMatch(/[+-]\d[\d,]*\s+điểm\s%/);
      expect(raw).not.toMatch(/điể\s+m|đi\s+ểm|điểm\s*\n\s*%/);
      for (const s of [
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "Nơi nhận:",
        "- Lưu: VT, VP.",
        "KT. GIÁM ĐỐC",
        "Lê Thị Thanh Hương",
        // The hostile text is text: shown as written, the document still whole.
        "</w:t></w:r></w:p><w:p><w:r><w:t>CHÈN & <b>đậm</b> ]]> {{x}}",
      ])
        expect(flat, s).toContain(s);
      // The verdict's own conclusion, with its counts.
      const cc = november.conclusion.counts;
      expect(flat).toContain(
        `Kết luận: ${november.conclusion.vi} (${cc.met}/${cc.adopted} nhiệm vụ đạt, ${cc.failing} chưa đạt, ${cc.unproven} chưa đủ căn cứ)`,
      );

      // The tables' figures, cell by cell, from the document's XML.
      const xml = new TextDecoder().decode(
        unzipSync(files.get(REPORT_FILES.docx) as Uint8Array)["word/document.xml"],
      );
      const xmlUnescape = (s: string) =>
        s
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .replace(/&amp;/g, "&");
      const rows = xml
        .split("<w:tr")
        .slice(1)
        .map((row) =>
          row
            .split("<w:tc>")
            .slice(1)
            .map((cell) =>
              xmlUnescape([...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")),
            ),
        );
      let compared = 0;
      for (const r of november.requirements) {
        if (r.status === "not-applicable") continue;
        const row = rows.find((cells) => cells[0] === r.id && cells.length === 8);
        expect(row, r.id).toBeDefined();
        const m = r.measure;
        const prev = june.requirements.find((x) => x.id === r.id)?.measure;
        const money = r.policies.some((p) => p.startsWith("inv.budget"));
        const shown = (x: typeof m) =>
          !x
            ? "-"
            : x.denominator === undefined || money
              ? `${vn(x.value)}%`
              : `${vn(x.value)}% (${vn(x.numerator ?? 0)}/${vn(x.denominator)})`;
        expect(row?.[4], r.id).toBe(shown(m));
        expect(row?.[3], r.id).toBe(shown(prev));
        if (m) compared++;
      }
      expect(compared).toBeGreaterThan(10);
      for (const t of november.totals.fail ? ["Chưa đạt"] : []) {
        const row = rows.find((cells) => cells[0] === t && cells.length === 4);
        expect(row?.[2]).toBe(String(november.totals.fail));
        expect(row?.[1]).toBe(String(june.totals.fail));
      }
    },
    180_000,
  );
});

describe("attt report (CLI)", () => {
  it("writes the three files from two verdict.json files", async () => {
    const out = join(dir, "report");
    const r = await runCli([
      "report",
      "--narrative",
      NARRATIVE,
      "--period",
      "2026-H2",
      "--verdict",
      join(dir, "november.json"),
      "--previous",
      join(dir, "june.json"),
      "--out",
      out,
    ]);
    expect(r.stderr).toContain("wrote bao-cao.docx, phu-luc.xlsx, bao-cao.md");
    expect(r.exitCode).toBe(0);
    const md = readFileSync(join(out, REPORT_FILES.markdown), "utf8");
    expect(md).toContain("Kỳ trước");
    expect(md).toContain("BÁO CÁO");
  }, 120_000);

  it("refuses bad input with exit 2, saying where and what was expected, and writes nothing", async () => {
    const bad = join(dir, "bad-narrative.yaml");
    writeFileSync(bad, readFileSync(NARRATIVE, "utf8").replace("date: 2026-11-25", "date: 2026-02-30"));
    // Dated before its figures (20/11): the report cannot state them yet.
    const early = join(dir, "early-narrative.yaml");
    writeFileSync(early, readFileSync(NARRATIVE, "utf8").replace("date: 2026-11-25", "date: 2026-06-08"));
    const cases: Array<[string[], RegExp]> = [
      [["--period", "2026-H3"], /--period "2026-H3": expected a period such as 2026-H1/],
      [["--period", "2026", "--narrative", bad], /bad-narrative\.yaml:\d+:\d+.*date.*real calendar date/],
      [
        ["--period", "2026-H1", "--verdict", join(dir, "november.json")],
        /lỗi: --verdict .*số liệu ngày 20\/11\/2026 nằm ngoài kỳ 2026-H1[^\n]*\nerror: .*is as of 20\/11\/2026, outside the period 2026-H1 \(01\/01\/2026 - 30\/06\/2026\)/,
      ],
      [["--period", "2026", "--verdict", NARRATIVE], /report-narrative\.yaml.*(asOf|findings)/],
      [
        ["--period", "2026", "--verdict", join(dir, "november.json"), "--narrative", early],
        /early-narrative\.yaml:9:\d+: date: expected ngày báo cáo từ 20\/11\/2026 trở đi.*found 2026-06-08/,
      ],
      [
        ["--period", "2026", "--verdict", join(dir, "november.json"), "--previous", join(dir, "june.json")],
        /lỗi: --previous .*thuộc kỳ này \(.*\), không phải kỳ trước\nerror: --previous .*is as of 30\/06\/2026, not before this period begins \(01\/01\/2026\)/,
      ],
    ];
    // The six runs at once: each is a fresh process, most of its time spent starting.
    const runs = await Promise.all(
      cases.map(([args], i) => {
        const all = args.includes("--narrative") ? args : [...args, "--narrative", NARRATIVE];
        return runCli(["report", ...all, "--out", join(dir, `never-${i}`)]);
      }),
    );
    for (const [i, [args, message]] of cases.entries()) {
      const r = runs[i] as Awaited<ReturnType<typeof runCli>>;
      expect(r.exitCode, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, `never-${i}`))).toBe(false);
    }
  }, 240_000);
});

describe("the fresh-user trial's findings (the report renders verdict.json, and says the same in every file)", () => {
  const md = (v: Verdict, p = "2026") =>
    reportMarkdown(
      reportModel({ verdict: v, inventory: loaded.inventory, catalogue, period: period(p), narrative }),
    );
  /** The rows of the Markdown table under `heading`, split into cells. */
  const mdRows = (text: string, heading: string) => {
    const after = text.slice(text.indexOf(heading));
    const lines = after.split("\n").slice(1);
    const start = lines.findIndex((l) => l.startsWith("|"));
    const body: string[] = [];
    for (const l of lines.slice(start + 2)) {
      if (!l.startsWith("|")) break;
      body.push(l);
    }
    return body.map((l) =>
      l
        .slice(2, -2)
        .split(" | ")
        .map((c) => c.replace(/\\(.)/g, "$1")),
    );
  };

  it("a task the verdict passes is done in the periodic table; the overdue ones are check's own (report.vi.md)", () => {
    const text = md(november);
    const due = mdRows(text, "### 6. Thực hiện các nhiệm vụ định kỳ trong kỳ");
    expect(due.length).toBeGreaterThan(3);
    const status = new Map(november.requirements.map((r) => [r.id, r.status]));
    for (const [id, , , state] of due) {
      if (status.get(id as string) === "pass" || status.get(id as string) === "waived")
        expect(state, id).not.toMatch(/Quá hạn|chưa thực hiện|chưa có văn bản/);
    }
    // check's report.vi.md: its "Nhiệm vụ đã quá hạn" section, IDs in the first column.
    const check = renderReports(november, catalogue, ["markdown"], "vi", new Map(), loaded.inventory).get(
      "report.vi.md",
    ) as string;
    const section = check.slice(check.indexOf("## Nhiệm vụ đã quá hạn"));
    const checkOverdue = new Set(
      [
        ...section.slice(0, section.indexOf("\n## ", 3)).matchAll(/^\| ((?:HY|QN|HP)-[A-Z]+-[A-Z]?\d+) /gm),
      ].map((m) => m[1]),
    );
    const reportOverdue = new Set(due.filter((r) => r[3] === "Quá hạn, chưa thực hiện").map((r) => r[0]));
    expect(checkOverdue.size).toBeGreaterThan(0);
    expect([...reportOverdue].sort()).toEqual(
      [...checkOverdue].filter((id) => due.some((r) => r[0] === id)).sort(),
    );
    for (const id of reportOverdue) expect(checkOverdue.has(id), id as string).toBe(true);
  });

  it("explains the conclusion: met = pass + waived + recorded, the failing tasks by ID, what chưa đủ căn cứ is", () => {
    const text = md(november);
    const t = november.totals;
    const c = november.conclusion.counts;
    expect(t.pass + t.waived + t.recorded).toBe(c.met);
    expect(text).toContain(
      `${c.met} nhiệm vụ đạt gồm: đạt ${t.pass}, đạt (có miễn trừ) ${t.waived}, đạt (có hồ sơ) ${t.recorded}.`,
    );
    const failing = november.requirements.filter((r) => r.status === "fail").map((r) => r.id);
    expect(text).toContain(`Kết luận là CHƯA ĐẠT vì ${c.failing} nhiệm vụ`);
    expect(text).toContain(failing.join(", "));
    expect(text).toContain(`"Chưa đủ căn cứ" (${c.unproven} nhiệm vụ)`);
    // The table counts tasks only: shortcomings are a sentence, not a row of "Số nhiệm vụ".
    const counts = mdRows(text, "Số nhiệm vụ |");
    expect(counts.map((r) => r[0])).not.toContain("Tồn tại chưa khắc phục");
  });

  it("lists every waiver with reason, approver, decision, approval date and state, unapproved and expired included", async () => {
    const base = {
      scope: "*",
      approver: "Giám đốc Sở GDĐT",
      location: "w.yaml:1",
      expires: "2027-01-31",
    };
    const waivers = [
      {
        ...base,
        id: "HY-PROV-29",
        reason: "Đánh giá độc lập đã ký hợp đồng, thực hiện tháng 12/2026",
        status: "approved",
        approvedOn: "2026-11-02",
        decision: "Công văn 1620/SGDĐT-VP",
        state: "active",
        covers: 2,
      },
      {
        ...base,
        id: "HY-EDU-A11",
        scope: "unit hy-th-ky-ba",
        reason: "Trường mới sáp nhập, chưa có dòng dự toán riêng năm 2026",
        status: "requested",
        state: "not-approved",
        covers: 1,
      },
      {
        ...base,
        id: "HY-PROV-08",
        reason: "Gia hạn tập huấn đến hết quý III năm 2026 theo đề nghị",
        status: "approved",
        approvedOn: "2026-03-01",
        decision: "QĐ 12/QĐ-SGDĐT",
        expires: "2026-09-30",
        state: "expired",
        covers: 1,
      },
    ];
    const v = { ...november, waivers } as unknown as Verdict;
    const text = md(v);
    const rows = mdRows(text, "### 2. Miễn trừ");
    expect(rows).toEqual([
      [
        "HY-PROV-29",
        "toàn bộ nhiệm vụ",
        waivers[0]?.reason,
        "Giám đốc Sở GDĐT",
        "Công văn 1620/SGDĐT-VP, ngày 02/11/2026",
        "31/01/2027",
        "đang áp dụng (2 tồn tại)",
      ],
      [
        "HY-EDU-A11",
        "Trường Tiểu học Kỳ Bá",
        waivers[1]?.reason,
        "Giám đốc Sở GDĐT",
        "-",
        "31/01/2027",
        "chưa phê duyệt",
      ],
      [
        "HY-PROV-08",
        "toàn bộ nhiệm vụ",
        waivers[2]?.reason,
        "Giám đốc Sở GDĐT",
        "QĐ 12/QĐ-SGDĐT, ngày 01/03/2026",
        "30/09/2026",
        "hết hạn",
      ],
    ]);
    const files = await departmentReport({
      verdict: v,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(files.get(REPORT_FILES.xlsx) as Uint8Array) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Miễn trừ") as ExcelJS.Worksheet;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(expect.arrayContaining(["Quyết định", "Ngày phê duyệt", "Tình trạng"]));
    const row2 = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row2[head.indexOf("Quyết định")]).toBe("Công văn 1620/SGDĐT-VP");
    expect((row2[head.indexOf("Ngày phê duyệt")] as Date).toISOString().slice(0, 10)).toBe("2026-11-02");
    expect((sheet.getRow(3).values as unknown[])[head.indexOf("Tình trạng") + 1]).toBe("chưa phê duyệt");
    // The .docx holds the same table.
    const xml = new TextDecoder().decode(
      unzipSync(files.get(REPORT_FILES.docx) as Uint8Array)["word/document.xml"],
    );
    for (const s of ["Công văn 1620/SGDĐT-VP, ngày 02/11/2026", "chưa phê duyệt", "hết hạn"])
      expect(xml).toContain(s);
  });

  it("states the inputs the check read and those it lacked, with the number of skipped policies", () => {
    const text = md(november);
    const skipped = (prefix: string) =>
      november.policiesSkipped.filter((p) => p.id.startsWith(prefix)).length;
    expect(skipped("dc.")).toBeGreaterThan(0);
    expect(text).toContain(
      `cấu hình trung tâm dữ liệu do công cụ sinh ra (chưa phải số liệu đo trên hệ thống đang chạy) (${skipped("dc.")} nội dung kiểm tra chưa thực hiện)`,
    );
    expect(text).toContain(`gói cấu hình máy tính (${skipped("bundle.")} nội dung kiểm tra chưa thực hiện)`);
    // Without machine evidence the report does not claim it.
    const noEvidence = {
      ...november,
      policiesRun: november.policiesRun.filter((p) => !p.startsWith("evidence.")),
    } as Verdict;
    const source = md(noEvidence)
      .split("\n")
      .find((l) => l.startsWith("Số liệu trong báo cáo")) as string;
    expect(source).not.toContain("minh chứng kiểm tra từ máy tính");
    expect(md(november)).toContain("minh chứng kiểm tra từ máy tính của các đơn vị");
  });

  it("shows each figure's coverage as counted, and why a task whose figure meets its target fails", () => {
    const text = md(november);
    let described = 0;
    const rows = mdRows(text, "#### 2.1.").concat(mdRows(text, "#### 2.2."));
    for (const r of november.requirements) {
      const cov = r.measure?.coverage;
      const row = rows.find((x) => x[0] === r.id);
      if (!cov || !row) continue;
      expect(row[4], r.id).toMatch(new RegExp(`^${vn(cov.withData)}/${vn(cov.population)} \\(`));
      // What the population is, as the policy that counted it says it in Vietnamese.
      if (cov.vi) {
        expect(row[4], r.id).toMatch(new RegExp(`\\) ${cov.vi}$`));
        described++;
      }
      const open = r.findings - r.waivedFindings - r.technicalExceptions;
      if (r.status === "fail" && open > 0) expect(row[6], r.id).toBe(`Chưa đạt (${open} tồn tại, mục II)`);
    }
    expect(described).toBeGreaterThan(0);
    expect(text).not.toContain("toàn bộ dự toán");
  });

  it("has the .docx's sections, in the same order, and names each subject once", async () => {
    const text = md(november);
    const headings = [...text.matchAll(/^#{2,3} ((?:[IV]+|\d)\. .+)$/gm)].map((m) => m[1] as string);
    expect(headings).toContain("5. Các đơn vị còn nhiều tồn tại");
    const files = await departmentReport({
      verdict: november,
      inventory: loaded.inventory,
      catalogue,
      period: period("2026"),
      narrative,
    });
    const xml = new TextDecoder().decode(
      unzipSync(files.get(REPORT_FILES.docx) as Uint8Array)["word/document.xml"],
    );
    let at = 0;
    for (const h of headings) {
      const i = xml.indexOf(`>${h}<`, at);
      expect(i, h).toBeGreaterThan(at);
      at = i;
    }
    for (const line of text.split("\n")) {
      expect(line).not.toMatch(/Hệ thống Hệ thống|Miễn trừ: miễn trừ/i);
      const m = /\| ([^|:]{6,}): \1/.exec(line);
      expect(m?.[0], line).toBeUndefined();
    }
    // The body names units, not their IDs, and leaves the inventory's field names to the appendix.
    const body = text.slice(0, text.indexOf("## Phụ lục"));
    for (const u of loaded.inventory.units)
      expect(body, u.id).not.toMatch(new RegExp(`(?<![\\w-])${u.id}(?![\\w-])`));
    expect(body).not.toMatch(/\((protection\.socMonitored|lastAssessmentOn|role server, sharedData: true)\)/);
    expect(body).not.toMatch(/\| sự cố /);
    // The unit-type table adds up to the total less the shortcomings of no unit, which a note counts.
    const open = november.findings.filter((f) => !f.waiver && !f.technicalException);
    const noUnit = open.filter((f) => !f.unit).length;
    if (noUnit > 0) expect(text).toContain(`không gồm ${noUnit} tồn tại không thuộc đơn vị nào`);
    const byType = mdRows(text, "### 3. Kết quả theo loại hình đơn vị");
    expect(byType.reduce((n, r) => n + Number(r[5]), 0)).toBe(open.length - noUnit);
  });
});
