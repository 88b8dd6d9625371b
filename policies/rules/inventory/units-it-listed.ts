import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";

/**
 * HY-PROV-12 (list the bodies' systems, databases and server infrastructure, and how data
 * is stored) and QN-EDU-1 (each unit reviews the IT it uses: computers, LAN, software,
 * databases): the inventory is that list. Each unit lists its computers, and each system
 * kept on a unit's own server has that server listed among the unit's machines.
 */
export default definePolicy<InventoryInput>({
  id: "inv.units.it-listed",
  title: {
    vi: "Danh mục hạ tầng CNTT của từng đơn vị được thống kê đầy đủ",
    en: "Each unit's IT is listed in the inventory",
  },
  requirements: ["HY-PROV-12", "QN-EDU-1"],
  severity: "low",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const listed = inventory.units.map((unit) => {
      if (unit.machines.some((g) => g.count > 0)) return true;
      findings.push({
        subject: `unit ${unit.id}`,
        unit: unit.id,
        message: `${unit.name} lists no computer`,
        fix: "List the unit's computers by role and operating system (machines: role, os, count)",
        vi: {
          message: `${unit.name} chưa thống kê máy tính nào`,
          fix: "Thống kê máy tính của đơn vị theo vai trò và hệ điều hành (machines: role, os, count)",
        },
        location: where(unit),
      });
      return false;
    });
    const units = new Map(inventory.units.map((u) => [u.id, u]));
    for (const sys of inventory.systems.filter((s) => s.hosting === "unit-server")) {
      const host = units.get(sys.hostedBy ?? "");
      if (!host || host.machines.some((g) => g.role === "server" && g.count > 0)) continue;
      findings.push({
        requirements: ["HY-PROV-12"],
        subject: `system ${sys.id}`,
        unit: host.id,
        message: `${sys.name} runs on a server of ${host.name} that the unit does not list among its machines`,
        fix: "List the server among the unit's machines (role: server, with sharedData)",
        vi: {
          message: `${sys.name} chạy trên máy chủ của ${host.name} nhưng đơn vị chưa thống kê máy chủ này`,
          fix: "Thống kê máy chủ trong danh sách máy của đơn vị (role: server, kèm sharedData)",
        },
        location: where(sys, ["hostedBy"]),
      });
    }
    return { findings, measures: [share("HY-PROV-12", listed), share("QN-EDU-1", listed)] };
  },
});
