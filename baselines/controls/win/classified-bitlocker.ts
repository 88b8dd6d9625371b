import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CLASSIFIED, LAW_STATE_SECRETS } from "./lib/common.js";

const FVE = "SOFTWARE\\Policies\\Microsoft\\FVE";

/**
 * BitLocker cannot be switched on safely by a script that does not know where the
 * recovery key must be kept, so Apply only sets the cipher (XTS-AES 256 for OS and
 * fixed drives, used when BitLocker is next turned on) and Test checks that the OS
 * volume is protected.
 */
export default defineControl({
  id: "win.classified.bitlocker",
  title: {
    vi: "Máy tài liệu mật: ổ hệ điều hành mã hóa BitLocker",
    en: "Classified machine: OS volume encrypted with BitLocker",
  },
  rationale: {
    vi: "Khi mang máy đi sửa hay bị mất, ổ cứng không mã hóa để lộ toàn bộ tài liệu mật. Kiểm tra ổ hệ điều hành được BitLocker bảo vệ và đặt thuật toán XTS-AES 256. Cán bộ CNTT bật BitLocker bằng tay và cất khóa khôi phục theo quy chế bảo mật (README hướng dẫn).",
    en: "When a machine goes for repair or is lost, an unencrypted disk gives away every classified document. The audit checks that the OS volume is BitLocker-protected; the cipher is set to XTS-AES 256. IT staff turn BitLocker on by hand and keep the recovery key per the secrecy rules (the README says how).",
  },
  severity: "critical",
  requirements: ["HY-EDU-A06", "HY-EDU-S04", "QN-BCD-T7", "HY-PROV-18"],
  references: {
    law: LAW_STATE_SECRETS,
    cis: "CIS Microsoft Windows 11 Enterprise Benchmark v3.0.0 (BitLocker section, Level 2)",
    microsoft:
      "BitLocker Drive Encryption policy: Choose drive encryption method and cipher strength = XTS-AES 256-bit (7)",
  },
  appliesTo: { os: ["windows"], roles: CLASSIFIED },
  settings: () => [
    regDword(FVE, "EncryptionMethodWithXtsOs", 7),
    regDword(FVE, "EncryptionMethodWithXtsFdv", 7),
    { kind: "check", check: "bitlocker-os-volume" },
  ],
});
