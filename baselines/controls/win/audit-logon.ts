import { defineControl } from "../../control.js";
import { auditSubcategory, CIS, forceSubcategoryAudit, MSB, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.audit.logon",
  title: {
    vi: "Ghi nhật ký đăng nhập, đăng xuất và khóa tài khoản",
    en: "Audit logon, logoff and account lockout",
  },
  rationale: {
    vi: "Phát hiện dò mật khẩu và đăng nhập trái phép cần nhật ký đăng nhập thành công và thất bại, xác thực thông tin đăng nhập và khóa tài khoản. Thiết lập theo GUID của từng mục con nên đúng cả trên Windows tiếng Việt; kèm thiết lập buộc dùng mục con thay cho chính sách cũ theo nhóm.",
    en: "Detecting password guessing and unauthorised logons needs success and failure logon events, credential validation and lockouts. Subcategories are set by GUID, so this holds on localized Windows; the setting that makes subcategories override legacy category policy comes with it.",
  },
  severity: "high",
  requirements: ["HP-EDU-3", "HY-PROV-09", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Audit Credential Validation = Success and Failure; Audit Account Lockout = Failure; Audit Logoff = Success; Audit Logon = Success and Failure; Audit Other Logon/Logoff Events = Success and Failure; Audit Special Logon = Success; Audit: Force audit policy subcategory settings = Enabled; Audit Group Membership = Success`,
    microsoft: `${MSB}: Advanced Audit Policy: Credential Validation, Logon, Other Logon/Logoff Events = Success and Failure; Account Lockout = Failure; Special Logon, Group Membership = Success; Audit: Force audit policy subcategory settings to override audit policy category settings`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    forceSubcategoryAudit(),
    auditSubcategory("Credential Validation", 3),
    auditSubcategory("Logon", 3),
    auditSubcategory("Logoff", 1),
    auditSubcategory("Account Lockout", 2),
    auditSubcategory("Special Logon", 1),
    auditSubcategory("Other Logon/Logoff Events", 3),
    auditSubcategory("Group Membership", 1),
  ],
});
