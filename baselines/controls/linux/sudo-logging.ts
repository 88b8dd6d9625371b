import { defineControl } from "../../control.js";
import { configAbsent, file, pkg } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * sudo, the one way to administrative rights, leaves a trace and asks again: every
 * command runs in its own pseudo-terminal (a program left behind cannot type into the
 * administrator's terminal), is logged to /var/log/sudo.log, and a password stays valid
 * for 15 minutes at most. The drop-in is checked with visudo before it counts, and its
 * name has no dot (sudo skips files in sudoers.d whose names contain one).
 */
export default defineControl({
  id: "linux.sudo.logging",
  title: { vi: "sudo: ghi nhật ký, pty, hết hạn xác thực", en: "sudo: logged, in a pty, re-authentication" },
  rationale: {
    vi: "Mọi lệnh quản trị được ghi lại để điều tra; mật khẩu sudo không còn hiệu lực quá 15 phút.",
    en: "Every administrative command is recorded for investigations; a sudo password stays valid 15 minutes at most.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Ensure sudo is installed, commands use pty, log file exists, timeout <= 15 minutes`,
  },
  cis: ["5.2.1", "5.2.2", "5.2.3", "5.2.5", "5.2.6"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    pkg("sudo"),
    file(
      "/etc/sudoers.d/60-attt",
      `${OWNED_HEADER}Defaults use_pty\nDefaults logfile="/var/log/sudo.log"\nDefaults timestamp_timeout=15\n`,
      "0440",
    ),
    // No rule anywhere lets sudo skip the password altogether.
    configAbsent(["/etc/sudoers", "/etc/sudoers.d"], ["!authenticate"]),
  ],
});
