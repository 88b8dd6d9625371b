import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, WINDOWS_ROLES } from "./lib/common.js";

/**
 * Script block logging: every PowerShell script block Windows compiles goes to the
 * Microsoft-Windows-PowerShell/Operational log, decoded, so obfuscated attacks leave
 * their real text behind. Invocation logging (start/stop of every block) stays off,
 * as in the baseline: it floods the log.
 */
export default defineControl({
  id: "win.audit.powershell-logging",
  title: { vi: "Ghi nhật ký khối lệnh PowerShell", en: "PowerShell script block logging" },
  rationale: {
    vi: "Phần lớn tấn công không dùng tệp chạy bằng PowerShell. Ghi nhật ký khối lệnh lưu lại nội dung thật của lệnh (đã giải mã) để điều tra sau sự cố.",
    en: "Most fileless attacks run in PowerShell. Script block logging keeps the real (decoded) text of what ran, for investigation after an incident.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Windows PowerShell: Turn on PowerShell Script Block Logging = Enabled, invocation logging off`,
    cis: `${CIS}: 18.10.87.1 Turn on PowerShell Script Block Logging = Enabled`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(
      "SOFTWARE\\Policies\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging",
      "EnableScriptBlockLogging",
      1,
    ),
    regDword(
      "SOFTWARE\\Policies\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging",
      "EnableScriptBlockInvocationLogging",
      0,
    ),
  ],
});
