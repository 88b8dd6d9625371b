/**
 * The one place the Department's report reads a verdict (verdict.json, or a check run for
 * the report). Everything the .docx, the .xlsx appendix and the Markdown report show is
 * shaped here, in Vietnamese as an official writes it; the renderers only lay it out.
 *
 * Fields the verdict does not carry yet are derived here, and marked so (`derived`):
 * - the conclusion (ĐẠT / CHƯA ĐẠT / CHƯA ĐỦ CĂN CỨ), from the statuses;
 * - coverage (how much of the population had data), from the measure's denominator and
 *   the machines that sent no evidence (the evidence policy's findings);
 * - evidence submission per unit, likewise.
 * When the verdict gains these fields, read them here instead and the reports follow.
 */
import { z } from "zod";
import { controlById } from "../../baselines/controls/index.js";
import { type Inventory, IsoDate, type UnitType } from "../../model/inventory.js";
import type { Catalogue } from "../../model/load-catalogue.js";
import { InputError, type Problem } from "../../model/problems.js";
import type { Narrative } from "../../model/report-narrative.js";
import { readYaml, validate } from "../../model/yaml-source.js";
import type { RequirementStatus, Verdict, WaivedFinding } from "../engine.js";
import { STATUS_LABEL } from "./labels.js";
import { type DueDate, dueDates, dueState, type Period } from "./period.js";
import { clip, oneLine, viDeadline, viOrder, viText } from "./vi-format.js";

export type Conclusion = "ĐẠT" | "CHƯA ĐẠT" | "CHƯA ĐỦ CĂN CỨ";

/** One wording of the statuses in every format: the console's, the check's reports' and this report's. */
export const STATUS_VI: Record<RequirementStatus, string> = STATUS_LABEL.vi;

export const UNIT_TYPE_VI: Record<UnitType, string> = {
  department: "Sở Giáo dục và Đào tạo",
  "department-office": "Phòng, ban thuộc Sở",
  preschool: "Mầm non",
  primary: "Tiểu học",
  "lower-secondary": "Trung học cơ sở",
  "upper-secondary": "Trung học phổ thông",
  "continuing-education": "Giáo dục nghề nghiệp - Giáo dục thường xuyên",
  commune: "UBND xã, phường",
};

export const NO_COMMUNE = "(chưa khai báo xã, phường)";

/** x of y, and the percentage. */
export interface Share {
  numerator: number;
  denominator: number;
  value: number;
}

export interface Coverage {
  /** How many of the population had data. */
  counted: number;
  population: number;
  /** Computed by this adapter (the verdict does not carry coverage yet). */
  derived: boolean;
}

export interface Task {
  id: string;
  document: string;
  text: string;
  /** The text cut between words, for tables. */
  short: string;
  target?: { comparator: string; value: number; unit: string };
  /** The measured figure this period, and last period's when a previous verdict was given. */
  result?: Share | { value: number };
  previous?: Share | { value: number };
  coverage?: Coverage;
  status: RequirementStatus;
  statusVi: string;
  conclusion: Conclusion;
  deadline: string;
  deadlineVi: string;
  deadlinePassed: boolean;
  open: number;
  waived: number;
  /** Counted in đồng (budget shares), not in things. */
  money: boolean;
}

export interface UnitRow {
  id: string;
  name: string;
  type: UnitType;
  typeVi: string;
  commune: string;
  machines: number;
  /** Machines that sent evidence, of `machines`; absent when no evidence was checked. */
  evidence?: { sent: number; expected: number };
  open: number;
  waived: number;
  /** The headline measure for this unit (machines passing their audit), when measured. */
  headline?: Share;
  /** Every per-unit figure, by requirement ID. */
  figures: Record<string, Share>;
}

export interface GroupRow {
  key: string;
  label: string;
  units: number;
  machines: number;
  evidence?: { sent: number; expected: number };
  open: number;
  headline?: Share;
}

export interface FindingGroup {
  unit: string;
  unitName: string;
  /** What is wrong, in Vietnamese, without file paths or field names. */
  what: string;
  count: number;
  requirements: string[];
  waived: boolean;
}

export interface TechnicalRow {
  requirements: string;
  policy: string;
  subject: string;
  unit: string;
  message: string;
  fix: string;
  location: string;
  waiver: string;
}

export interface DueRow extends DueDate {
  text: string;
}

