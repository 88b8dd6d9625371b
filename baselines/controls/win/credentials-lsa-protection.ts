import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, LSA, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * LSASS as a protected process, no custom security packages, no WDigest plain-text
 * credentials in memory. RunAsPPL is 2 (on, without the UEFI lock), not the baseline's
 * 1: with the lock, Windows keeps LSA protection in a UEFI variable that no registry
 * value can clear, so Undo could not take it back (Microsoft's own way out is a
 * separate opt-out tool booted from media). 2 protects the same way while running, on
 * Windows 11 22H2 and later; Windows 10 knows only 1 (unverified on a real machine
 * whether it treats 2 as on), so there the registry value can read as set while LSASS
 * runs unprotected.
 */
export default defineControl({
  id: "win.credentials.lsa-protection",
  title: {
    vi: "Bảo vệ LSA: LSASS là tiến trình được bảo vệ, không lưu mật khẩu rõ",
    en: "LSA protection: LSASS protected, no plain-text credentials",
  },
  rationale: {
    vi: "Công cụ như Mimikatz đọc mật khẩu và băm từ bộ nhớ tiến trình LSASS để đi tiếp sang máy khác. Chạy LSASS như tiến trình được bảo vệ (không khóa bằng UEFI để Undo gỡ được), không cho nạp gói bảo mật lạ, và tắt WDigest lưu mật khẩu rõ.",
    en: "Tools such as Mimikatz read passwords and hashes from the LSASS process to move on to other machines. LSASS runs as a protected process (without the UEFI lock, so Undo can take it back), no foreign security packages load, and WDigest keeps no plain-text passwords.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Local Security Authority: Configures LSASS to run as a protected process (baseline: with UEFI lock; here: without, see rationale); Allow Custom SSPs and APs to be loaded into LSASS = Disabled; MS Security Guide: WDigest Authentication = Disabled`,
    cis: `${CIS}: 18.4.x WDigest Authentication = Disabled; 18.9.x Configures LSASS to run as a protected process = Enabled`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(LSA, "RunAsPPL", 2),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\System", "AllowCustomSSPsAPs", 0),
    regDword("SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest", "UseLogonCredential", 0),
  ],
});
