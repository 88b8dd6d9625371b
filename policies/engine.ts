/**
 * The engine: runs every policy whose input was given, applies waivers, and turns
 * findings and measures into a verdict per plan requirement.
 */
import type { Requirement } from "../model/catalogue.js";
import type { Catalogue } from "../model/load-catalogue.js";
import type { LoadedWaiver } from "../model/waivers.js";
import { deadlinePassed } from "./deadline.js";
import type { BundlesInput, Context, EvidenceInput, InventoryInput, StacksInput } from "./inputs.js";
import type { Finding, Measure, Policy, PolicyInput } from "./policy.js";

export type RequirementStatus = "pass" | "fail" | "waived" | "evidence-missing" | "manual" | "not-applicable";

export interface WaivedFinding extends Finding {
  waiver?: string;
}

export interface RequirementVerdict {
  id: string;
  document: string;
  summary: string;
  /** The requirement as the plan words it, for Vietnamese readers. */
  vi: { text: string };
  status: RequirementStatus;
  /** Why the status (e.g. which input is missing, or the catalogue's reason). */
  note?: string;
  target: Requirement["target"];
  measure?: Measure;
  deadline: string;
  deadlinePassed: boolean;
  findings: number;
  policies: string[];
}

export interface WaiverState extends LoadedWaiver {
  state: "active" | "expired" | "unused";
  covers: number;
}

export interface Verdict {
  asOf: string;
  province: string;
  provinceName: string;
  findings: WaivedFinding[];
  requirements: RequirementVerdict[];
  waivers: WaiverState[];
  policiesRun: string[];
  policiesSkipped: Array<{ id: string; reason: string; vi: { reason: string } }>;
  totals: Record<RequirementStatus, number>;
  /** True when every requirement the province must meet passes or is waived. */
  passed: boolean;
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

export function runPolicies(args: {
  policies: Array<Policy<never>>;
  inputs: Inputs;
  catalogue: Catalogue;
  waivers: LoadedWaiver[];
  asOf: string;
  province: { id: string; name: string; plans: string[] };
}): Verdict {
  const { catalogue, asOf } = args;
  const adopted = (id: string) => {
    const doc = catalogue.requirements.get(id)?.document.id;
    return doc !== undefined && args.province.plans.includes(doc);
  };
  const findings: WaivedFinding[] = [];
  const measures = new Map<string, Measure>();
  const run: string[] = [];
  const skipped: Verdict["policiesSkipped"] = [];

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
        ...(exception ? { waiver: `declared exception: ${exception}` } : {}),
      });
    }
    for (const m of result.measures ?? []) {
      if (!adopted(m.requirement)) continue;
      // Two policies may measure one requirement (machines' evidence and vendors'
      // commitments both measure HY-EDU-S19): the requirement shows the worse of the two
      // against its target, whatever order they ran in; a measure that counted nothing
      // (0 of 0: no vendor in the inventory) never hides one that counted something.
      const had = measures.get(m.requirement);
      if (
        had &&
        counted(had) &&
        (!counted(m) || !worse(m, had, catalogue.requirements.get(m.requirement)?.target))
      )
        continue;
      measures.set(m.requirement, m);
    }
  }

  const waivers = applyWaivers(findings, args.waivers, asOf, catalogue);
  findings.push(...waivers.expiredFindings);

  const requirements: RequirementVerdict[] = [];
  for (const [id, req] of catalogue.requirements) {
    const policies = args.policies.filter((p) => p.requirements.includes(id)).map((p) => p.id);
    const mine = findings.filter((f) => f.requirements.includes(id));
    const open = mine.filter((f) => !f.waiver);
    const ran = policies.filter((p) => run.includes(p));
    let status: RequirementStatus;
    let note: string | undefined;
    if (!args.province.plans.includes(req.document.id)) {
      status = "not-applicable";
      note = `plan ${req.document.id} is not among this province's plans`;
    } else if (req.status === "not-applicable" || req.status === "manual") {
      status = req.status;
      note = req.reason;
    } else if (req.status === "evidence" || ran.length === 0) {
      status = "evidence-missing";
      note = req.status === "evidence" ? req.reason : `needs input for ${policies.join(", ") || "a policy"}`;
    } else if (open.length > 0) status = "fail";
    else if (mine.length > 0) status = "waived";
    else status = "pass";
    const measure = measures.get(id);
    requirements.push({
      id,
      document: req.document.id,
      summary: req.summary_en,
      vi: { text: req.text_vi.replace(/\s+/g, " ").trim() },
      status,
      ...(note ? { note } : {}),
      target: req.target,
      ...(measure ? { measure } : {}),
      deadline: req.deadline,
      deadlinePassed: deadlinePassed(req.deadline, asOf),
      findings: mine.length,
      policies,
    });
  }

  const totals = { pass: 0, fail: 0, waived: 0, "evidence-missing": 0, manual: 0, "not-applicable": 0 };
  for (const r of requirements) totals[r.status]++;
  return {
    asOf,
    province: args.province.id,
    provinceName: args.province.name,
    findings: findings.sort(
      (a, b) =>
        (a.requirements[0] ?? "").localeCompare(b.requirements[0] ?? "") ||
        a.policy.localeCompare(b.policy) ||
        a.subject.localeCompare(b.subject),
    ),
    requirements,
    waivers: waivers.states,
    policiesRun: run,
    policiesSkipped: skipped,
    totals,
    passed: totals.fail === 0,
  };
}

/** Whether `a` is further from meeting the target than `b` (lower, unless the target is a ceiling). */
function worse(a: Measure, b: Measure, target: { comparator: string } | null | undefined): boolean {
  return target?.comparator === "<=" ? a.value > b.value : a.value < b.value;
}

/** Whether a measure counted anything: a share of 0 of 0 did not. */
const counted = (m: Measure): boolean => m.denominator === undefined || m.denominator > 0;

function applyWaivers(
  findings: WaivedFinding[],
  waivers: LoadedWaiver[],
  asOf: string,
  catalogue: Catalogue,
) {
  const states: WaiverState[] = [];
  const expiredFindings: WaivedFinding[] = [];
  for (const w of waivers) {
    const expired = w.expires < asOf;
    let covers = 0;
    for (const f of findings) {
      if (f.waiver || (w.id !== f.policy && !f.requirements.includes(w.id))) continue;
      if (w.scope !== "*" && w.scope !== f.subject) continue;
      covers++;
      if (!expired) f.waiver = `${w.id} (${w.approver}, until ${w.expires})`;
    }
    states.push({ ...w, state: expired ? "expired" : covers > 0 ? "active" : "unused", covers });
    if (expired) {
      const requirements = catalogue.requirements.has(w.id)
        ? [w.id]
        : findings.find((f) => f.policy === w.id)?.requirements;
      if (requirements) {
        expiredFindings.push({
          policy: "waivers",
          requirements,
          severity: "high",
          subject: `waiver ${w.id} ${w.scope}`,
          message: `the waiver approved by ${w.approver} expired on ${w.expires}`,
          fix: "Fix the findings it covered, or have the waiver reviewed and renewed with a new expiry",
          vi: {
            message: `miễn trừ do ${w.approver} phê duyệt đã hết hạn ngày ${w.expires}`,
            fix: "Khắc phục các tồn tại được miễn trừ, hoặc trình xem xét và gia hạn miễn trừ với thời hạn mới",
          },
          location: w.location,
        });
      }
    }
  }
  return { states, expiredFindings };
}
