import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue, type Measure } from "../../policy.js";

const REQS = ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"];

/**
 * The classified requirements ("100% máy tính soạn thảo văn bản mật không kết nối
 * Internet") count machines a unit declares. A unit that lists no classified machine has
 * either none or has not said: it must say (noClassifiedMachines: true), or it is a gap in
 * the figure's coverage, never a silent pass.
 */
export default definePolicy<InventoryInput>({
  id: "inv.units.classified-declared",
  title: {
    vi: "Mỗi đơn vị kê khai máy soạn thảo văn bản mật (hoặc xác nhận không có)",
    en: "Each unit declares its classified machines, or confirms it has none",
  },
  requirements: REQS,
  severity: "high",
  input: "inventory",
  // Saying "none" proves no machine is disconnected: only machine evidence measures that.
  precondition: true,
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const declared = inventory.units.map((unit) => {
      const listed = unit.machines.some((g) => g.role === "classified" && g.count > 0);
      if (listed || unit.noClassifiedMachines === true) return true;
      findings.push({
        subject: `unit ${unit.id}`,
        unit: unit.id,
        message: `${unit.name} lists no classified machine and does not confirm it has none`,
        fix: "List the unit's classified-drafting machines (role: classified), or confirm with noClassifiedMachines: true that it drafts no classified document on a computer",
        vi: {
          message: `${unit.name} không kê khai máy soạn thảo văn bản mật và chưa xác nhận là không có`,
          fix: "Kê khai các máy soạn thảo văn bản mật của đơn vị (role: classified), hoặc xác nhận noClassifiedMachines: true nếu đơn vị không soạn thảo văn bản mật trên máy tính",
        },
        location: where(unit, ["machines"]),
      });
      return false;
    });
    const measures: Measure[] = REQS.map((r) => {
      const m = share(r, declared);
      return {
        ...m,
        coverage: {
          population: declared.length,
          withData: m.numerator ?? 0,
          of: "units that declared",
          vi: "đơn vị đã khai báo",
        },
      };
    });
    return { findings, measures };
  },
});