export interface ReportModel {
  provinceName: string;
  asOf: string;
  period: Period;
  narrative: Narrative;
  conclusion: Conclusion;
  conclusionDerived: boolean;
  /** Requirement counts by status, this period and last. */
  totals: Array<{ status: RequirementStatus; label: string; count: number; previous?: number }>;
  open: { now: number; previous?: number };
  previousAsOf?: string;
  documents: Array<{ id: string; title: string; tasks: Task[] }>;
  due: DueRow[];
  headline?: { id: string; text: string; value: Share; previous?: Share };
  units: UnitRow[];
  byType: GroupRow[];
  byCommune: GroupRow[];
  findingGroups: FindingGroup[];
  technical: TechnicalRow[];
  waivers: Array<{ scope: string; reason: string; approver: string; expires: string; state: string }>;
  /** Figure columns of the unit sheet: requirement IDs with a per-unit breakdown. */
  unitFigures: Array<{ id: string; text: string; money: boolean }>;
}

const CONCLUSION_OF: Record<RequirementStatus, Conclusion> = {
  pass: "ĐẠT",
  waived: "ĐẠT",
  fail: "CHƯA ĐẠT",
  "evidence-missing": "CHƯA ĐỦ CĂN CỨ",
  manual: "CHƯA ĐỦ CĂN CỨ",
  "not-applicable": "ĐẠT",
};

const EVIDENCE_POLICY = "evidence.controls.pass-share";

