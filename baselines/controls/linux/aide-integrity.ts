import { defineControl } from "../../control.js";
import { aideDatabase, pkg, systemd } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * AIDE, file integrity checking: installed with Debian's configuration (aide-common)
 * and checked every day by its own timer, which mails root what changed. The database
 * it compares against is built once the machine is set up (sudo aideinit: minutes of
 * reading the whole disk), which apply.sh leaves to the technician: until it exists,
 * audit.sh fails this control and prints the command (the README says so too).
 */
export default defineControl({
  id: "linux.aide.integrity",
  title: {
    vi: "Kiểm tra toàn vẹn tệp hằng ngày (AIDE)",
    en: "Daily file integrity check (AIDE)",
  },
  rationale: {
    vi: "Tệp hệ thống bị thay đổi trái phép (mã độc, cửa hậu) được phát hiện trong vòng một ngày.",
    en: "Unauthorised changes to system files (malware, backdoors) are found within a day.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "HP-EDU-3"],
  references: {
    cis: `${CIS}: Ensure AIDE is installed; Ensure filesystem integrity is regularly checked`,
  },
  cis: ["6.3.1", "6.3.2"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [pkg("aide"), pkg("aide-common"), systemd("dailyaidecheck.timer", "enabled"), aideDatabase],
});
