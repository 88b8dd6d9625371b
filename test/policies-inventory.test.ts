/**
 * Every inventory policy has a passing fixture (the minimal, compliant inventory) and
 * a failing one (the same inventory with one breach), and names the right requirement.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Inventory } from "../model/inventory.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { contextOf } from "../policies/context.js";
import type { Context } from "../policies/inputs.js";
import type { Policy } from "../policies/policy.js";
import { inventoryPack } from "../policies/rules/inventory/index.js";
import { expectVietnamese } from "./helpers/vietnamese.js";

const MINIMAL = join(import.meta.dirname, "fixtures/minimal");

/** A fresh context over the minimal inventory, after `breach` edits it. */
function contextWith(breach: (inv: Inventory) => void = () => {}): Context {
  const loaded = loadInventory(MINIMAL);
  breach(loaded.inventory);
  return contextOf(loaded, bundledCatalogue());
}

const sys = (inv: Inventory) => inv.systems[0] as Inventory["systems"][number];
const person = (inv: Inventory, id: string) =>
  inv.staff.find((p) => p.id === id) as Inventory["staff"][number];

const breaches: Record<string, { breach: (inv: Inventory) => void; requirement: string; subject: RegExp }> = {
  "inv.systems.level-approved-before-live": {
    breach: (inv) => {
      sys(inv).levelApprovedOn = null;
    },
    requirement: "HY-PROV-08",
    subject: /system csdl-nganh/,
  },
  "inv.systems.level3-soc-monitored": {
    breach: (inv) => {
      sys(inv).protection.socMonitored = false;
    },
    requirement: "QN-BCD-T2",
    subject: /system csdl-nganh/,
  },
  "inv.systems.national-soc-connected": {
    breach: (inv) => {
      sys(inv).protection.nationalSocConnected = false;
    },
    requirement: "QN-BCD-T2",
    subject: /system csdl-nganh/,
  },
  "inv.systems.assessment-on-time": {
    breach: (inv) => {
      sys(inv).lastAssessmentOn = "2025-11-01";
    },
    requirement: "HY-PROV-29",
    subject: /system csdl-nganh/,
  },
  "inv.systems.four-layer-protection": {
    breach: (inv) => {
      sys(inv).protection.onSiteStaff = undefined;
    },
    requirement: "HY-EDU-T1",
    subject: /system csdl-nganh/,
  },
  "inv.data.centralised": {
    breach: (inv) => {
      Object.assign(sys(inv), { hosting: "unit-server", hostedBy: "thcs-le-loi", service: undefined });
    },
    requirement: "HY-EDU-T2",
    subject: /system csdl-nganh/,
  },
  "inv.accounts.leavers-disabled": {
    breach: (inv) => {
      ((inv.staff[1] as Inventory["staff"][number]).accounts[0] as { enabled: boolean }).enabled = true;
    },
    requirement: "HY-EDU-S12",
    subject: /person le-thi-binh/,
  },
  "inv.accounts.no-shared-accounts": {
    breach: (inv) => {
      const acc = (inv.staff[2] as Inventory["staff"][number]).accounts[0] as { username: string };
      acc.username = "AN.TV";
    },
    requirement: "HY-EDU-S08",
    subject: /account an\.tv on csdl-nganh/,
  },
  "inv.units.named-officers": {
    breach: (inv) => {
      (inv.units[1] as Inventory["units"][number]).securityOfficer = "le-thi-binh";
    },
    requirement: "HY-PROV-13",
    subject: /unit thcs-le-loi/,
  },
  "inv.budget.security-share": {
    breach: (inv) => {
      (inv.budgets[0] as Inventory["budgets"][number]).security = 90_000_000;
    },
    requirement: "HY-EDU-A11",
    subject: /unit so-gddt/,
  },
  "inv.vendors.commitments": {
    breach: (inv) => {
      (inv.vendors[0] as Inventory["vendors"][number]).commitments.offlineBackup = false;
    },
    requirement: "HY-EDU-S17",
    subject: /vendor vnpt/,
  },
  "inv.training.leaders-trained": {
    breach: (inv) => {
      for (const t of inv.trainings) t.attendees = t.attendees.filter((a) => a !== "do-thi-dung");
    },
    requirement: "HY-PROV-05",
    subject: /person do-thi-dung/,
  },
  "inv.training.it-staff-in-depth": {
    breach: (inv) => {
      inv.trainings = inv.trainings.filter((t) => t.kind !== "in-depth");
    },
    requirement: "HY-PROV-31",
    subject: /person tran-van-an/,
  },
  "inv.training.staff-trained": {
    breach: (inv) => {
      inv.trainings = inv.trainings.filter((t) => t.students === 0);
    },
    requirement: "HY-EDU-S23",
    subject: /unit thcs-le-loi/,
  },
  "inv.staff.signing-certificates": {
    breach: (inv) => {
      person(inv, "pham-van-cuong").signingCertificate = undefined;
    },
    requirement: "HY-EDU-S14",
    subject: /person pham-van-cuong/,
  },
  "inv.incidents.reported-to-police": {
    breach: (inv) => {
      (inv.incidents[0] as Inventory["incidents"][number]).reportedToPolice = null;
    },
    requirement: "HY-EDU-S16",
    subject: /incident sc-2026-01/,
  },
  "inv.incidents.serious-reported-to-department": {
    breach: (inv) => {
      (inv.incidents[0] as Inventory["incidents"][number]).reportedToDepartment = "2026-09-05T10:00:00+07:00";
    },
    requirement: "QN-EDU-7",
    subject: /incident sc-2026-01/,
  },
  "inv.systems.assessor-as-plan-names": {
    breach: (inv) => {
      sys(inv).protection.assessorKind = "other";
    },
    requirement: "HY-PROV-29",
    subject: /system csdl-nganh/,
  },
  "inv.systems.reviewed-yearly": {
    breach: (inv) => {
      sys(inv).reviews = [];
    },
    requirement: "HY-PROV-26",
    subject: /system csdl-nganh/,
  },
  "inv.systems.vulnerabilities-fixed": {
    breach: (inv) => {
      (sys(inv).reviews[0] as Inventory["systems"][number]["reviews"][number]).fixedOn = null;
    },
    requirement: "QN-BCD-T1",
    subject: /system csdl-nganh/,
  },
  "inv.units.classified-declared": {
    breach: (inv) => {
      (inv.units[1] as Inventory["units"][number]).noClassifiedMachines = undefined;
    },
    requirement: "HY-EDU-T3",
    subject: /unit thcs-le-loi/,
  },
  "inv.units.it-listed": {
    breach: (inv) => {
      (inv.units[0] as Inventory["units"][number]).machines = [];
    },
    requirement: "QN-EDU-1",
    subject: /unit so-gddt/,
  },
  "inv.antimalware.licences-valid": {
    breach: (inv) => {
      const group = (inv.units[1] as Inventory["units"][number])
        .machines[0] as Inventory["units"][number]["machines"][number];
      group.antiMalware = {
        product: "Kaspersky Endpoint Security 12",
        licensedUntil: "2026-10-01",
        service: "AVP",
      };
    },
    requirement: "HY-EDU-A03",
    subject: /unit thcs-le-loi/,
  },
};

