import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, SYSTEM_POLICIES, WINDOWS_ROLES } from "./lib/common.js";

/**
 * User Account Control in Admin Approval Mode, the built-in Administrator included,
 * and local accounts filtered on network logons (LocalAccountTokenFilterPolicy 0: a
 * stolen local administrator password does not give admin rights over the network).
 *
 * Standard users get a credential prompt (ConsentPromptBehaviorUser 1), not the
 * baseline's automatic refusal (0): at a school, IT staff type an administrator's
 * password into the prompt on a teacher's session; refusing outright sends them to
 * sign the teacher out. A declared deviation (docs/msft-baseline-coverage.md).
 */
export default defineControl({
  id: "win.account.uac-admin-approval",
  title: {
    vi: "UAC: chế độ phê duyệt quản trị, lọc token tài khoản cục bộ",
    en: "UAC admin approval mode, local-account token filtering",
  },
  rationale: {
    vi: "Mã độc chạy trong phiên quản trị có ngay toàn quyền nếu UAC tắt. Bật UAC cho mọi tài khoản quản trị (cả Administrator có sẵn), hỏi đồng ý trên màn hình bảo mật, phát hiện trình cài đặt, và lọc quyền quản trị của tài khoản cục bộ khi đăng nhập qua mạng để mật khẩu quản trị cục bộ bị lộ không mở được máy khác. Người dùng thường được hỏi mật khẩu quản trị (không tự động từ chối như Microsoft) để cán bộ CNTT nâng quyền ngay trên phiên của giáo viên.",
    en: "Malware running in an administrator's session gets every right at once when UAC is off. UAC is on for every administrator (the built-in one too), consent is asked on the secure desktop, installers are detected, and local accounts lose admin rights on network logons so a leaked local admin password does not open other machines. Standard users are asked for an administrator's password (not refused outright as in Microsoft's baseline) so IT staff can elevate on a teacher's session.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: User Account Control: Admin Approval Mode for the Built-in Administrator account; Behavior of the elevation prompt for administrators = Prompt for consent on the secure desktop; for standard users (baseline: Automatically deny; here: Prompt for credentials on the secure desktop, see rationale); Detect application installations; Only elevate UIAccess applications installed in secure locations; Run all administrators in Admin Approval Mode; Virtualize file and registry write failures; MS Security Guide: Apply UAC restrictions to local accounts on network logons = Enabled`,
    cis: `${CIS}: 2.3.17.1-2.3.17.8; 18.4.1 Apply UAC restrictions to local accounts on network logons`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(SYSTEM_POLICIES, "EnableLUA", 1),
    regDword(SYSTEM_POLICIES, "FilterAdministratorToken", 1),
    regDword(SYSTEM_POLICIES, "ConsentPromptBehaviorAdmin", 2),
    regDword(SYSTEM_POLICIES, "ConsentPromptBehaviorUser", 1),
    regDword(SYSTEM_POLICIES, "EnableInstallerDetection", 1),
    regDword(SYSTEM_POLICIES, "EnableSecureUIAPaths", 1),
    regDword(SYSTEM_POLICIES, "EnableVirtualization", 1),
    regDword(SYSTEM_POLICIES, "LocalAccountTokenFilterPolicy", 0),
  ],
});
