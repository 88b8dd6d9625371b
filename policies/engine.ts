/**
 * The engine: runs every policy whose input was given, applies waivers, and turns
 * findings and measures into a verdict per plan requirement.
 */
import type { Requirement } from "../model/catalogue.js";
import type { Catalogue } from "../model/load-catalogue.js";

type CatalogueRequirement = Catalogue["requirements"] extends Map<string, infer R> ? R : never;

import type { LoadedWaiver } from "../model/waivers.js";
import { applyWaivers, type WaiverState, waiverLabel } from "./apply-waivers.js";
import { type DueState, deadlinePassed, dueState, planStart } from "./deadline.js";
import type { BundlesInput, Context, EvidenceInput, InventoryInput, StacksInput } from "./inputs.js";
import { targetMet } from "./meets.js";
import type { Finding, Measure, Policy, PolicyInput } from "./policy.js";
import {
  type Basis,
  type Conclusion,
  conclude,
  GENERATED_INPUTS,
  type MeasuredInput,
  REQUIREMENT_STATUSES,
  type RequirementStatus,
} from "./status.js";

export type { RequirementStatus } from "./status.js";

export interface WaivedFinding extends Finding {
  /** The approved, unexpired waiver that covers it ("<id> (<approver>, until <date>)"). */
  waiver?: string;
}

/** A figure as the verdict shows it: which policy counted it. */
export type VerdictMeasure = Measure & { policy: string };

export interface RequirementVerdict {
  id: string;
  document: string;
  summary: string;
  /** The requirement as the plan words it, and why its status (`note`), for Vietnamese readers. */
  vi: { text: string; note?: string };
  status: RequirementStatus;
  /** Why the status (e.g. which input is missing, or the catalogue's reason). */
  note?: string;
  target: Requirement["target"];
  /** The headline figure: the measure of the catalogue's `target.measuredBy` policy, in the target's terms. */
  measure?: VerdictMeasure;
  /** Figures other policies counted for the requirement (other units, other populations): never the headline. */
  otherMeasures?: VerdictMeasure[];
  /** The measured inputs the status rests on; empty unless something was measured. */
  basis: Basis[];
  /**
   * Policies that read what the tool generated (bundles, the data centre's Terraform JSON) or a
   * promise on paper (vendors' contract commitments) for this requirement: never a basis for "pass".
   */
  configuredBy: string[];
  deadline: string;
  deadlinePassed: boolean;
  /** For periodic deadlines: the next due date at asOf and whether the last one was missed. */
  due?: DueState;
  /** Valid records of the register for it, whatever the status (the report's due dates read their dates). */
  records?: Basis[];
  findings: number;
  /** Findings covered by an approved waiver, and declared technical exceptions, among `findings`. */
  waivedFindings: number;
  technicalExceptions: number;
  policies: string[];
}

export type { WaiverState } from "./apply-waivers.js";

export interface Verdict {
  asOf: string;
  province: string;
  provinceName: string;
  /** ĐẠT / CHƯA ĐẠT / CHƯA ĐỦ CĂN CỨ, with the counts behind it. */
  conclusion: Conclusion;
  findings: WaivedFinding[];
  requirements: RequirementVerdict[];
  waivers: WaiverState[];
  /** The data centre's declared exceptions (ngoại lệ kỹ thuật), with their reasons: not waivers. */
  technicalExceptions: Array<{
    policy: string;
    subject: string;
    requirements: string[];
    reason: string;
    vi: { reason: string };
  }>;
  policiesRun: string[];
  policiesSkipped: Array<{ id: string; reason: string; vi: { reason: string } }>;
  totals: Record<RequirementStatus, number>;
}

export interface Inputs {
  inventory?: InventoryInput;
  evidence?: EvidenceInput;
  stacks?: StacksInput;
  bundles?: BundlesInput;
}

/** Each kind of input as a Vietnamese reader knows it, with the flag that gives it. */
const INPUT_VI: Record<PolicyInput, string> = {
  inventory: "danh mục (inventory)",
  evidence: "minh chứng từ máy tính (--evidence)",
  stacks: "cấu hình trung tâm dữ liệu (--stacks)",
  bundles: "gói cấu hình (--bundles)",
};

const FLAG: Record<PolicyInput, string> = {
  inventory: "the inventory",
  evidence: "--evidence",
  stacks: "--stacks",
  bundles: "--bundles",
};