describe("inventory pack", () => {
  it("every inventory policy has a failing fixture here", () => {
    expect(inventoryPack.map((p) => p.id).sort()).toEqual(Object.keys(breaches).sort());
  });

  for (const policy of inventoryPack as Array<Policy<Context>>) {
    const b = breaches[policy.id];
    describe(policy.id, () => {
      it("passes on the compliant inventory", () => {
        expect(policy.check(contextWith()).findings).toEqual([]);
      });
      it(`fails with ${b?.requirement} when breached`, () => {
        if (!b) throw new Error(`no breach fixture for ${policy.id}`);
        const findings = policy.check(contextWith(b.breach)).findings;
        expect(findings.length).toBeGreaterThan(0);
        const hit = findings.find((f) => (f.requirements ?? policy.requirements).includes(b.requirement));
        expect(hit, JSON.stringify(findings, null, 1)).toBeDefined();
        expect(hit?.subject).toMatch(b.subject);
        expect(hit?.fix.length).toBeGreaterThan(10);
        expectVietnamese(findings);
      });
    });
  }
});

describe("measures are the plans' numbers", () => {
  const budgetPolicy = () =>
    inventoryPack.find((p) => p.id === "inv.budget.security-share") as Policy<Context>;
  const lineOf = (inv: Inventory, unit: string) =>
    inv.budgets.find((b) => b.unit === unit && b.year === 2026) as Inventory["budgets"][number];

  it("passing: every unit has a 2026 line at 16%: no finding, the figure covers 2 of 2 units", () => {
    const r = budgetPolicy().check(contextWith());
    expect(r.findings).toEqual([]);
    const a11 = r.measures?.find((m) => m.requirement === "HY-EDU-A11");
    expect([a11?.value, a11?.numerator, a11?.denominator]).toEqual([16, 192_000_000, 1_200_000_000]);
    expect(a11?.coverage).toMatchObject({ population: 2, withData: 2 });
  });

  it("failing: a unit with no line for the year is a finding, and the figure covers 1 of 2", () => {
    const r = budgetPolicy().check(
      contextWith((inv) => {
        inv.budgets = inv.budgets.filter((b) => b.unit !== "thcs-le-loi");
      }),
    );
    const a11 = r.measures?.find((m) => m.requirement === "HY-EDU-A11");
    expect([a11?.value, a11?.numerator, a11?.denominator]).toEqual([16, 160_000_000, 1_000_000_000]);
    expect(a11?.coverage).toMatchObject({ population: 2, withData: 1 });
    const missing = r.findings.filter((f) => f.subject === "unit thcs-le-loi");
    expect(missing.map((f) => f.requirements?.[0]).sort()).toEqual(["HY-EDU-A11", "HY-PROV-20", "QN-BCD-L2"]);
    expect(missing[0]?.message).toMatch(/has no budget line for 2026/);
    expect(missing[0]?.vi.message).toMatch(/chưa có dòng dự toán năm 2026/);
  });

  it("lines of other years are neither counted nor a substitute for the reporting year's", () => {
    const r = budgetPolicy().check(
      contextWith((inv) => {
        inv.budgets = inv.budgets.filter((b) => b.unit !== "thcs-le-loi");
        inv.budgets.push({ unit: "thcs-le-loi", year: 2025, itTotal: 1_000_000_000, security: 10_000_000 });
      }),
    );
    const a11 = r.measures?.find((m) => m.requirement === "HY-EDU-A11");
    expect([a11?.value, a11?.denominator]).toEqual([16, 1_000_000_000]);
    expect(r.findings.some((f) => /has no budget line for 2026/.test(f.message))).toBe(true);
    expect(r.findings.some((f) => /2025/.test(f.message))).toBe(false);
  });

  it("security share is the spend share over the year's budgets, against the catalogue's 10 % and 15 %", () => {
    const ctx = contextWith((inv) => {
      Object.assign(lineOf(inv, "thcs-le-loi"), { itTotal: 1_000_000_000, security: 120_000_000 });
    });
    const r = budgetPolicy().check(ctx);
    const a11 = r.measures?.find((m) => m.requirement === "HY-EDU-A11");
    const prov20 = r.measures?.find((m) => m.requirement === "HY-PROV-20");
    // (160 + 120) / (1000 + 1000) million
    expect(a11?.value).toBe(14);
    expect(prov20?.value).toBe(14);
    // 12 % meets the education plan's 10 % but not the province's 15 %.
    expect(r.findings.flatMap((f) => f.requirements ?? []).sort()).toEqual(["HY-PROV-20", "QN-BCD-L2"]);
  });
});

