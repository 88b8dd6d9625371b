/**
 * The one place the Department's report reads a verdict (verdict.json, or a check run for
 * the report). Everything the .docx, the .xlsx appendix and the Markdown report show is
 * shaped here, in Vietnamese as an official writes it; the renderers only lay it out.
 *
 * Nothing the verdict states is computed again here: the conclusion and its counts, each
 * headline measure with its coverage and the policy that counted it, what each status rests
 * on (basis, configuredBy), the periodic deadlines, waived findings and technical exceptions
 * are the verdict's own. Evidence submission per unit is the evidence policy's per-unit
 * coverage (the headline measure's breakdown); the due dates of the period are met by the
 * record register's documents (attt check --records), never by the narrative, which is text only.
 */
import { z } from "zod";
import { controlById } from "../../baselines/controls/index.js";
import { type Inventory, IsoDate, type UnitType } from "../../model/inventory.js";
import type { Catalogue } from "../../model/load-catalogue.js";
import { InputError, type Problem } from "../../model/problems.js";
import type { Narrative } from "../../model/report-narrative.js";
import { readYaml, validate } from "../../model/yaml-source.js";
import { planStart } from "../deadline.js";
import type { RequirementStatus, RequirementVerdict, Verdict, WaivedFinding } from "../engine.js";
import { conclude, REQUIREMENT_STATUSES } from "../status.js";
import { STATUS_LABEL, WAIVER_STATE } from "./labels.js";
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

/** The verdict's coverage of a figure: how much of its population had data. */
export interface Coverage {
  /** How many of the population had data. */
  counted: number;
  population: number;
  /** What the population is, in Vietnamese, when the verdict says it (coverage.vi). */
  of?: string;
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
  /** The policy that counted the headline figure. */
  policy?: string;
  /** What the status rests on (measured inputs, records), and the bundle-only policies. */
  basis: RequirementVerdict["basis"];
  configuredBy: string[];
  /** The periodic deadline at asOf (next due date, whether the last one was missed). */
  due?: RequirementVerdict["due"];
  technicalExceptions: number;
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
  /** The verdict's status of the requirement, in words (a due date met by a measure shows it). */
  statusVi: string;
}

/** The kinds of input a check reads, as the report names them. */
export const INPUT_VI = {
  inventory: "danh mục hạ tầng và đơn vị (inventory)",
  stacks: "cấu hình trung tâm dữ liệu do công cụ sinh ra (chưa phải số liệu đo trên hệ thống đang chạy)",
  bundles: "gói cấu hình máy tính",
  evidence: "minh chứng kiểm tra từ máy tính của các đơn vị",
  records: "sổ hồ sơ, văn bản đã thực hiện",
} as const;
export type InputKind = keyof typeof INPUT_VI;

export interface WaiverRow {
  /** The requirement or policy waived, and what it covers ("*": the whole requirement). */
  id: string;
  scope: string;
  reason: string;
  approver: string;
  /** The approval document (số văn bản) and its date, when given. */
  decision: string;
  approvedOn: string;
  expires: string;
  /** đang áp dụng / hết hạn / chưa phê duyệt / không dùng đến. */
  state: string;
  /** Findings it waives (0 unless in force). */
  waives: number;
}

