import { defineControl } from "../../control.js";
import { regDword, type Setting } from "../../settings.js";
import { CIS, LSA, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * LSASS as a protected process, no custom security packages, no WDigest plain-text
 * credentials in memory. RunAsPPL is 2 (on, without the UEFI lock), not the baseline's
 * 1: with the lock, Windows keeps LSA protection in a UEFI variable that no registry
 * value can clear, so Undo could not take it back (Microsoft's own way out is a
 * separate opt-out tool booted from media). 2 protects the same way while running, on
 * Windows 11 22H2 and later; Windows 10 knows only 1 (unverified on a real machine
 * whether it treats 2 as on), so there the registry value can read as set while LSASS
 * runs unprotected. So RunAsPPL is written only to bundles whose machines all run
 * Windows 11, with a probe of the real state (Wininit's event 12 since boot); a bundle
 * with Windows 10 machines leaves it out rather than claim a protection it cannot show.
 */
export default defineControl({
  id: "win.credentials.lsa-protection",
  title: {
    vi: "Bảo vệ LSA: LSASS là tiến trình được bảo vệ, không lưu mật khẩu rõ",
    en: "LSA protection: LSASS protected, no plain-text credentials",
  },
  rationale: {
    vi: "Công cụ như Mimikatz đọc mật khẩu và băm từ bộ nhớ tiến trình LSASS để đi tiếp sang máy khác. Chạy LSASS như tiến trình được bảo vệ (không khóa bằng UEFI để Undo gỡ được; chỉ cho gói mà mọi máy chạy Windows 11, vì Windows 10 chưa được xác nhận hiểu giá trị 2), không cho nạp gói bảo mật lạ, và tắt WDigest lưu mật khẩu rõ.",
    en: "Tools such as Mimikatz read passwords and hashes from the LSASS process to move on to other machines. LSASS runs as a protected process (without the UEFI lock, so Undo can take it back; only in bundles whose machines all run Windows 11, as Windows 10 is not verified to honour the value 2), no foreign security packages load, and WDigest keeps no plain-text passwords.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Local Security Authority: Configures LSASS to run as a protected process (baseline: with UEFI lock; here: without, see rationale); Allow Custom SSPs and APs to be loaded into LSASS = Disabled; MS Security Guide: WDigest Authentication = Disabled`,
    cis: `${CIS}: 18.4.x WDigest Authentication = Disabled; 18.9.x Configures LSASS to run as a protected process = Enabled`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx): Setting[] => [
    ...(ctx.groups.every((g) => g.os === "windows-11")
      ? [regDword(LSA, "RunAsPPL", 2), { kind: "check" as const, check: "lsa-protected" as const }]
      : []),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\System", "AllowCustomSSPsAPs", 0),
    regDword("SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest", "UseLogonCredential", 0),
  ],
});
