import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, WINDOWS_ROLES } from "./lib/common.js";

/** Users cannot install with elevated rights through Windows Installer, change install options, or use sudo. */
export default defineControl({
  id: "win.system.no-elevated-installs",
  title: { vi: "Người dùng không cài phần mềm với quyền nâng cao", en: "No elevated installs by users" },
  rationale: {
    vi: '"Luôn cài với quyền nâng cao" cho phép bất kỳ người dùng nào chạy gói MSI với quyền SYSTEM: học sinh ở phòng máy chiếm toàn quyền chỉ bằng một tệp. Tắt nó, không cho người dùng đổi tùy chọn cài đặt, và tắt lệnh sudo của Windows 11.',
    en: '"Always install with elevated privileges" lets any user run an MSI package as SYSTEM: a pupil in the lab takes over the machine with one file. It is off, users cannot change install options, and Windows 11\'s sudo is off.',
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Windows Installer: Always install with elevated privileges = Disabled; Allow user control over installs = Disabled; System: Configure the behavior of the sudo command = Disabled`,
    cis: `${CIS}: 18.10.82.1, 18.10.82.2`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Installer", "AlwaysInstallElevated", 0),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Installer", "EnableUserControl", 0),
    regDword("SOFTWARE\\Policies\\Microsoft\\Windows\\Sudo", "Enabled", 0),
  ],
});