export function runPolicies(args: {
  policies: Array<Policy<never>>;
  inputs: Inputs;
  catalogue: Catalogue;
  waivers: LoadedWaiver[];
  /** Valid records of the record register, by requirement ID. */
  records?: Map<string, Basis[]>;
  asOf: string;
  province: { id: string; name: string; plans: string[] };
}): Verdict {
  const { catalogue, asOf } = args;
  const adopted = (id: string) => {
    const doc = catalogue.requirements.get(id)?.document.id;
    return doc !== undefined && args.province.plans.includes(doc);
  };
  const findings: WaivedFinding[] = [];
  const measures = new Map<string, VerdictMeasure[]>();
  const run: string[] = [];
  const skipped: Verdict["policiesSkipped"] = [];
  const byId = new Map(args.policies.map((p) => [p.id, p]));

  for (const policy of [...args.policies].sort((a, b) => a.id.localeCompare(b.id))) {
    const input = args.inputs[policy.input];
    if (!input) {
      skipped.push({
        id: policy.id,
        reason: `no ${policy.input} input given`,
        vi: { reason: `chưa có ${INPUT_VI[policy.input]}` },
      });
      continue;
    }
    const result = (policy as Policy<Context>).check(input);
    run.push(policy.id);
    for (const issue of result.findings) {
      // Only the province's own plans bind it: other plans' requirements drop out of its findings.
      const requirements = (issue.requirements ?? policy.requirements).filter(adopted);
      if (requirements.length === 0) continue;
      const { exception, ...rest } = issue;
      findings.push({
        ...rest,
        requirements,
        policy: policy.id,
        severity: issue.severity ?? policy.severity,
        ...(exception
          ? { technicalException: exception.en, vi: { ...rest.vi, technicalException: exception.vi } }
          : {}),
      });
    }
    for (const m of result.measures ?? []) {
      if (!adopted(m.requirement)) continue;
      measures.set(m.requirement, [...(measures.get(m.requirement) ?? []), { ...m, policy: policy.id }]);
    }
  }

  const waivers = applyWaivers(findings, args.waivers, asOf, catalogue);
  findings.push(...waivers.expiredFindings);

  // Each requirement's findings, in the findings' order: a province's check has tens of thousands.
  const findingsOf = new Map<string, WaivedFinding[]>();
  for (const f of findings)
    for (const r of new Set(f.requirements)) {
      const list = findingsOf.get(r);
      if (list) list.push(f);
      else findingsOf.set(r, [f]);
    }
  const requirements: RequirementVerdict[] = [];
  for (const [id, req] of catalogue.requirements) {
    const policies = args.policies.filter((p) => p.requirements.includes(id)).map((p) => p.id);
    const mine = findingsOf.get(id) ?? [];
    const figures = measures.get(id) ?? [];
    const headline = req.target?.measuredBy
      ? figures.find((m) => m.policy === req.target?.measuredBy)
      : undefined;
    const others = figures.filter((m) => m !== headline);
    const ranPolicies = policies.filter((p) => run.includes(p)).map((p) => byId.get(p) as Policy<never>);
    const configuredBy = ranPolicies.filter(showsConfiguration).map((p) => p.id);
    const records = args.records?.get(id) ?? [];
    const due = dueOf(req, asOf, records);
    const { status, note, basis } = decide({
      id,
      req,
      applicable: args.province.plans.includes(req.document.id),
      findings: mine,
      headline,
      figures,
      // Neither generated configuration, a promise nor a precondition measures a requirement.
      measuring: ranPolicies.filter((p) => !showsConfiguration(p) && !p.precondition),
      configured: configuredBy.length > 0,
      configuredBy,
      missingInputs: [
        ...new Set(
          policies
            .filter((p) => !run.includes(p))
            .map((p) => byId.get(p)?.input)
            .filter((i): i is PolicyInput => i !== undefined && i !== "bundles"),
        ),
      ],
      records,
      due,
      waivers: waivers.states,
    });
    requirements.push({
      id,
      document: req.document.id,
      summary: req.summary_en,
      vi: { text: req.text_vi.replace(/\s+/g, " ").trim(), ...(note ? { note: note.vi } : {}) },
      status,
      ...(note ? { note: note.en } : {}),
      target: req.target,
      ...(headline ? { measure: headline } : {}),
      ...(others.length ? { otherMeasures: others } : {}),
      basis,
      configuredBy,
      deadline: req.deadline,
      deadlinePassed: deadlinePassed(req.deadline, asOf),
      ...(due ? { due } : {}),
      ...(records.length ? { records } : {}),
      findings: mine.length,
      waivedFindings: mine.filter((f) => f.waiver).length,
      technicalExceptions: mine.filter((f) => f.technicalException).length,
      policies,
    });
  }

  const totals = Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<
    RequirementStatus,
    number
  >;
  for (const r of requirements) totals[r.status]++;
  return {
    asOf,
    province: args.province.id,
    provinceName: args.province.name,
    conclusion: conclude(requirements.map((r) => r.status)),
    findings: findings.sort(
      (a, b) =>
        (a.requirements[0] ?? "").localeCompare(b.requirements[0] ?? "") ||
        a.policy.localeCompare(b.policy) ||
        a.subject.localeCompare(b.subject),
    ),
    requirements,
    waivers: waivers.states,
    technicalExceptions: findings
      .filter((f) => f.technicalException)
      .map((f) => ({
        policy: f.policy,
        subject: f.subject,
        requirements: f.requirements,
        reason: f.technicalException ?? "",
        vi: { reason: f.vi.technicalException ?? f.technicalException ?? "" },
      })),
    policiesRun: run,
    policiesSkipped: skipped,
    totals,
  };
}

