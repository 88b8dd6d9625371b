/**
 * The status rule and the conclusion, on small policies standing for real ones: a status
 * says only what was measured. Each case asserts the status and the figure.
 */
import { describe, expect, it } from "vitest";
import { bundledCatalogue } from "../model/load-catalogue.js";
import type { LoadedWaiver } from "../model/waivers.js";
import { dueDates } from "../policies/deadline.js";
import { type Inputs, runPolicies, type Verdict } from "../policies/engine.js";
import { share } from "../policies/measure.js";
import { definePolicy, type Issue, type Measure, type Policy, type PolicyInput } from "../policies/policy.js";
import { consoleReport } from "../policies/report/console.js";
import { type Basis, conclude } from "../policies/status.js";

const policy = (
  id: string,
  input: PolicyInput,
  requirements: string[],
  result: { findings?: Issue[]; measures?: Measure[] } = {},
) =>
  definePolicy<unknown>({
    id,
    title: { vi: id, en: id },
    requirements,
    severity: "high",
    input,
    check: () => ({ findings: result.findings ?? [], measures: result.measures ?? [] }),
  }) as Policy<never>;

const ALL_INPUTS = { inventory: {}, evidence: {}, stacks: {}, bundles: {} } as unknown as Inputs;

function verdict(
  policies: Array<Policy<never>>,
  o: { inputs?: Inputs; waivers?: LoadedWaiver[]; records?: Map<string, Basis[]>; asOf?: string } = {},
): Verdict {
  return runPolicies({
    policies,
    inputs: o.inputs ?? ALL_INPUTS,
    catalogue: bundledCatalogue(),
    waivers: o.waivers ?? [],
    ...(o.records ? { records: o.records } : {}),
    asOf: o.asOf ?? "2026-11-20",
    province: { id: "hy", name: "Hưng Yên", plans: ["HY-EDU", "HY-PROV"] },
  });
}
const req = (v: Verdict, id: string) => {
  const r = v.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id}`);
  return r;
};

const issue = (subject: string, extra: Partial<Issue> = {}): Issue => ({
  subject,
  message: `${subject} is wrong`,
  fix: "fix it",
  vi: { message: `${subject} sai`, fix: "sửa" },
  ...extra,
});

describe("requirements a person supplies: the catalogue's reason in both languages", () => {
  it("an evidence requirement with no record tells the officer, in Vietnamese, what to file", () => {
    const r = req(verdict([]), "HY-PROV-10");
    const cat = bundledCatalogue().requirements.get("HY-PROV-10");
    expect(r.status).toBe("evidence-missing");
    expect(r.note).toBe(cat?.reason);
    expect(r.vi.note).toContain(cat?.reason_vi);
  });
  it("a manual requirement carries its Vietnamese reason", () => {
    const r = req(verdict([]), "HY-PROV-01");
    expect(r.status).toBe("manual");
    expect(r.vi.note).toContain(bundledCatalogue().requirements.get("HY-PROV-01")?.reason_vi);
  });
});

describe("generated configuration alone is never pass", () => {
  const bundles = policy("bundle.classified.network-blocked", "bundles", ["HY-EDU-S04"]);
  it("failing: a clean bundle without machine evidence is configured, not measured", () => {
    const v = verdict([bundles], { inputs: { bundles: {} } as unknown as Inputs });
    expect(req(v, "HY-EDU-S04").status).toBe("configured");
    expect(req(v, "HY-EDU-S04").basis).toEqual([]);
    expect(req(v, "HY-EDU-S04").configuredBy).toEqual(["bundle.classified.network-blocked"]);
    expect(req(v, "HY-EDU-S04").note).toMatch(
      /only generated configuration or contract commitments were checked \(bundle\.classified\.network-blocked\): configured, not measured/,
    );
  });
  it("passing: with machine evidence that counted 3 of 3 classified machines, pass rests on the evidence", () => {
    const evidence = policy("evidence.controls.pass-share", "evidence", ["HY-EDU-S04"], {
      measures: [share("HY-EDU-S04", [true, true, true])],
    });
    const r = req(verdict([bundles, evidence]), "HY-EDU-S04");
    expect(r.status).toBe("pass");
    expect(r.basis).toEqual([{ input: "evidence", source: "evidence.controls.pass-share" }]);
  });
  it("failing: evidence that counted nothing (no classified machine) is not a measurement", () => {
    const evidence = policy("evidence.controls.pass-share", "evidence", ["HY-EDU-T3"], {
      measures: [share("HY-EDU-T3", [])],
    });
    const r = req(verdict([bundles, evidence]), "HY-EDU-T3");
    expect(r.status).toBe("evidence-missing");
    expect(r.measure?.denominator).toBe(0);
    expect(r.note).toMatch(/counted nothing: no computers used to draft classified documents/);
  });
});

describe("what the tool generated, or a vendor promised, is configured, never pass", () => {
  it("failing: clean data-centre stacks (Terraform JSON the tool wrote) are configured, not measured", () => {
    const backup = policy("dc.backup.covers-every-data-volume", "stacks", ["HY-PROV-17"]);
    const r = req(verdict([backup]), "HY-PROV-17");
    expect(r.status).toBe("configured");
    expect(r.basis).toEqual([]);
    expect(r.configuredBy).toEqual(["dc.backup.covers-every-data-volume"]);
    expect(r.vi.note).toMatch(/đã cấu hình, chưa đo được thực tế/);
  });
  it("failing: a vendor's contract commitment is a promise: configured, not pass", () => {
    const commitments = definePolicy<never>({
      ...policy("inv.vendors.commitments", "inventory", ["HY-EDU-S19"]),
      promise: true,
    });
    const r = req(verdict([commitments]), "HY-EDU-S19");
    expect(r.status).toBe("configured");
    expect(r.note).toMatch(/contract commitments were checked \(inv\.vendors\.commitments\)/);
  });
  it("passing: the same stacks policy beside a measured inventory fact passes on the fact alone", () => {
    const backup = policy("dc.backup.covers-every-data-volume", "stacks", ["HY-PROV-17"]);
    const fact = policy("inv.systems.backed-up", "inventory", ["HY-PROV-17"]);
    const r = req(verdict([backup, fact]), "HY-PROV-17");
    expect(r.status).toBe("pass");
    expect(r.basis).toEqual([{ input: "inventory", source: "inv.systems.backed-up" }]);
  });
});

describe("a target in hours is a condition on each subject: the share must be 100%", () => {
  const soc = (values: boolean[]) =>
    policy("inv.systems.level3-soc-monitored", "inventory", ["HY-PROV-25"], {
      measures: [share("HY-PROV-25", values)],
    });
  it("failing: 2 of 3 important systems monitored 24/7 misses '>= 24 hours' (66.67 is not hours)", () => {
    const r = req(verdict([soc([true, true, false])]), "HY-PROV-25");
    expect(r.status).toBe("fail");
    expect([r.measure?.value, r.measure?.numerator, r.measure?.denominator]).toEqual([66.67, 2, 3]);
    expect(r.note).toMatch(/66\.67% of important information systems meet >= 24 hours; all must/);
  });
  it("passing: 3 of 3 monitored 24/7", () => {
    expect(req(verdict([soc([true, true, true])]), "HY-PROV-25").status).toBe("pass");
  });
});

describe("one headline figure per requirement, declared in the catalogue", () => {
  const leavers = (values: boolean[]) =>
    policy("inv.accounts.leavers-disabled", "inventory", ["HY-EDU-S12"], {
      measures: [share("HY-EDU-S12", values)],
    });
  const machines = policy("evidence.controls.pass-share", "evidence", ["HY-EDU-S12"], {
    measures: [share("HY-EDU-S12", [...Array(40).fill(true), ...Array(1557).fill(false)])],
  });
  it("failing: machines' 2.5% never replaces the leavers' accounts' 83.33% (5 of 6)", () => {
    const r = req(verdict([leavers([true, true, true, true, true, false]), machines]), "HY-EDU-S12");
    expect(r.status).toBe("fail");
    expect(r.measure).toMatchObject({ policy: "inv.accounts.leavers-disabled", value: 83.33, numerator: 5 });
    expect(r.measure?.denominator).toBe(6);
    expect(r.otherMeasures?.map((m) => [m.policy, m.numerator, m.denominator])).toEqual([
      ["evidence.controls.pass-share", 40, 1597],
    ]);
    expect(r.note).toMatch(/83\.33% misses the target >= 100%/);
  });
  it("passing: 6 of 6 leavers' accounts disabled is 100%, whatever the machines say", () => {
    const r = req(verdict([leavers(Array(6).fill(true))]), "HY-EDU-S12");
    expect(r.status).toBe("pass");
    expect([r.measure?.value, r.measure?.numerator, r.measure?.denominator]).toEqual([100, 6, 6]);
  });
  it("failing: without the headline policy's input the requirement is not measured", () => {
    const other = policy("inv.other.thing", "inventory", ["HY-EDU-S02"]);
    const headline = policy("evidence.controls.pass-share", "evidence", ["HY-EDU-S02"]);
    const v = verdict([other, headline], { inputs: { inventory: {} } as unknown as Inputs });
    expect(req(v, "HY-EDU-S02").status).toBe("evidence-missing");
    expect(req(v, "HY-EDU-S02").note).toMatch(/comes from evidence.controls.pass-share, which did not run/);
  });
  it("every automated requirement with a target names the policy that measures its headline figure", () => {
    const missing = [...bundledCatalogue().requirements.values()]
      .filter((r) => r.status === "automated" && r.target && !r.target.measuredBy)
      .map((r) => r.id);
    expect(missing).toEqual([]);
  });
});

describe("waivers are approvals, scoped; declared exceptions are technical exceptions", () => {
  const waiver = (over: Partial<LoadedWaiver>): LoadedWaiver => ({
    id: "inv.antimalware.licences-valid",
    scope: "unit hy-a",
    reason: "Licence renewal signed, delivery in December (contract 7/HĐ)",
    approver: "Giám đốc Sở",
    status: "approved",
    approvedOn: "2026-11-01",
    expires: "2026-12-31",
    location: "w.yaml:2",
    ...over,
  });
  const licences = policy("inv.antimalware.licences-valid", "inventory", ["HY-PROV-17"], {
    findings: [issue("unit hy-a", { unit: "hy-a" })],
  });
  it("failing: one unit's approved waiver waives its finding, not the province-wide requirement", () => {
    const v = verdict([licences], { waivers: [waiver({})] });
    expect(req(v, "HY-PROV-17").status).toBe("fail");
    expect(req(v, "HY-PROV-17").waivedFindings).toBe(1);
    expect(v.waivers[0]?.state).toBe("active");
  });
  it("passing: an approved waiver of scope * waives the requirement", () => {
    const v = verdict([licences], { waivers: [waiver({ scope: "*" })] });
    expect(req(v, "HY-PROV-17").status).toBe("waived");
    expect(v.conclusion.counts.met).toBe(1);
  });
  it("failing: a requested waiver waives nothing", () => {
    const v = verdict([licences], {
      waivers: [waiver({ scope: "*", status: "requested", approvedOn: undefined })],
    });
    expect(req(v, "HY-PROV-17").status).toBe("fail");
    expect(v.waivers[0]?.state).toBe("not-approved");
    // The console never says it applies: the finding in its scope stays open.
    const text = consoleReport(v, { lang: "vi" });
    expect(text).toContain("[chưa phê duyệt] inv.antimalware.licences-valid *:");
    expect(text).toContain("không miễn trừ tồn tại nào (1 tồn tại trong phạm vi vẫn phải khắc phục)");
    expect(text).not.toMatch(/áp dụng cho \d+ tồn tại/);
    expect(consoleReport(verdict([licences], { waivers: [waiver({})] }), { lang: "vi" })).toContain(
      "áp dụng cho 1 tồn tại",
    );
  });
  it("a declared exception is a technical exception with its reason, not a waiver", () => {
    const containers = policy("dc.containers.hardened", "stacks", ["HY-PROV-09"], {
      findings: [
        issue("container postgres", {
          exception: {
            en: "the entrypoint needs root to chown the volume",
            vi: "lệnh khởi động cần root để đổi chủ sở hữu volume",
          },
        }),
      ],
    });
    const v = verdict([containers]);
    // Not failed and not waived; configured, because the Terraform JSON is the tool's own output.
    expect(req(v, "HY-PROV-09").status).toBe("configured");
    expect(req(v, "HY-PROV-09").findings).toBe(1);
    expect(req(v, "HY-PROV-09").technicalExceptions).toBe(1);
    expect(v.totals.waived).toBe(0);
    expect(v.technicalExceptions).toEqual([
      {
        policy: "dc.containers.hardened",
        subject: "container postgres",
        requirements: ["HY-PROV-09"],
        reason: "the entrypoint needs root to chown the volume",
        vi: { reason: "lệnh khởi động cần root để đổi chủ sở hữu volume" },
      },
    ]);
  });
});

describe("records and periodic deadlines", () => {
  const record = (date: string): Basis => ({ input: "records", source: "records.yaml:4", date });
  it("passing: a valid record makes an evidence requirement recorded", () => {
    const v = verdict([], { records: new Map([["HY-EDU-S05", [record("2026-05-12")]]]) });
    expect(req(v, "HY-EDU-S05").status).toBe("recorded");
    expect(req(v, "HY-EDU-S05").basis).toEqual([record("2026-05-12")]);
  });
  it("failing: a six-monthly report with no record for the period before 10 October is overdue", () => {
    const v = verdict([], { records: new Map([["HY-PROV-35", [record("2026-06-05")]]]) });
    const r = req(v, "HY-PROV-35");
    expect(r.status).toBe("evidence-missing");
    expect(r.due).toEqual({
      state: "overdue",
      lastDue: "2026-10-10",
      lastPeriod: { from: "2026-06-10", to: "2026-10-10" },
      nextDue: "2027-06-09",
    });
  });
  it("passing: the yearly report sent on 8 October covers the period; the next is due before 10 June", () => {
    const v = verdict([], { records: new Map([["HY-PROV-35", [record("2026-10-08")]]]) });
    const r = req(v, "HY-PROV-35");
    expect(r.status).toBe("recorded");
    expect(r.due).toMatchObject({ state: "due", nextDue: "2027-06-09" });
  });
  it("'Trước tháng 6/2026' ends on 31 May", () => {
    const r = req(verdict([]), "HY-PROV-08");
    expect(r.deadline).toBe("before 2026-06");
    expect(
      verdict([], { asOf: "2026-06-01" }).requirements.find((x) => x.id === "HY-PROV-08")?.deadlinePassed,
    ).toBe(true);
    expect(
      verdict([], { asOf: "2026-05-31" }).requirements.find((x) => x.id === "HY-PROV-08")?.deadlinePassed,
    ).toBe(false);
  });
  it("'Trước 30/3/2026' ends on 29 March, as 'trước ngày 10/6' ends on 9 June", () => {
    expect(req(verdict([]), "HY-EDU-A03").deadline).toBe("before 2026-03-30");
    const passed = (asOf: string) => req(verdict([], { asOf }), "HY-EDU-A03").deadlinePassed;
    expect(passed("2026-03-29")).toBe(false);
    expect(passed("2026-03-30")).toBe(true);
    expect(dueDates("six-monthly", "2026-01-01", "2026-12-31", ["06-10"])[0]).toBe("2026-06-09");
  });
});

describe("the conclusion", () => {
  it("ĐẠT only when every adopted requirement is pass, waived or recorded", () => {
    expect(conclude(["pass", "waived", "recorded", "not-applicable"])).toMatchObject({
      code: "met",
      vi: "ĐẠT",
      counts: { adopted: 3, met: 3, failing: 0, unproven: 0 },
    });
  });
  it("CHƯA ĐỦ CĂN CỨ where nothing failed but some requirement is unproven", () => {
    expect(conclude(["pass", "configured", "evidence-missing", "manual"])).toMatchObject({
      code: "insufficient",
      vi: "CHƯA ĐỦ CĂN CỨ",
      counts: { adopted: 4, met: 1, failing: 0, unproven: 3 },
    });
  });
  it("CHƯA ĐẠT when any requirement fails", () => {
    expect(conclude(["pass", "fail", "configured"])).toMatchObject({
      code: "not-met",
      vi: "CHƯA ĐẠT",
      counts: { adopted: 3, met: 1, failing: 1, unproven: 1 },
    });
  });
});
