/**
 * The plans' "100% of official computers ..." counted from machine evidence.
 *
 * Population: every machine the inventory expects (its counts, per unit and role),
 * for each requirement the machine's bundle serves. A machine passes a requirement when
 * its latest audit in the reporting period passed every control serving it, against the
 * current settings. A machine that sent nothing current, or was audited against outdated
 * settings, does not pass. Who counts as which machine: policies/evidence/match-machines.ts.
 */
import { type BundleSpec, bundleSpecs } from "../../../baselines/bundle-spec.js";
import { controls } from "../../../baselines/controls/index.js";
import { bundleHash } from "../../../baselines/generate.js";
import type { AuditSummary } from "../../../model/evidence.js";
import { type Counted, matchMachines } from "../../evidence/match-machines.js";
import { reportingPeriod } from "../../evidence/reporting-period.js";
import type { EvidenceInput } from "../../inputs.js";
import { percent } from "../../measure.js";
import { definePolicy, type Issue, type Measure } from "../../policy.js";

// needs-reinstallation is not a failure of the baseline: no script can partition a disk.
const FINE: ReadonlySet<string> = new Set(["pass", "not-applicable", "needs-reinstallation"]);

const REQUIREMENTS = [...new Set(controls.flatMap((c) => c.requirements))].sort();

interface Tally {
  pass: number;
  total: number;
  /** Machines that sent evidence (the figure's coverage). */
  reported: number;
  byKey: Map<string, { pass: number; total: number; reported: number }>;
}