export function reportModel(args: {
  verdict: Verdict;
  previous?: Verdict;
  inventory: Inventory;
  catalogue: Catalogue;
  period: Period;
  narrative: Narrative;
}): ReportModel {
  const { verdict: v, previous: pv, inventory, catalogue, period, narrative } = args;
  const adopted = v.requirements.filter((r) => r.status !== "not-applicable");
  const unitsById = new Map(inventory.units.map((u) => [u.id, u]));

  // Machines that sent no evidence, per requirement and per unit (see the module comment).
  const evidenceRan = v.policiesRun.includes(EVIDENCE_POLICY);
  const missingByReq = new Map<string, number>();
  const missingByUnit = new Map<string, number>();
  for (const f of v.findings) {
    const n = missingEvidence(f);
    if (n === undefined) continue;
    for (const r of f.requirements) missingByReq.set(r, (missingByReq.get(r) ?? 0) + n);
    if (f.unit) missingByUnit.set(f.unit, (missingByUnit.get(f.unit) ?? 0) + n);
  }

  const prevReq = new Map((pv?.requirements ?? []).map((r) => [r.id, r]));
  const tasks: Task[] = adopted.map((r) => {
    const req = catalogue.requirements.get(r.id);
    const text = viText(oneLine(r.vi.text));
    const mine = v.findings.filter((f) => f.requirements.includes(r.id));
    const measure = r.measure;
    const prev = prevReq.get(r.id)?.measure;
    const task: Task = {
      id: r.id,
      document: r.document,
      text,
      short: clip(text, 200),
      status: r.status,
      statusVi: STATUS_VI[r.status],
      conclusion: conclusionOf(r),
      deadline: r.deadline,
      deadlineVi: viText(oneLine(req?.deadline_vi ?? viDeadline(r.deadline))),
      deadlinePassed: r.deadlinePassed,
      open: mine.filter((f) => !f.waiver).length,
      waived: mine.filter((f) => f.waiver).length,
      money: r.policies.some((p) => p.startsWith("inv.budget")),
    };
    if (r.target)
      task.target = { comparator: r.target.comparator, value: r.target.value, unit: r.target.unit };
    if (measure) task.result = shareOf(measure);
    if (prev) task.previous = shareOf(prev);
    if (measure?.denominator !== undefined) {
      const missing = missingByReq.get(r.id) ?? 0;
      task.coverage = {
        counted: measure.denominator - missing,
        population: measure.denominator,
        derived: true,
      };
    }
    return task;
  });

  const documents = catalogue.documents
    .filter((d) => tasks.some((t) => t.document === d.document.id))
    .map((d) => ({
      id: d.document.id,
      title: viText(oneLine(d.document.title_vi)),
      tasks: tasks.filter((t) => t.document === d.document.id),
    }));

  // Per-unit figures: every measure broken down by unit ("<unit> <role>", "<unit> <year>").
  const unitFigures: ReportModel["unitFigures"] = [];
  const figureByUnit = new Map<string, Record<string, Share>>();
  for (const r of adopted) {
    const b = r.measure?.breakdown;
    if (!b?.length) continue;
    unitFigures.push({
      id: r.id,
      text: clip(viText(r.vi.text), 120),
      money: r.policies.some((p) => p.startsWith("inv.budget")),
    });
    for (const row of b) {
      const unit = row.key.split(" ")[0] ?? row.key;
      const figs = figureByUnit.get(unit) ?? {};
      const had = figs[r.id] ?? { numerator: 0, denominator: 0, value: 0 };
      const numerator = had.numerator + row.numerator;
      const denominator = had.denominator + row.denominator;
      figs[r.id] = { numerator, denominator, value: pct(numerator, denominator) };
      figureByUnit.set(unit, figs);
    }
  }
  // The headline: the machine measure counting the most machines (the plans' "100% máy tính ...").
  const headlineReq = adopted
    .filter((r) => r.policies.includes(EVIDENCE_POLICY) && r.measure?.breakdown?.length)
    .sort(
      (a, b) => (b.measure?.denominator ?? 0) - (a.measure?.denominator ?? 0) || a.id.localeCompare(b.id),
    )[0];

  const openByUnit = new Map<string, { open: number; waived: number }>();
  for (const f of v.findings) {
    if (!f.unit) continue;
    const c = openByUnit.get(f.unit) ?? { open: 0, waived: 0 };
    if (f.waiver) c.waived++;
    else c.open++;
    openByUnit.set(f.unit, c);
  }

  const units: UnitRow[] = inventory.units
    .map((u) => {
      const machines = u.machines.reduce((n, g) => n + g.count, 0);
      const figures = figureByUnit.get(u.id) ?? {};
      const row: UnitRow = {
        id: u.id,
        name: u.name,
        type: u.type,
        typeVi: UNIT_TYPE_VI[u.type],
        commune: u.commune ?? NO_COMMUNE,
        machines,
        open: openByUnit.get(u.id)?.open ?? 0,
        waived: openByUnit.get(u.id)?.waived ?? 0,
        figures,
      };
      if (evidenceRan) row.evidence = { sent: machines - (missingByUnit.get(u.id) ?? 0), expected: machines };
      const h = headlineReq ? figures[headlineReq.id] : undefined;
      if (h) row.headline = h;
      return row;
    })
    .sort((a, b) => viOrder(a.name, b.name) || a.id.localeCompare(b.id));

  const typeOrder = Object.keys(UNIT_TYPE_VI);
  const byType = groupUnits(
    units,
    (u) => u.type,
    (u) => u.typeVi,
  ).sort((a, b) => typeOrder.indexOf(a.key) - typeOrder.indexOf(b.key));
  const byCommune = groupUnits(
    units,
    (u) => u.commune,
    (u) => u.commune,
  ).sort((a, b) => (a.key === NO_COMMUNE ? 1 : b.key === NO_COMMUNE ? -1 : viOrder(a.label, b.label)));

  const due: DueRow[] = [];
  for (const t of tasks) {
    const req = catalogue.requirements.get(t.id);
    const records = narrative.records.filter((r) => r.requirement === t.id);
    let after: string | undefined;
    for (const d of dueDates(t.deadline, req?.deadline_vi, period)) {
      due.push({ requirement: t.id, due: d, text: t.short, ...dueState(d, after, v.asOf, records, period) });
      after = d;
    }
  }
  due.sort((a, b) => a.due.localeCompare(b.due) || a.requirement.localeCompare(b.requirement));

  const prevTotals = pv?.totals;
  const statuses = Object.keys(v.totals) as RequirementStatus[];
  const headlineMeasure = headlineReq?.measure;
  const prevHeadline = headlineReq ? prevReq.get(headlineReq.id)?.measure : undefined;
  return {
    provinceName: v.provinceName,
    asOf: v.asOf,
    period,
    narrative,
    ...overallConclusion(v),
    totals: statuses
      .filter((s) => s !== "not-applicable")
      .map((s) => ({
        status: s,
        label: STATUS_VI[s],
        count: v.totals[s],
        ...(prevTotals ? { previous: prevTotals[s] } : {}),
      })),
    open: {
      now: v.findings.filter((f) => !f.waiver).length,
      ...(pv ? { previous: pv.findings.filter((f) => !f.waiver).length } : {}),
    },
    ...(pv ? { previousAsOf: pv.asOf } : {}),
    documents,
    due,
    ...(headlineReq && headlineMeasure
      ? {
          headline: {
            id: headlineReq.id,
            text: viText(headlineReq.vi.text),
            value: shareOf(headlineMeasure) as Share,
            ...(prevHeadline ? { previous: shareOf(prevHeadline) as Share } : {}),
          },
        }
      : {}),
    units,
    byType,
    byCommune,
    findingGroups: groupFindings(v.findings, inventory),
    technical: v.findings.map((f) => ({
      requirements: f.requirements.join(", "),
      policy: f.policy,
      subject: f.subject,
      unit: f.unit ? (unitsById.get(f.unit)?.name ?? f.unit) : "",
      message: viText(f.vi.message),
      fix: viText(f.vi.fix),
      location: f.location ?? "",
      waiver: f.waiver ?? "",
    })),
    waivers: v.waivers.map((w) => ({
      scope: `${w.id} ${w.scope}`,
      reason: w.reason,
      approver: w.approver,
      expires: w.expires,
      state: { active: "đang áp dụng", expired: "đã hết hạn", unused: "không dùng đến" }[w.state],
    })),
    unitFigures,
  };
}