export interface ReportModel {
  provinceName: string;
  asOf: string;
  period: Period;
  narrative: Narrative;
  conclusion: Conclusion;
  /** The verdict's counts behind the conclusion. */
  conclusionCounts: Verdict["conclusion"]["counts"];
  /** Requirement counts by status, this period and last. */
  totals: Array<{ status: RequirementStatus; label: string; count: number; previous?: number }>;
  open: { now: number; previous?: number };
  previousAsOf?: string;
  documents: Array<{ id: string; title: string; tasks: Task[] }>;
  due: DueRow[];
  headline?: { id: string; text: string; value: Share; previous?: Share };
  units: UnitRow[];
  /** Units with open shortcomings, the most first (the body names the first BODY_UNITS). */
  worst: UnitRow[];
  byType: GroupRow[];
  byCommune: GroupRow[];
  findingGroups: FindingGroup[];
  technical: TechnicalRow[];
  waivers: WaiverRow[];
  /** Which inputs the check read, and which it lacked (with how many policies were skipped for each). */
  inputs: { used: InputKind[]; missing: Array<{ input: InputKind; policies: number }> };
  /** Open shortcomings of no unit (a vendor, a province-wide system): "Toàn tỉnh" in the tables. */
  openProvinceWide: number;
  /** The data centre's declared exceptions (ngoại lệ kỹ thuật): not waivers. */
  technicalExceptions: Array<{ subject: string; requirements: string; reason: string }>;
  /** Figure columns of the unit sheet: requirement IDs with a per-unit breakdown. */
  unitFigures: Array<{ id: string; text: string; money: boolean }>;
}

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

  const prevReq = new Map((pv?.requirements ?? []).map((r) => [r.id, r]));
  const tasks: Task[] = adopted.map((r) => {
    const req = catalogue.requirements.get(r.id);
    const text = viText(oneLine(r.vi.text));
    const measure = r.measure;
    const prev = prevReq.get(r.id)?.measure;
    const task: Task = {
      id: r.id,
      document: r.document,
      text,
      short: clip(text, 200),
      basis: r.basis,
      configuredBy: r.configuredBy,
      ...(r.due ? { due: r.due } : {}),
      technicalExceptions: r.technicalExceptions,
      status: r.status,
      statusVi: STATUS_VI[r.status],
      conclusion: conclude([r.status]).vi as Conclusion,
      deadline: r.deadline,
      deadlineVi: viText(oneLine(req?.deadline_vi ?? viDeadline(r.deadline))),
      deadlinePassed: r.deadlinePassed,
      open: r.findings - r.waivedFindings - r.technicalExceptions,
      waived: r.waivedFindings,
      money: r.policies.some((p) => p.startsWith("inv.budget")),
    };
    if (r.target)
      task.target = { comparator: r.target.comparator, value: r.target.value, unit: r.target.unit };
    if (measure) {
      task.result = shareOf(measure);
      task.policy = measure.policy;
    }
    if (prev) task.previous = shareOf(prev);
    if (measure?.coverage)
      task.coverage = {
        counted: measure.coverage.withData,
        population: measure.coverage.population,
        ...(measure.coverage.vi ? { of: measure.coverage.vi } : {}),
      };
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
    .filter((r) => r.measure?.policy === EVIDENCE_POLICY && r.measure.breakdown?.length)
    .sort(
      (a, b) => (b.measure?.denominator ?? 0) - (a.measure?.denominator ?? 0) || a.id.localeCompare(b.id),
    )[0];

  // Evidence submission per unit: the evidence policy's coverage of the headline machine measure.
  const evidenceRan = v.policiesRun.includes(EVIDENCE_POLICY);
  const evidenceByUnit = new Map<string, { sent: number; expected: number }>();
  for (const row of headlineReq?.measure?.breakdown ?? []) {
    const unit = row.key.split(" ")[0] ?? row.key;
    const had = evidenceByUnit.get(unit) ?? { sent: 0, expected: 0 };
    evidenceByUnit.set(unit, {
      sent: had.sent + (row.withData ?? row.denominator),
      expected: had.expected + row.denominator,
    });
  }

  const openByUnit = new Map<string, { open: number; waived: number }>();
  for (const f of v.findings) {
    if (!f.unit || f.technicalException) continue;
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
      if (evidenceRan) row.evidence = evidenceByUnit.get(u.id) ?? { sent: 0, expected: 0 };
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

  // Due dates in the period, met by the record register's documents (the verdict's records).
  const due: DueRow[] = [];
  for (const r of adopted) {
    const req = catalogue.requirements.get(r.id);
    const text = tasks.find((t) => t.id === r.id)?.short ?? r.id;
    // Named by number in the body; its file:line (b.source) is a technical detail.
    const records = (r.records ?? []).flatMap((b) =>
      b.date ? [{ on: b.date, ...(b.number ? { ref: b.number } : {}) }] : [],
    );
    const dates = dueDates(
      r.deadline,
      {
        planStart: planStart(req?.document.date ?? period.start),
        ...(req?.due_before ? { before: req.due_before } : {}),
      },
      period,
    );
    for (const d of dates)
      due.push({
        requirement: r.id,
        due: d.due,
        text,
        statusVi: STATUS_VI[r.status],
        ...dueState(d.due, d.after, v.asOf, records, r),
      });
  }
  due.sort((a, b) => a.due.localeCompare(b.due) || a.requirement.localeCompare(b.requirement));

  const prevTotals = pv?.totals;
  const statuses = REQUIREMENT_STATUSES;
  const headlineMeasure = headlineReq?.measure;
  const prevHeadline = headlineReq ? prevReq.get(headlineReq.id)?.measure : undefined;
  return {
    provinceName: v.provinceName,
    asOf: v.asOf,
    period,
    narrative,
    conclusion: v.conclusion.vi as Conclusion,
    conclusionCounts: v.conclusion.counts,
    totals: statuses
      .filter((s) => s !== "not-applicable")
      .map((s) => ({
        status: s,
        label: STATUS_VI[s],
        count: v.totals[s],
        ...(prevTotals ? { previous: prevTotals[s] } : {}),
      })),
    open: {
      now: v.findings.filter(isOpen).length,
      ...(pv ? { previous: pv.findings.filter(isOpen).length } : {}),
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
    worst: units.filter((u) => u.open > 0).sort((a, b) => b.open - a.open || viOrder(a.name, b.name)),
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
      id: w.id,
      scope: w.scope === "*" ? "toàn bộ nhiệm vụ" : subjectVi(w.scope, inventory),
      reason: viText(oneLine(w.reason)),
      approver: w.approver,
      decision: w.decision ?? "",
      approvedOn: w.approvedOn ?? "",
      expires: w.expires,
      state: WAIVER_STATE.vi[w.state],
      waives: w.state === "active" ? w.covers : 0,
    })),
    inputs: inputsOf(v),
    openProvinceWide: v.findings.filter((f) => isOpen(f) && !f.unit).length,
    technicalExceptions: v.technicalExceptions.map((x) => ({
      subject: subjectVi(x.subject, inventory),
      requirements: x.requirements.join(", "),
      // Verdicts written before the Vietnamese wording existed carry the English reason only.
      reason: viText(x.vi?.reason ?? x.reason),
    })),
    unitFigures,
  };
}

