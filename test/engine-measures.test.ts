/**
 * When two policies measure the same requirement (the machines' evidence and the
 * vendors' commitments both measure HY-EDU-S19), the requirement shows the worse one
 * against its target, and a measure that counted nothing (0 of 0, e.g. an inventory with
 * no vendor) must not hide the one that counted machines.
 */
import { describe, expect, it } from "vitest";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { type Inputs, runPolicies } from "../policies/engine.js";
import { share } from "../policies/measure.js";
import { definePolicy, type Measure, type Policy } from "../policies/policy.js";

const REQ = "HY-EDU-S19";

const measuring = (id: string, measure: Measure) =>
  definePolicy<unknown>({
    id,
    title: { vi: id, en: id },
    requirements: [REQ],
    severity: "high",
    input: "inventory",
    check: () => ({ findings: [], measures: [measure] }),
  }) as Policy<never>;

function measureOf(policies: Array<Policy<never>>): Measure | undefined {
  const v = runPolicies({
    policies,
    inputs: { inventory: {} } as unknown as Inputs,
    catalogue: bundledCatalogue(),
    waivers: [],
    asOf: "2026-11-20",
    province: { id: "p", name: "P", plans: ["HY-EDU"] },
  });
  return v.requirements.find((r) => r.id === REQ)?.measure;
}

const machines = share(REQ, [false]); // 0 of 1 machines
const noVendors = share(REQ, []); // 0 of 0 vendors: 100 %

describe("measures of one requirement from two policies", () => {
  it("0 of 0 does not replace a measure that counted something, whichever policy runs last", () => {
    // Policies run in id order: "evidence.*" before "inv.*" and after "bundle.*".
    expect(measureOf([measuring("evidence.m", machines), measuring("inv.v", noVendors)])).toEqual(machines);
    expect(measureOf([measuring("bundle.v", noVendors), measuring("evidence.m", machines)])).toEqual(
      machines,
    );
  });

  it("a measure that counted something replaces one that counted nothing; 0 of 0 alone is kept", () => {
    const vendors = share(REQ, [true, true]);
    expect(measureOf([measuring("evidence.m", noVendors), measuring("inv.v", vendors)])).toEqual(vendors);
    expect(measureOf([measuring("inv.v", noVendors)])).toEqual(noVendors);
  });

  it("when both counted something, the worse one against the target is shown, whichever ran last", () => {
    const vendors = share(REQ, [true, true]); // 100 %
    const someMachines = share(REQ, [true, false, true, true]); // 75 %
    expect(measureOf([measuring("evidence.m", someMachines), measuring("inv.v", vendors)])).toEqual(
      someMachines,
    );
    expect(measureOf([measuring("bundle.v", vendors), measuring("evidence.m", someMachines)])).toEqual(
      someMachines,
    );
  });
});
