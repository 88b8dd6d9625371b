import { defineControl } from "../../control.js";
import { auditSubcategory, CIS, forceSubcategoryAudit, MSB, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.audit.account-management",
  title: { vi: "Ghi nhật ký quản lý tài khoản và nhóm", en: "Audit account and group management" },
  rationale: {
    vi: "Kẻ tấn công thường tạo tài khoản hoặc thêm mình vào nhóm Administrators; nhật ký quản lý tài khoản và nhóm bảo mật cho thấy việc đó và cho thấy tài khoản người nghỉ việc đã bị khóa.",
    en: "Attackers often create accounts or add themselves to Administrators; account and security-group management events show that, and show that leavers' accounts were disabled.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-09", "HY-EDU-S12"],
  references: {
    cis: `${CIS}: Audit User Account Management = Success and Failure; Audit Security Group Management = Success`,
    microsoft: `${MSB}: Advanced Audit Policy: User Account Management = Success and Failure; Security Group Management = Success`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    forceSubcategoryAudit(),
    auditSubcategory("User Account Management", 3),
    auditSubcategory("Security Group Management", 1),
  ],
});