describe("facts typed into the inventory are checked against the inventory", () => {
  const run = (id: string, breach?: (inv: Inventory) => void) =>
    (inventoryPack.find((p) => p.id === id) as Policy<Context>).check(contextWith(breach));
  const t1 = (r: ReturnType<typeof run>) => r.measures?.find((m) => m.requirement === "HY-EDU-T1");

  it("passing: the on-site staff is an active person, the assessor is named: 1 of 1 system complete", () => {
    const r = run("inv.systems.four-layer-protection");
    expect(r.findings).toEqual([]);
    expect([t1(r)?.numerator, t1(r)?.denominator]).toEqual([1, 1]);
  });
  it("failing: a retired person is no on-site staff (layer 1): 0 of 1", () => {
    const r = run("inv.systems.four-layer-protection", (inv) => {
      const person = inv.staff.find(
        (p) => p.id === sys(inv).protection.onSiteStaff,
      ) as Inventory["staff"][number];
      person.status = "retired";
    });
    expect(r.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/layer 1 on-site security staff .* is retired/),
    ]);
    expect([t1(r)?.numerator, t1(r)?.denominator]).toEqual([0, 1]);
  });
  it("failing: an assessment with no assessor named is not independent (layer 3): 0 of 1", () => {
    const r = run("inv.systems.four-layer-protection", (inv) => {
      sys(inv).protection.independentAssessor = undefined;
    });
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringMatching(/no assessor named/)]);
    expect([t1(r)?.numerator, t1(r)?.denominator]).toEqual([0, 1]);
  });

  const t2 = (r: ReturnType<typeof run>) => r.measures?.find((m) => m.requirement === "HY-EDU-T2");
  it("passing: shared data in a cloud its vendor supplies (listed among the vendor's systems) is centralised: 1 of 1", () => {
    const r = run("inv.data.centralised", (inv) => {
      Object.assign(sys(inv), { hosting: "cloud", service: undefined, vendor: "vnpt" });
    });
    expect(r.findings).toEqual([]);
    expect([t2(r)?.numerator, t2(r)?.denominator]).toEqual([1, 1]);
  });
  it("failing: hosting: cloud with no provider is not a compliant cloud: 0 of 1", () => {
    const r = run("inv.data.centralised", (inv) => {
      Object.assign(sys(inv), { hosting: "cloud", service: undefined, vendor: undefined });
    });
    expect(r.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/in a cloud no vendor of the inventory supplies for it \(vendor: none\)/),
    ]);
    expect([t2(r)?.numerator, t2(r)?.denominator]).toEqual([0, 1]);
  });
});