export default definePolicy<EvidenceInput>({
  id: "evidence.controls.pass-share",
  title: {
    vi: "Tỷ lệ máy tính đạt cấu hình an toàn (theo kết quả kiểm tra)",
    en: "Share of machines whose audit passed (machine evidence)",
  },
  requirements: REQUIREMENTS,
  severity: "high",
  input: "evidence",
  check: ({ inventory, records, asOf, period, specs: resolved }) => {
    const findings: Issue[] = [];
    const tallies = new Map<string, Tally>(
      REQUIREMENTS.map((r) => [r, { pass: 0, total: 0, reported: 0, byKey: new Map() }]),
    );
    /** Adds a bundle's machines to a requirement's figure: `total` machines, `pass` of them passing. */
    const count = (req: string, key: string, pass: number, total: number, reported: number) => {
      const t = tallies.get(req);
      if (!t) return;
      t.total += total;
      t.reported += reported;
      t.pass += pass;
      const k = t.byKey.get(key) ?? { pass: 0, total: 0, reported: 0 };
      k.total += total;
      k.reported += reported;
      k.pass += pass;
      t.byKey.set(key, k);
    };

    const { evidencePeriodDays } = inventory.province;
    const specs = resolved ?? bundleSpecs(inventory);
    const matched = matchMachines(specs, records, period ?? reportingPeriod(asOf, evidencePeriodDays));
    const countedBySpec = new Map<string, Counted[]>();
    for (const c of matched.counted) {
      const list = countedBySpec.get(c.spec.id);
      if (list) list.push(c);
      else countedBySpec.set(c.spec.id, [c]);
    }
    const identity = new Map<string, Issue[]>();
    for (const { spec, issue } of matched.findings) {
      const list = identity.get(spec.id);
      if (list) list.push(issue);
      else identity.set(spec.id, [issue]);
    }

    for (const spec of specs) {
      const reqs = requirementsOf(spec);
      const key = `${spec.unit.id} ${spec.role}`;
      const expected = spec.groups.reduce((n, g) => n + g.count, 0);
      const current = bundleHash(spec);
      for (const issue of identity.get(spec.id) ?? [])
        findings.push({ ...issue, requirements: [...reqs.keys()] });
      // Machines of this bundle that reported, and of those, passing each requirement.
      const reportedHere = countedBySpec.get(spec.id) ?? [];
      const passing = new Map([...reqs.keys()].map((r) => [r, 0]));
      // Machines audited alike share one list of statuses (read-evidence.ts): judged once.
      const outcomes = new Map<AuditSummary["results"], Outcome>();
      for (const { record } of reportedHere) {
        const { file, evidence } = record;
        let outcome = outcomes.get(evidence.results);
        if (!outcome) {
          outcome = outcomeOf(spec, reqs, evidence.results);
          outcomes.set(evidence.results, outcome);
        }
        const { failed } = outcome;
        const stale = evidence.bundle.sha256 !== current;
        if (!stale) for (const r of outcome.passed) passing.set(r, (passing.get(r) ?? 0) + 1);
        if (stale || failed.length > 0) {
          const failedReqs = stale ? [...reqs.keys()] : [...outcome.failedReqs];
          const hash = `${evidence.bundle.sha256.slice(0, 12)}...`;
          const fails = failed.join(", ");
          findings.push({
            requirements: failedReqs,
            subject: `machine ${evidence.machine}`,
            unit: spec.unit.id,
            message: stale
              ? `${evidence.machine} was audited against an outdated bundle (${hash})`
              : `${evidence.machine} fails ${fails}`,
            fix: stale
              ? `Apply and audit the current bundle ${spec.id}`
              : `Run the ${spec.id} apply script on the machine, then audit it again`,
            vi: {
              message: stale
                ? `${evidence.machine} được kiểm tra theo một gói cấu hình cũ (${hash})`
                : `${evidence.machine} không đạt ${fails}`,
              fix: stale
                ? `Áp dụng và kiểm tra lại theo gói cấu hình hiện hành ${spec.id}`
                : `Chạy script áp dụng của gói ${spec.id} trên máy, rồi kiểm tra lại`,
            },
            location: file,
          });
        }
      }
      // Machines the inventory expects that sent nothing current count as not compliant.
      const gap = matched.missing.get(spec.id) ?? { named: [], unnamed: 0 };
      const missingNamed = gap.named;
      const missing = missingNamed.length + gap.unnamed;
      if (reportedHere.length + missing > 0)
        for (const [req, pass] of passing)
          count(req, key, pass, reportedHere.length + missing, reportedHere.length);
      if (missing > 0) {
        const unnamed = missing - missingNamed.length;
        const names = missingNamed.length
          ? `: ${missingNamed.slice(0, 20).join(", ")}${missingNamed.length > 20 ? ", ..." : ""}`
          : "";
        const others = unnamed > 0 && missingNamed.length;
        findings.push({
          requirements: [...reqs.keys()],
          subject: `bundle ${spec.id}`,
          unit: spec.unit.id,
          message:
            `${missing} of ${expected} ${spec.role} machines of ${spec.unit.name} sent no evidence${names}` +
            (others ? ` and ${unnamed} unnamed` : ""),
          fix: `Run Test-Baseline.ps1 / audit.sh of ${spec.id} on every machine and collect the JSON files`,
          vi: {
            message:
              `${missing} trong số ${expected} máy vai trò ${spec.role} của ${spec.unit.name} chưa gửi minh chứng${names}` +
              (others ? ` và ${unnamed} máy không rõ tên` : ""),
            fix: `Chạy Test-Baseline.ps1 / audit.sh của gói ${spec.id} trên mọi máy và thu về các tệp JSON`,
          },
        });
      }
    }

    const measures: Measure[] = [];
    // 0 of 0 is reported too: the engine reads it as "counted nothing", never as a pass.
    for (const [requirement, t] of tallies) {
      measures.push({
        requirement,
        value: percent(t.pass, t.total),
        numerator: t.pass,
        denominator: t.total,
        coverage: {
          population: t.total,
          withData: t.reported,
          of: "machines the inventory lists, that sent evidence",
          vi: "máy trong kiểm kê đã gửi minh chứng",
        },
        breakdown: [...t.byKey]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, k]) => ({
            key,
            value: percent(k.pass, k.total),
            numerator: k.pass,
            denominator: k.total,
            withData: k.reported,
          })),
      });
    }
    return { findings, measures };
  },
});

/** What one list of statuses says of a bundle's machine (before its settings hash is compared). */
interface Outcome {
  /** The bundle's controls that did not pass, sorted. */
  failed: string[];
  /** Requirements whose every serving control passed, and the others. */
  passed: string[];
  failedReqs: string[];
}

function outcomeOf(spec: BundleSpec, reqs: Map<string, string[]>, results: AuditSummary["results"]): Outcome {
  const status = new Map(results.map((x) => [x.control, x.status]));
  const failed = new Set<string>();
  for (const rc of spec.controls) {
    const s = status.get(rc.control.id);
    if (s === undefined || !FINE.has(s)) failed.add(rc.control.id);
  }
  const reqsOk = [...reqs].map(([r, cs]) => [r, cs.every((c) => !failed.has(c))] as const);
  return {
    failed: [...failed].sort(),
    passed: reqsOk.filter(([, ok]) => ok).map(([r]) => r),
    failedReqs: reqsOk.filter(([, ok]) => !ok).map(([r]) => r),
  };
}

/** Requirement -> the controls of this bundle that serve it. */
function requirementsOf(spec: BundleSpec): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rc of spec.controls)
    for (const r of rc.control.requirements) out.set(r, [...(out.get(r) ?? []), rc.control.id]);
  return out;
}