/** Policy ID prefixes by the input they read (policies/*: dc., bundle., inv., evidence.). */
const INPUT_OF_PREFIX: Record<string, InputKind> = {
  inv: "inventory",
  dc: "stacks",
  bundle: "bundles",
  evidence: "evidence",
};

/** The inputs the verdict's policies read and those they lacked; records when any requirement has one. */
function inputsOf(v: Verdict): ReportModel["inputs"] {
  const kind = (id: string) => INPUT_OF_PREFIX[id.split(".")[0] ?? ""];
  const order = Object.keys(INPUT_VI) as InputKind[];
  const used = new Set(v.policiesRun.map(kind).filter((k) => k !== undefined));
  if (v.requirements.some((r) => r.records?.length)) used.add("records");
  const missing = new Map<InputKind, number>();
  for (const s of v.policiesSkipped ?? []) {
    // The engine says which input it lacked ("no stacks input given"); else the ID's prefix tells.
    const named = /^no (\w+) input given$/.exec(s.reason ?? "")?.[1];
    const k = named && named in INPUT_VI ? (named as InputKind) : kind(s.id);
    if (k) missing.set(k, (missing.get(k) ?? 0) + 1);
  }
  return {
    used: order.filter((k) => used.has(k)),
    missing: order
      .filter((k) => missing.has(k))
      .map((input) => ({ input, policies: missing.get(input) ?? 0 })),
  };
}

/** A finding still to fix: neither waived nor a declared technical exception. */
const isOpen = (f: WaivedFinding) => !f.waiver && !f.technicalException;

const pct = (n: number, d: number) => (d === 0 ? 100 : Math.round((n / d) * 10000) / 100);

function shareOf(m: { value: number; numerator?: number; denominator?: number }): Share | { value: number } {
  return m.numerator !== undefined && m.denominator !== undefined
    ? { numerator: m.numerator, denominator: m.denominator, value: m.value }
    : { value: m.value };
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
    // Declared technical exceptions are listed on their own, with their reasons: not shortcomings.
    if (f.technicalException) continue;
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
    // Most messages already name their subject ("Trường Mầm non Hoa Sen: 3/3 cán bộ ..."): say it once.
    const message = plainVi(viText(f.vi.message), inventory);
    const name = subjectName(f.subject, inventory);
    add(
      unit,
      message.includes(name) ? message : `${subjectVi(f.subject, inventory)}: ${message}`,
      f.requirements,
      waived,
    );
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
    case "system": {
      const name = byId(inventory.systems) ?? id;
      return /^hệ thống/iu.test(name) ? name : `Hệ thống ${name}`;
    }
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
    case "incident":
      return `Sự cố ${id}`;
    default:
      return clip(subject, 80);
  }
}

