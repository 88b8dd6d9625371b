import { defineControl } from "../../control.js";
import { auditSubcategory, CIS, forceSubcategoryAudit, MSB, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.audit.system",
  title: {
    vi: "Ghi nhật ký hệ thống, tiến trình và thiết bị",
    en: "Audit system, process and device events",
  },
  rationale: {
    vi: "Biết được chương trình nào đã chạy, thiết bị nào được cắm, ai dùng đặc quyền nhạy cảm và khi nào hệ thống bảo mật thay đổi là nền của mọi cuộc điều tra sự cố.",
    en: "Knowing which programs ran, which devices were plugged in, who used sensitive privileges and when the security subsystem changed is the ground of every incident investigation.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Advanced Audit Policy: Plug and Play Events = Success; Process Creation = Success; Sensitive Privilege Use = Success and Failure; Other System Events = Success and Failure; Security State Change = Success; Security System Extension = Success; System Integrity = Success and Failure`,
    cis: `${CIS}: 17.3.1, 17.3.2, 17.8.1, 17.9.1-17.9.5`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    forceSubcategoryAudit(),
    auditSubcategory("Plug and Play Events", 1),
    auditSubcategory("Process Creation", 1),
    auditSubcategory("Sensitive Privilege Use", 3),
    auditSubcategory("Other System Events", 3),
    auditSubcategory("Security State Change", 1),
    auditSubcategory("Security System Extension", 1),
    auditSubcategory("System Integrity", 3),
  ],
});