const pct = (n: number, d: number) => (d === 0 ? 100 : Math.round((n / d) * 10000) / 100);

function shareOf(m: { value: number; numerator?: number; denominator?: number }): Share | { value: number } {
  return m.numerator !== undefined && m.denominator !== undefined
    ? { numerator: m.numerator, denominator: m.denominator, value: m.value }
    : { value: m.value };
}

/** The verdict's own conclusion when it has one (issue 10), else derived from the statuses. */
function conclusionOf(r: Verdict["requirements"][number]): Conclusion {
  const own = (r as { conclusion?: unknown }).conclusion;
  if (own === "ĐẠT" || own === "CHƯA ĐẠT" || own === "CHƯA ĐỦ CĂN CỨ") return own;
  return CONCLUSION_OF[r.status];
}

function overallConclusion(v: Verdict): { conclusion: Conclusion; conclusionDerived: boolean } {
  const own = (v as { conclusion?: unknown }).conclusion;
  if (own === "ĐẠT" || own === "CHƯA ĐẠT" || own === "CHƯA ĐỦ CĂN CỨ")
    return { conclusion: own, conclusionDerived: false };
  const all = v.requirements.filter((r) => r.status !== "not-applicable").map(conclusionOf);
  const conclusion = all.includes("CHƯA ĐẠT")
    ? "CHƯA ĐẠT"
    : all.includes("CHƯA ĐỦ CĂN CỨ")
      ? "CHƯA ĐỦ CĂN CỨ"
      : "ĐẠT";
  return { conclusion, conclusionDerived: true };
}

/** Machines a "sent no evidence" finding counts ("3 of 12 teacher machines of ... sent no evidence"). */
function missingEvidence(f: WaivedFinding): number | undefined {
  if (f.policy !== EVIDENCE_POLICY || !f.subject.startsWith("bundle ")) return undefined;
  const m = /^(\d+) of \d+ .* sent no evidence/.exec(f.message);
  return m ? Number(m[1]) : undefined;
}

function groupUnits(
  units: UnitRow[],
  key: (u: UnitRow) => string,
  label: (u: UnitRow) => string,
): GroupRow[] {
  const groups = new Map<string, GroupRow & { hn: number; hd: number; es: number; ee: number }>();
  for (const u of units) {
    const k = key(u);
    const g = groups.get(k) ?? {
      key: k,
      label: label(u),
      units: 0,
      machines: 0,
      open: 0,
      hn: 0,
      hd: 0,
      es: 0,
      ee: 0,
    };
    g.units++;
    g.machines += u.machines;
    g.open += u.open;
    if (u.headline) {
      g.hn += u.headline.numerator;
      g.hd += u.headline.denominator;
    }
    if (u.evidence) {
      g.es += u.evidence.sent;
      g.ee += u.evidence.expected;
    }
    groups.set(k, g);
  }
  const anyEvidence = units.some((u) => u.evidence);
  return [...groups.values()].map(({ hn, hd, es, ee, ...g }) => ({
    ...g,
    ...(hd > 0 ? { headline: { numerator: hn, denominator: hd, value: pct(hn, hd) } } : {}),
    ...(anyEvidence ? { evidence: { sent: es, expected: ee } } : {}),
  }));
}

/**
 * Findings as the body shows them: machine findings grouped to one line per unit and
 * control (with the number of machines), the others one line each with the names of
 * units, systems and people instead of their IDs.
 */