/** A field name in brackets, "(protection.socMonitored)", "(role server, sharedData: true)": for the appendix, not the body. */
const FIELD_NOTE = /\s*\((?=[^()]*(?:\b[a-z]+[A-Z]\w*|\b[a-z]+\.[a-z]\w*))[\x20-\x7e]*?\)/g;

/**
 * A finding's message as the body of the report says it: units by name instead of their IDs
 * ("hy-thpt-tien-lu"), and without the inventory's field names (the .xlsx appendix keeps them).
 */
function plainVi(message: string, inventory: Inventory): string {
  let out = message.replace(FIELD_NOTE, "");
  out = out.charAt(0).toLocaleUpperCase("vi") + out.slice(1);
  for (const u of inventory.units)
    if (out.includes(u.id))
      out = out.replace(
        new RegExp(`(?<![\\w-])${u.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "g"),
        u.name,
      );
  return out;
}

/** The bare name of a finding's subject (a unit's, system's, person's or vendor's name; else the ID). */
function subjectName(subject: string, inventory: Inventory): string {
  const [kind = "", ...rest] = subject.split(" ");
  const id = rest.join(" ");
  // "account thcsvangiang on csdl-nganh": the message names the account.
  if (kind === "account") return id.split(" on ")[0] ?? id;
  const lists: Record<string, Array<{ id: string; name: string }>> = {
    unit: inventory.units,
    system: inventory.systems,
    person: inventory.staff,
    vendor: inventory.vendors,
  };
  return lists[kind]?.find((x) => x.id === id)?.name ?? id;
}

/**
 * verdict.json as the report reads it: the fields used here are checked (with file:line
 * when one is wrong). A verdict written before statuses had their basis and the conclusion
 * its counts is refused: check again with this version.
 */
const MeasureFile = z.looseObject({
  requirement: z.string(),
  policy: z.string(),
  value: z.number(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  coverage: z
    .looseObject({
      population: z.number(),
      withData: z.number(),
      of: z.string().optional(),
      vi: z.string().optional(),
    })
    .optional(),
  breakdown: z
    .array(
      z.looseObject({
        key: z.string(),
        value: z.number(),
        numerator: z.number(),
        denominator: z.number(),
        withData: z.number().optional(),
      }),
    )
    .optional(),
});
const BasisFile = z.looseObject({
  input: z.enum(["inventory", "evidence", "stacks", "records"]),
  source: z.string(),
  date: IsoDate.optional(),
  number: z.string().optional(),
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
      technicalException: z.string().optional(),
    }),
  ),
  requirements: z.array(
    z.looseObject({
      id: z.string(),
      document: z.string(),
      vi: z.looseObject({ text: z.string() }),
      status: z.enum(REQUIREMENT_STATUSES),
      target: z.unknown(),
      measure: MeasureFile.optional(),
      basis: z.array(BasisFile),
      configuredBy: z.array(z.string()),
      deadline: z.string(),
      deadlinePassed: z.boolean(),
      due: z.looseObject({ state: z.enum(["due", "overdue"]), nextDue: IsoDate }).optional(),
      records: z.array(BasisFile).optional(),
      findings: z.number(),
      waivedFindings: z.number(),
      technicalExceptions: z.number(),
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
      state: z.enum(["active", "expired", "not-approved", "unused"]),
      status: z.enum(["approved", "requested"]),
      approvedOn: IsoDate.optional(),
      decision: z.string().optional(),
      covers: z.number(),
    }),
  ),
  conclusion: z.looseObject({
    code: z.enum(["met", "not-met", "insufficient"]),
    vi: z.enum(["ĐẠT", "CHƯA ĐẠT", "CHƯA ĐỦ CĂN CỨ"]),
    counts: z.looseObject({
      adopted: z.number(),
      met: z.number(),
      failing: z.number(),
      unproven: z.number(),
    }),
  }),
  technicalExceptions: z.array(
    z.looseObject({
      subject: z.string(),
      requirements: z.array(z.string()),
      reason: z.string(),
      vi: z.looseObject({ reason: z.string() }).optional(),
    }),
  ),
  policiesRun: z.array(z.string()),
  policiesSkipped: z.array(z.looseObject({ id: z.string(), reason: z.string().optional() })).default([]),
  totals: z.record(z.string(), z.number()),
});

export function loadVerdict(file: string): Verdict {
  const problems: Problem[] = [];
  const src = readYaml(file, problems);
  const parsed = src ? validate(src, VerdictFile, problems) : null;
  if (!src || !parsed) throw new InputError(problems);
  return parsed as unknown as Verdict;
}