/** Why a status, in both languages. */
type Note = { en: string; vi: string };

/** The status rule for one requirement (see policies/status.ts for what each status means). */
function decide(r: {
  id: string;
  req: CatalogueRequirement;
  applicable: boolean;
  findings: WaivedFinding[];
  headline: VerdictMeasure | undefined;
  figures: VerdictMeasure[];
  measuring: Array<Policy<never>>;
  configured: boolean;
  configuredBy: string[];
  missingInputs: PolicyInput[];
  records: Basis[];
  due: DueState | undefined;
  waivers: WaiverState[];
}): { status: RequirementStatus; note?: Note; basis: Basis[] } {
  const { req } = r;
  if (!r.applicable)
    return {
      status: "not-applicable",
      note: {
        en: `plan ${req.document.id} is not among this province's plans`,
        vi: `kế hoạch ${req.document.id} không thuộc các kế hoạch của tỉnh`,
      },
      basis: [],
    };
  if (req.status === "not-applicable")
    return {
      status: "not-applicable",
      note: { en: req.reason ?? "", vi: `không áp dụng: ${req.reason_vi ?? ""}` },
      basis: [],
    };
  const open = r.findings.filter((f) => !f.waiver && !f.technicalException);
  if (open.length > 0) return { status: "fail", basis: basisOf(r) };
  const waived = r.findings.filter((f) => f.waiver);
  // A waiver waives a requirement only when it covers it province-wide (scope "*"); one unit's
  // waiver covers that unit's findings and leaves the requirement to be met by the rest.
  const partial = waived.filter((f) => !wholeRequirementWaiver(f, r.waivers));
  if (partial.length > 0) {
    const subjects = [...new Set(partial.map((f) => f.subject))].join(", ");
    return {
      status: "fail",
      note: {
        en: `${partial.length} finding(s) waived for part of the province only (${subjects}); a waiver of part of the province does not waive the requirement`,
        vi: `${partial.length} tồn tại chỉ được miễn trừ cho một phần của tỉnh (${subjects}); miễn trừ một phần không miễn trừ cả yêu cầu`,
      },
      basis: basisOf(r),
    };
  }
  if (waived.length > 0) return { status: "waived", basis: basisOf(r) };
  const overdue: Note | undefined =
    r.due?.state === "overdue"
      ? {
          en: `overdue: no record dated ${r.due.lastPeriod?.from} .. ${r.due.lastPeriod?.to} (due by ${r.due.lastDue})`,
          vi: `quá hạn: không có hồ sơ ngày ${r.due.lastPeriod?.from} .. ${r.due.lastPeriod?.to} (hạn ${r.due.lastDue})`,
        }
      : undefined;
  if (r.records.length > 0 && req.status !== "automated" && !overdue)
    return { status: "recorded", basis: r.records };
  if (req.status === "manual" || req.status === "evidence") {
    const why: Note =
      req.status === "manual"
        ? { en: req.reason ?? "", vi: `theo dõi thủ công, ngoài công cụ: ${req.reason_vi ?? ""}` }
        : {
            en: req.reason ?? "",
            vi: `cần văn bản, hồ sơ chứng minh (ghi vào sổ hồ sơ, --records): ${req.reason_vi ?? ""}`,
          };
    return {
      status: req.status === "manual" ? "manual" : "evidence-missing",
      note: overdue ? { en: `${overdue.en}; ${why.en}`, vi: `${overdue.vi}; ${why.vi}` } : why,
      basis: [],
    };
  }

  const needs: Note = r.missingInputs.length
    ? {
        en: `; needs ${r.missingInputs.map((i) => FLAG[i]).join(", ")}`,
        vi: `; cần ${r.missingInputs.map((i) => INPUT_VI[i]).join(", ")}`,
      }
    : { en: "", vi: "" };
  if (req.target?.measuredBy) {
    const h = r.headline;
    if (!h)
      return {
        status: r.configured ? "configured" : "evidence-missing",
        note: {
          en: `the headline figure (${req.target.metric}) comes from ${req.target.measuredBy}, which did not run${needs.en}`,
          vi: `số liệu chính do ${req.target.measuredBy} tính, chính sách này chưa chạy${needs.vi}`,
        },
        basis: [],
      };
    if (h.denominator === 0)
      return {
        status: "evidence-missing",
        note: {
          en: `the headline figure counted nothing: no ${req.target.population} in the input`,
          vi: "số liệu chính không đếm được gì: đầu vào không có đối tượng nào để tính",
        },
        basis: [],
      };
    if (!targetMet(h.value, req.target)) {
      const t = req.target;
      return {
        status: "fail",
        note:
          t.unit === "percent"
            ? {
                en: `${h.value}% misses the target ${t.comparator} ${t.value}%`,
                vi: `${h.value}% chưa đạt mục tiêu ${t.comparator} ${t.value}%`,
              }
            : {
                en: `${h.value}% of ${t.population} meet ${t.comparator} ${t.value} ${t.unit}; all must`,
                vi: `${h.value}% số đối tượng đạt ${t.comparator} ${t.value} ${t.unit}; tất cả phải đạt`,
              },
        basis: basisOf(r),
      };
    }
  }
  const basis = basisOf(r);
  if (basis.length === 0)
    return {
      status: r.configured ? "configured" : "evidence-missing",
      note: r.configured
        ? {
            en: `only generated configuration or contract commitments were checked (${r.configuredBy.join(", ")}): configured, not measured${needs.en}`,
            vi: `mới kiểm tra cấu hình do công cụ sinh ra hoặc cam kết trong hợp đồng (${r.configuredBy.join(", ")}): đã cấu hình, chưa đo được thực tế${needs.vi}`,
          }
        : {
            en: `nothing measured it${needs.en || `; needs input for ${r.measuring.map((p) => p.id).join(", ") || "a policy"}`}`,
            vi: `chưa có gì đo được yêu cầu này${needs.vi || "; cần thêm đầu vào"}`,
          },
      basis,
    };
  return { status: "pass", basis };
}