function groupFindings(findings: WaivedFinding[], inventory: Inventory): FindingGroup[] {
  const unitName = new Map(inventory.units.map((u) => [u.id, u.name]));
  const groups = new Map<string, FindingGroup>();
  const add = (unit: string, what: string, requirements: string[], waived: boolean, n = 1) => {
    const k = `${unit}\u0000${what}\u0000${waived}`;
    const g = groups.get(k);
    if (g) {
      g.count += n;
      for (const r of requirements) if (!g.requirements.includes(r)) g.requirements.push(r);
      return;
    }
    groups.set(k, {
      unit,
      unitName: unit ? (unitName.get(unit) ?? unit) : "",
      what,
      count: n,
      requirements: [...requirements],
      waived,
    });
  };
  for (const f of findings) {
    const unit = f.unit ?? "";
    const waived = Boolean(f.waiver);
    if (f.policy === EVIDENCE_POLICY && f.subject.startsWith("machine ")) {
      const fails = /fails (.+)$/.exec(f.message)?.[1];
      if (fails) {
        for (const id of fails.split(", ")) {
          const title = controlById.get(id)?.title.vi ?? id;
          add(unit, `Máy tính chưa đạt yêu cầu cấu hình: ${viText(title)}`, f.requirements, waived);
        }
      } else add(unit, "Máy tính được kiểm tra theo gói cấu hình cũ", f.requirements, waived);
      continue;
    }
    add(unit, `${subjectVi(f.subject, inventory)}: ${viText(f.vi.message)}`, f.requirements, waived);
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.waived) - Number(b.waived) ||
      b.count - a.count ||
      viOrder(a.unitName, b.unitName) ||
      viOrder(a.what, b.what),
  );
}

/** A finding's subject by name: "Trường Mầm non Hoa Mai", "hệ thống Học bạ số", "ông/bà Trần Văn Bình". */
export function subjectVi(subject: string, inventory: Inventory): string {
  const space = subject.indexOf(" ");
  const kind = subject.slice(0, space);
  const id = subject.slice(space + 1);
  const byId = <T extends { id: string; name: string }>(list: T[]) => list.find((x) => x.id === id)?.name;
  switch (kind) {
    case "unit":
      return byId(inventory.units) ?? id;
    case "system":
      return `Hệ thống ${byId(inventory.systems) ?? id}`;
    case "person":
      return byId(inventory.staff) ?? id;
    case "vendor":
      return byId(inventory.vendors) ?? id;
    case "account":
      return `Tài khoản ${id.replace(" on ", " trên ")}`;
    case "bundle": {
      const unit = inventory.units.find((u) => id.startsWith(`${u.id}/`));
      return unit ? `Gói cấu hình của ${unit.name}` : `Gói cấu hình ${id}`;
    }
    case "waiver":
      return "Miễn trừ";
    default:
      return clip(subject, 80);
  }
}

/**
 * verdict.json as the report reads it: the fields used here are checked (with file:line
 * when one is wrong); fields added later (issue 10's conclusion, coverage) pass through.
 */
const MeasureFile = z.looseObject({
  requirement: z.string(),
  value: z.number(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  breakdown: z
    .array(
      z.looseObject({ key: z.string(), value: z.number(), numerator: z.number(), denominator: z.number() }),
    )
    .optional(),
});
const VerdictFile = z.looseObject({
  asOf: IsoDate,
  province: z.string().min(1),
  provinceName: z.string().min(1),
  findings: z.array(
    z.looseObject({
      policy: z.string(),
      requirements: z.array(z.string()),
      subject: z.string(),
      message: z.string(),
      fix: z.string(),
      vi: z.looseObject({ message: z.string(), fix: z.string() }),
      unit: z.string().optional(),
      location: z.string().optional(),
      waiver: z.string().optional(),
    }),
  ),
  requirements: z.array(
    z.looseObject({
      id: z.string(),
      document: z.string(),
      vi: z.looseObject({ text: z.string() }),
      status: z.enum(["pass", "fail", "waived", "evidence-missing", "manual", "not-applicable"]),
      target: z.unknown(),
      measure: MeasureFile.optional(),
      deadline: z.string(),
      deadlinePassed: z.boolean(),
      policies: z.array(z.string()),
    }),
  ),
  waivers: z.array(
    z.looseObject({
      id: z.string(),
      scope: z.string(),
      reason: z.string(),
      approver: z.string(),
      expires: z.string(),
      state: z.enum(["active", "expired", "unused"]),
    }),
  ),
  policiesRun: z.array(z.string()),
  totals: z.record(z.string(), z.number()),
});

export function loadVerdict(file: string): Verdict {
  const problems: Problem[] = [];
  const src = readYaml(file, problems);
  const parsed = src ? validate(src, VerdictFile, problems) : null;
  if (!src || !parsed) throw new InputError(problems);
  return parsed as unknown as Verdict;
}
