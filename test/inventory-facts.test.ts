/**
 * What documents would otherwise prove, measured from the inventory's facts: trainings
 * matched to the staff list, signing certificates, incidents with their times, per-system
 * reviews and fixes, the assessor the plan names, servers holding shared data, and units
 * that say whether they have classified machines. Each case runs the real policies through
 * the engine on the minimal inventory (compliant) or one small breach of it, and asserts
 * the requirement's status and its figure.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Inventory } from "../model/inventory.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { InputError, type Problem } from "../model/problems.js";
import { contextOf } from "../policies/context.js";
import { runPolicies, type Verdict } from "../policies/engine.js";
import type { Policy } from "../policies/policy.js";
import { inventoryPack } from "../policies/rules/inventory/index.js";
import { expectVietnamese } from "./helpers/vietnamese.js";

const MINIMAL = join(import.meta.dirname, "fixtures/minimal");

function verdictOf(breach: (inv: Inventory) => void = () => {}, plans = ["HY-EDU", "HY-PROV"]): Verdict {
  const loaded = loadInventory(MINIMAL);
  breach(loaded.inventory);
  const catalogue = bundledCatalogue();
  return runPolicies({
    policies: inventoryPack as Array<Policy<never>>,
    inputs: { inventory: contextOf(loaded, catalogue) },
    catalogue,
    waivers: [],
    asOf: loaded.inventory.province.asOf,
    province: { id: "tinh-mau", name: "Tỉnh Mẫu", plans },
  });
}

/** The requirement's status and the figure a policy counted for it ("n/d"). */
function figure(v: Verdict, id: string, policy: string) {
  const r = v.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id}`);
  const m = [r.measure, ...(r.otherMeasures ?? [])].find((x) => x?.policy === policy);
  return { status: r.status, count: m ? `${m.numerator}/${m.denominator}` : "none", value: m?.value };
}
const v0 = () => verdictOf();
const findingsOf = (v: Verdict, policy: string) => v.findings.filter((f) => f.policy === policy);

const person = (inv: Inventory, id: string) =>
  inv.staff.find((p) => p.id === id) as Inventory["staff"][number];
const sys = (inv: Inventory) => inv.systems[0] as Inventory["systems"][number];
const incident = (inv: Inventory) => inv.incidents[0] as Inventory["incidents"][number];
const review = (inv: Inventory) => sys(inv).reviews[0] as Inventory["systems"][number]["reviews"][number];

describe("trainings matched to the staff list", () => {
  it("HY-PROV-05 passing: the Department's one leader attended a 2026 training: pass, 1/1", () => {
    expect(figure(verdictOf(), "HY-PROV-05", "inv.training.leaders-trained")).toMatchObject({
      status: "pass",
      count: "1/1",
      value: 100,
    });
  });
  it("HY-PROV-05 failing: a second leader on no attendance list: fail, 1/2 (50 %), the person named", () => {
    const v = verdictOf((inv) => {
      // The IT officer made a leader of the Department, on no attendance list.
      person(inv, "tran-van-an").position = "leader";
      for (const t of inv.trainings) t.attendees = t.attendees.filter((a) => a !== "tran-van-an");
    });
    expect(figure(v, "HY-PROV-05", "inv.training.leaders-trained")).toMatchObject({
      status: "fail",
      count: "1/2",
      value: 50,
    });
    const [f] = findingsOf(v, "inv.training.leaders-trained");
    expect(f?.message).toMatch(
      /Trần Văn An \(leader of Sở Giáo dục và Đào tạo\) attended no training in 2026/,
    );
    expect(f?.location).toMatch(/inventory\.yaml:\d+$/);
    expectVietnamese(findingsOf(v, "inv.training.leaders-trained"));
  });
  it("HY-PROV-05: staff whose position is not stated are the figure's coverage gap, never dropped silently", () => {
    const full = v0().requirements.find((r) => r.id === "HY-PROV-05")?.measure;
    expect(full?.coverage).toMatchObject({ population: 2, withData: 2 });
    const v = verdictOf((inv) => {
      person(inv, "tran-van-an").position = undefined;
    });
    expect(v.requirements.find((r) => r.id === "HY-PROV-05")?.measure?.coverage).toMatchObject({
      population: 2,
      withData: 1,
    });
  });
  it("HY-PROV-05: a training of another year does not count", () => {
    const v = verdictOf((inv) => {
      for (const t of inv.trainings) t.date = t.date.replace("2026", "2025");
    });
    expect(figure(v, "HY-PROV-05", "inv.training.leaders-trained")).toMatchObject({
      status: "fail",
      count: "0/1",
    });
  });

  it("HY-PROV-31 passing: the IT officer attended an in-depth course this year: pass, 1/1", () => {
    expect(figure(verdictOf(), "HY-PROV-31", "inv.training.it-staff-in-depth")).toMatchObject({
      status: "pass",
      count: "1/1",
    });
  });
  it("HY-PROV-31 failing: an awareness session is not in-depth training: fail, 0/1", () => {
    const v = verdictOf((inv) => {
      for (const t of inv.trainings) t.kind = "awareness";
    });
    expect(figure(v, "HY-PROV-31", "inv.training.it-staff-in-depth")).toMatchObject({
      status: "fail",
      count: "0/1",
    });
    expectVietnamese(findingsOf(v, "inv.training.it-staff-in-depth"));
  });

  it("HY-EDU-A10, S23 passing: all 3 active staff trained, the THCS held a session with 120 students: pass, 3/3", () => {
    const v = verdictOf();
    for (const id of ["HY-EDU-A10", "HY-EDU-S23"])
      expect(figure(v, id, "inv.training.staff-trained")).toMatchObject({ status: "pass", count: "3/3" });
  });
  it("HY-EDU-A10, S23 failing: a teacher left off every list: fail, 2/3, with the unit's breakdown 0/1", () => {
    const v = verdictOf((inv) => {
      for (const t of inv.trainings)
        t.attendees = t.students > 0 ? ["tran-van-an"] : t.attendees.filter((a) => a !== "pham-van-cuong");
    });
    expect(figure(v, "HY-EDU-S23", "inv.training.staff-trained")).toMatchObject({
      status: "fail",
      count: "2/3",
    });
    const m = v.requirements.find((r) => r.id === "HY-EDU-A10")?.otherMeasures?.[0];
    expect(m?.breakdown?.find((b) => b.key === "thcs-le-loi")).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
    expect(findingsOf(v, "inv.training.staff-trained").map((f) => f.message)).toEqual([
      "Trường THCS Lê Lợi: 1 of 1 staff attended no security training in 2026: Phạm Văn Cường",
    ]);
  });
  it("HY-EDU-S23 failing: a THCS with no session for its students is a finding though all staff were trained", () => {
    const v = verdictOf((inv) => {
      for (const t of inv.trainings) t.students = 0;
    });
    expect(figure(v, "HY-EDU-S23", "inv.training.staff-trained")).toMatchObject({
      status: "fail",
      count: "3/3",
    });
    expect(findingsOf(v, "inv.training.staff-trained").map((f) => f.message)).toEqual([
      "Trường THCS Lê Lợi held no cybersecurity session with its students in 2026",
    ]);
  });
});

describe("signing certificates (HY-EDU-S14)", () => {
  it("passing: the leader and the teacher each hold their own valid certificate: pass, 2/2", () => {
    expect(figure(verdictOf(), "HY-EDU-S14", "inv.staff.signing-certificates")).toMatchObject({
      status: "pass",
      count: "2/2",
    });
  });
  it("failing: an expired certificate: fail, 1/2", () => {
    const v = verdictOf((inv) => {
      Object.assign(person(inv, "pham-van-cuong").signingCertificate ?? {}, { validUntil: "2026-10-31" });
    });
    expect(figure(v, "HY-EDU-S14", "inv.staff.signing-certificates")).toMatchObject({
      status: "fail",
      count: "1/2",
    });
    expect(findingsOf(v, "inv.staff.signing-certificates")[0]?.message).toMatch(/expired on 2026-10-31/);
  });
  it("failing: two people on one certificate is signing on another's behalf (ký thay): fail, 0/2", () => {
    const v = verdictOf((inv) => {
      person(inv, "do-thi-dung").signingCertificate = person(inv, "pham-van-cuong").signingCertificate;
    });
    expect(figure(v, "HY-EDU-S14", "inv.staff.signing-certificates")).toMatchObject({
      status: "fail",
      count: "0/2",
    });
    const f = findingsOf(v, "inv.staff.signing-certificates");
    expect(f.map((x) => x.vi.message).sort()).toEqual([
      "Phạm Văn Cường dùng chung chứng thư 5403A1B2C3D4E5F6 với do-thi-dung (ký thay)",
      "Đỗ Thị Dung dùng chung chứng thư 5403A1B2C3D4E5F6 với pham-van-cuong (ký thay)",
    ]);
  });
});

describe("incidents with their detected and reported times (24 hours, Decree 331)", () => {
  it("HY-EDU-S16 passing: reported to the police 6.5 hours after detection: pass, 1/1", () => {
    expect(figure(verdictOf(), "HY-EDU-S16", "inv.incidents.reported-to-police")).toMatchObject({
      status: "pass",
      count: "1/1",
    });
  });
  it("HY-EDU-S16 failing: reported 25 hours after (offsets counted): fail, 0/1", () => {
    const v = verdictOf((inv) => {
      // 08:30+07:00 is 01:30Z; 02:30Z the next day is 25 hours later.
      incident(inv).reportedToPolice = "2026-09-04T02:30:00Z";
    });
    expect(figure(v, "HY-EDU-S16", "inv.incidents.reported-to-police")).toMatchObject({
      status: "fail",
      count: "0/1",
    });
    expect(findingsOf(v, "inv.incidents.reported-to-police")[0]?.message).toMatch(
      /reported to the police 25 hours after detection \(at most 24\)/,
    );
  });
  it("HY-EDU-S16: no incident in the log counts nothing: evidence missing, 0/0, never pass", () => {
    const v = verdictOf((inv) => {
      inv.incidents = [];
    });
    expect(figure(v, "HY-EDU-S16", "inv.incidents.reported-to-police")).toMatchObject({
      status: "evidence-missing",
      count: "0/0",
    });
  });
  const qn = ["QN-EDU"];
  it("QN-EDU-7 passing: the serious incident reached the Department in 1.5 hours: pass, 1/1", () => {
    expect(
      figure(verdictOf(undefined, qn), "QN-EDU-7", "inv.incidents.serious-reported-to-department"),
    ).toMatchObject({ status: "pass", count: "1/1" });
  });
  it("QN-EDU-7 failing: never reported to the Department: fail, 0/1; a non-serious one is not counted", () => {
    const v = verdictOf((inv) => {
      incident(inv).reportedToDepartment = null;
      inv.incidents.push({ ...incident(inv), id: "sc-2026-02", serious: false });
    }, qn);
    expect(figure(v, "QN-EDU-7", "inv.incidents.serious-reported-to-department")).toMatchObject({
      status: "fail",
      count: "0/1",
    });
    expectVietnamese(findingsOf(v, "inv.incidents.serious-reported-to-department"));
  });
});

describe("per-system reviews and fixes", () => {
  it("HY-PROV-26, 28 passing: reviewed on 2026-05-01, within a year of asOf: pass, 1/1", () => {
    const v = verdictOf();
    expect(figure(v, "HY-PROV-26", "inv.systems.reviewed-yearly")).toMatchObject({
      status: "pass",
      count: "1/1",
    });
    expect(figure(v, "HY-PROV-28", "inv.systems.reviewed-yearly")).toMatchObject({
      status: "pass",
      count: "1/1",
    });
  });
  it("HY-PROV-26 failing: last reviewed 2025-11-01, more than a year before 2026-11-20: fail, 0/1 (0 %)", () => {
    const v = verdictOf((inv) => {
      Object.assign(review(inv), { on: "2025-11-01", fixedOn: "2025-12-01" });
    });
    expect(figure(v, "HY-PROV-26", "inv.systems.reviewed-yearly")).toMatchObject({
      status: "fail",
      count: "0/1",
      value: 0,
    });
  });
  it("QN-BCD-T1 passing: reviewed in 2026, both findings fixed: pass, 1/1", () => {
    expect(
      figure(verdictOf(undefined, ["QN-BCD"]), "QN-BCD-T1", "inv.systems.vulnerabilities-fixed"),
    ).toMatchObject({ status: "pass", count: "1/1" });
  });
  it("QN-BCD-T1 failing: findings still open (fixedOn null): fail, 0/1", () => {
    const v = verdictOf(
      (inv) => {
        review(inv).fixedOn = null;
      },
      ["QN-BCD"],
    );
    expect(figure(v, "QN-BCD-T1", "inv.systems.vulnerabilities-fixed")).toMatchObject({
      status: "fail",
      count: "0/1",
    });
    expect(findingsOf(v, "inv.systems.vulnerabilities-fixed")[0]?.message).toMatch(
      /2 vulnerabilities found by the review of 2026-05-01 are not all fixed/,
    );
  });
});

describe("the assessor is the one the plan names for the level (HY-PROV-29)", () => {
  it("passing: a level-3 system assessed by the provincial police: 1/1, no finding", () => {
    const v = verdictOf();
    expect(figure(v, "HY-PROV-29", "inv.systems.assessor-as-plan-names")).toMatchObject({
      status: "pass",
      count: "1/1",
    });
  });
  it("failing: a level-3 system assessed by another organisation: fail, 0/1", () => {
    const v = verdictOf((inv) => {
      sys(inv).protection.assessorKind = "other";
    });
    expect(figure(v, "HY-PROV-29", "inv.systems.assessor-as-plan-names")).toMatchObject({
      status: "fail",
      count: "0/1",
    });
    expect(findingsOf(v, "inv.systems.assessor-as-plan-names")[0]?.message).toMatch(
      /the plan names the provincial police for level 3/,
    );
  });
  it("failing: the assessor's kind not stated: fail, 0/1", () => {
    const v = verdictOf((inv) => {
      sys(inv).protection.assessorKind = undefined;
    });
    expect(figure(v, "HY-PROV-29", "inv.systems.assessor-as-plan-names")).toMatchObject({
      status: "fail",
      count: "0/1",
    });
  });
  it("a level-1 system assessed by its owner is as the plan says: 1/1", () => {
    const v = verdictOf((inv) => {
      Object.assign(sys(inv), { level: 1 });
      sys(inv).protection.assessorKind = "owner";
    });
    expect(figure(v, "HY-PROV-29", "inv.systems.assessor-as-plan-names").count).toBe("1/1");
  });
});

describe("a unit's own server holding shared data is not centralised (HY-EDU-T2)", () => {
  it("passing: a server that holds no shared data is not counted: pass, 1/1", () => {
    const v = verdictOf((inv) => {
      (inv.units[1] as Inventory["units"][number]).machines.push({
        role: "server",
        os: "debian-12",
        count: 1,
        hosts: [],
        sharedData: false,
      });
    });
    expect(figure(v, "HY-EDU-T2", "inv.data.centralised")).toMatchObject({ status: "pass", count: "1/1" });
  });
  it("failing: the school's server holds shared data: fail, 1/2", () => {
    const v = verdictOf((inv) => {
      (inv.units[1] as Inventory["units"][number]).machines.push({
        role: "server",
        os: "debian-12",
        count: 1,
        hosts: [],
        sharedData: true,
      });
    });
    expect(figure(v, "HY-EDU-T2", "inv.data.centralised")).toMatchObject({
      status: "fail",
      count: "1/2",
      value: 50,
    });
    expect(findingsOf(v, "inv.data.centralised").map((f) => f.message)).toEqual([
      "Trường THCS Lê Lợi keeps shared data on 1 own server(s) (role server, sharedData: true)",
    ]);
  });
});

describe("units that declare no classified machine count in the classified requirements", () => {
  it("passing: both units confirm they have none: 2/2 units declared, no finding", () => {
    const v = verdictOf();
    expect(figure(v, "HY-EDU-T3", "inv.units.classified-declared")).toMatchObject({ count: "2/2" });
    expect(findingsOf(v, "inv.units.classified-declared")).toEqual([]);
    // Saying "none" is a precondition, not a measure: without machine evidence nothing passes.
    for (const id of ["HY-EDU-T3", "HY-EDU-S04"]) {
      expect(figure(v, id, "inv.units.classified-declared").status, id).toBe("evidence-missing");
      expect(v.requirements.find((r) => r.id === id)?.basis, id).toEqual([]);
    }
  });
  it("failing: a unit that neither lists nor denies classified machines: fail, 1/2, coverage 1 of 2 units", () => {
    const v = verdictOf((inv) => {
      (inv.units[1] as Inventory["units"][number]).noClassifiedMachines = undefined;
    });
    for (const id of ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"])
      expect(figure(v, id, "inv.units.classified-declared")).toMatchObject({ status: "fail", count: "1/2" });
    const m = v.requirements
      .find((r) => r.id === "HY-EDU-T3")
      ?.otherMeasures?.find((x) => x.policy === "inv.units.classified-declared");
    expect(m?.coverage).toEqual({
      population: 2,
      withData: 1,
      of: "units that declared",
      vi: "đơn vị đã khai báo",
    });
    expectVietnamese(findingsOf(v, "inv.units.classified-declared"));
  });
});

describe("the new facts are checked where they are written (file:line, field, expected)", () => {
  const TEXT = readFileSync(join(MINIMAL, "inventory.yaml"), "utf8");
  /** The problems of the minimal inventory with `from` replaced by `to`. */
  function problemsWith(from: string, to: string): Problem[] {
    if (!TEXT.includes(from)) throw new Error(`fixture edit: "${from}" not in the minimal inventory`);
    const dir = mkdtempSync(join(tmpdir(), "attt-facts-"));
    writeFileSync(join(dir, "inventory.yaml"), TEXT.replace(from, to));
    try {
      loadInventory(dir);
    } catch (e) {
      if (e instanceof InputError) return e.problems;
      throw e;
    }
    return [];
  }
  const lineOf = (from: string, to: string, needle: string) =>
    TEXT.replace(from, to)
      .split("\n")
      .findIndex((l) => l.includes(needle)) + 1;

  it.each([
    {
      name: "an attendee not on the staff list",
      from: "attendees: [tran-van-an]",
      to: "attendees: [tran-van-a]",
      path: "trainings[2].attendees[0]",
      expected: /the ID of a person in the inventory/,
      found: /unknown person "tran-van-a"/,
    },
    {
      name: "students without the school that held the session",
      from: "    unit: thcs-le-loi\n    students: 120",
      to: "    students: 120",
      path: "trainings[1].unit",
      expected: /the school whose students attended/,
      found: /nothing/,
      needle: "id: hoc-sinh-le-loi-2026",
    },
    {
      name: "a report made before the incident was detected",
      from: 'reportedToPolice: "2026-09-03T15:00:00+07:00"',
      to: 'reportedToPolice: "2026-09-03T01:00:00+07:00"',
      path: "incidents[0].reportedToPolice",
      expected: /a moment after the incident was detected/,
      found: /2026-09-03T01:00:00\+07:00/,
    },
    {
      name: "a time without its offset",
      from: 'detectedAt: "2026-09-03T08:30:00+07:00"',
      to: 'detectedAt: "03/09/2026 08:30"',
      path: "incidents[0].detectedAt",
      expected: /a date and time with its offset, e\.g\. 2026-10-03T08:30:00\+07:00/,
      found: /03\/09\/2026 08:30/,
    },
    {
      name: "a fix dated before its review",
      from: 'fixedOn: "2026-06-15"',
      to: 'fixedOn: "2026-04-15"',
      path: "systems[0].reviews[0].fixedOn",
      expected: /a date on or after the review \(2026-05-01\)/,
      found: /2026-04-15/,
    },
    {
      name: "an assessor kind the plan does not know",
      from: "assessorKind: provincial-police",
      to: "assessorKind: police",
      path: "systems[0].protection.assessorKind",
      expected: /provincial-police/,
      found: /police/,
    },
    {
      name: "a server that does not say whether it holds shared data",
      from: "      - role: lab\n        os: windows-10",
      to: "      - role: server\n        os: debian-12\n        count: 1\n      - role: lab\n        os: windows-10",
      path: "units[1].machines[0]",
      expected: /sharedData: true or false/,
      found: /nothing/,
      needle: "role: server",
    },
  ])("$name", ({ from, to, path, expected, found, needle }) => {
    const problems = problemsWith(from, to);
    const hit = problems.find((p) => p.path === path);
    expect(hit, JSON.stringify(problems, null, 1)).toBeDefined();
    expect(hit?.expected).toMatch(expected);
    expect(hit?.found).toMatch(found);
    expect(hit?.file).toMatch(/inventory\.yaml$/);
    expect(hit?.line).toBe(lineOf(from, to, needle ?? to.trim().split("\n")[0] ?? to));
  });
});

describe("lists the inventory already holds (HY-PROV-12, QN-EDU-1)", () => {
  it("passing: both units list their computers: pass, 2/2", () => {
    expect(figure(verdictOf(), "HY-PROV-12", "inv.units.it-listed")).toMatchObject({
      status: "pass",
      count: "2/2",
    });
  });
  it("failing: a unit that lists no computer: fail, 1/2", () => {
    const v = verdictOf(
      (inv) => {
        (inv.units[1] as Inventory["units"][number]).machines = [];
      },
      ["QN-EDU"],
    );
    expect(figure(v, "QN-EDU-1", "inv.units.it-listed")).toMatchObject({ status: "fail", count: "1/2" });
    expect(findingsOf(v, "inv.units.it-listed").map((f) => f.message)).toEqual([
      "Trường THCS Lê Lợi lists no computer",
    ]);
  });
  it("failing: a system on a school's server the school does not list: fail, units still 2/2", () => {
    const v = verdictOf((inv) => {
      Object.assign(sys(inv), { hosting: "unit-server", hostedBy: "thcs-le-loi", service: undefined });
    });
    expect(figure(v, "HY-PROV-12", "inv.units.it-listed")).toMatchObject({ status: "fail", count: "2/2" });
    expect(findingsOf(v, "inv.units.it-listed")[0]?.vi.message).toBe(
      "Cơ sở dữ liệu ngành chạy trên máy chủ của Trường THCS Lê Lợi nhưng đơn vị chưa thống kê máy chủ này",
    );
  });
});
