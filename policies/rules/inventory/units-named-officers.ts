import type { InventoryInput } from "../../inputs.js";
import { share } from "../../measure.js";
import { definePolicy, type Issue } from "../../policy.js";
import { STATUS_VI } from "./helpers.js";

/**
 * QN-EDU-3 and layer 1 of the 4-layer model (HY-PROV-13): each unit names an active
 * person responsible for security; HY-EDU-S09: each school names the administrator of
 * its sector-database account.
 */
export default definePolicy<InventoryInput>({
  id: "inv.units.named-officers",
  title: {
    vi: "Mỗi đơn vị có người phụ trách an toàn thông tin",
    en: "Each unit names its security officer",
  },
  requirements: ["QN-EDU-3", "HY-PROV-13", "HY-EDU-S09"],
  severity: "medium",
  input: "inventory",
  check: ({ inventory, where }) => {
    const findings: Issue[] = [];
    const people = new Map(inventory.staff.map((p) => [p.id, p]));
    const officerOk: boolean[] = [];
    const adminOk: boolean[] = [];
    const isSchool = (type: string) => !["department", "department-office", "commune"].includes(type);
    for (const unit of inventory.units) {
      const officer = unit.securityOfficer ? people.get(unit.securityOfficer) : undefined;
      const ok = officer !== undefined && officer.status === "active";
      officerOk.push(ok);
      if (!ok) {
        findings.push({
          requirements: ["QN-EDU-3", "HY-PROV-13"],
          subject: `unit ${unit.id}`,
          unit: unit.id,
          message: officer
            ? `${unit.name}: the security officer ${officer.name} is no longer active (${officer.status})`
            : `${unit.name} names no person responsible for security`,
          fix: "Assign an active staff member as securityOfficer of the unit",
          vi: {
            message: officer
              ? `${unit.name}: người phụ trách an toàn thông tin ${officer.name} không còn công tác (${STATUS_VI[officer.status]})`
              : `${unit.name} chưa phân công người phụ trách an toàn thông tin`,
            fix: "Phân công một cán bộ đang công tác làm người phụ trách an toàn thông tin (securityOfficer) của đơn vị",
          },
          location: where(unit, unit.securityOfficer ? ["securityOfficer"] : []),
        });
      }
      if (!isSchool(unit.type)) continue;
      const admin = unit.sectorDbAdmin ? people.get(unit.sectorDbAdmin) : undefined;
      const adminActive = admin !== undefined && admin.status === "active";
      adminOk.push(adminActive);
      if (!adminActive) {
        findings.push({
          requirements: ["HY-EDU-S09"],
          subject: `unit ${unit.id}`,
          unit: unit.id,
          message: `${unit.name} names no active administrator of its sector-database account`,
          fix: "Name one active person as sectorDbAdmin; they alone hold the school's sector-database account",
          vi: {
            message: `${unit.name} chưa có người đang công tác quản trị tài khoản cơ sở dữ liệu ngành của đơn vị`,
            fix: "Giao cho một người đang công tác làm sectorDbAdmin; chỉ người này giữ tài khoản cơ sở dữ liệu ngành của trường",
          },
          location: where(unit, unit.sectorDbAdmin ? ["sectorDbAdmin"] : []),
        });
      }
    }
    return { findings, measures: [share("QN-EDU-3", officerOk), share("HY-EDU-S09", adminOk)] };
  },
});