/** A policy that reads the tool's own output or a promise: what it shows is configured, not measured. */
function showsConfiguration(p: Policy<never>): boolean {
  return (GENERATED_INPUTS as readonly string[]).includes(p.input) || p.promise === true;
}

/**
 * The measuring policies (not generated output, not promises) that ran and counted something for the requirement:
 * a policy whose figure for it counted nothing (0 of 0) measured nothing.
 */
function basisOf(r: { id: string; measuring: Array<Policy<never>>; figures: VerdictMeasure[] }): Basis[] {
  return r.measuring
    .filter((p) => {
      const mine = r.figures.filter((m) => m.policy === p.id);
      return mine.length === 0 || mine.some((m) => m.denominator === undefined || m.denominator > 0);
    })
    .map((p) => ({ input: p.input as MeasuredInput, source: p.id }));
}

/** Whether the waiver behind a waived finding covers the whole requirement (scope "*"). */
function wholeRequirementWaiver(f: WaivedFinding, states: WaiverState[]): boolean {
  return states.some((w) => w.scope === "*" && f.waiver === waiverLabel(w));
}

function dueOf(req: CatalogueRequirement, asOf: string, records: Basis[]): DueState | undefined {
  return dueState(req.deadline, asOf, {
    planStart: planStart(req.document.date),
    ...(req.due_before ? { before: req.due_before } : {}),
    done: records.flatMap((r) => (r.date ? [r.date] : [])),
  });
}
