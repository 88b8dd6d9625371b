import { defineControl } from "../../control.js";
import { auditSubcategory, CIS, forceSubcategoryAudit, MSB, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.audit.policy-change",
  title: { vi: "Ghi nhật ký thay đổi chính sách", en: "Audit policy changes" },
  rationale: {
    vi: "Ai tắt ghi nhật ký hoặc đổi chính sách xác thực phải để lại dấu vết; đó là bước đầu của nhiều cuộc tấn công xóa dấu vết.",
    en: "Whoever turns auditing off or changes authentication policy must leave a trace; it is the first step of many attacks that cover their tracks.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Audit Audit Policy Change = Success; Audit Authentication Policy Change = Success; Audit MPSSVC Rule-Level Policy Change = Success and Failure; Audit Other Policy Change Events = Failure`,
    microsoft: `${MSB}: Advanced Audit Policy: Audit Policy Change, Authentication Policy Change = Success; MPSSVC Rule-Level Policy Change = Success and Failure; Other Policy Change Events = Failure`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    forceSubcategoryAudit(),
    auditSubcategory("Audit Policy Change", 1),
    auditSubcategory("Authentication Policy Change", 1),
    auditSubcategory("MPSSVC Rule-Level Policy Change", 3),
    auditSubcategory("Other Policy Change Events", 2),
  ],
});
