import { defineControl } from "../../control.js";
import { keyValue } from "../../settings.js";
import { allGroupsRun, CIS, DEVSEC_OS, LINUX_ROLES, TCVN } from "./common.js";

/** Account defaults in /etc/login.defs, which shadow's tools (useradd, passwd, chage) read. */
export default defineControl({
  id: "linux.login.defaults",
  title: {
    vi: "Thời hạn mật khẩu, umask và thuật toán băm (login.defs)",
    en: "Password ageing, umask and hashing (login.defs)",
  },
  rationale: {
    vi: "Mật khẩu có thời hạn, tệp mới không cho người khác đọc, và mật khẩu được băm bằng thuật toán chậm, hiện đại.",
    en: "Passwords expire, new files are not readable by others, and passwords are hashed with a slow, modern algorithm.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-2"],
  references: {
    cis: `${CIS}: PASS_MAX_DAYS <= 365, PASS_MIN_DAYS >= 1, PASS_WARN_AGE >= 7, INACTIVE <= 45, default umask 027, ENCRYPT_METHOD YESCRYPT or SHA512`,
    devsec: `${DEVSEC_OS}: UMASK 027, PASS_MAX_DAYS 60-90`,
    tcvn14423: `${TCVN}: administrator passwords changed every 2 months from level 3`,
  },
  cis: ["5.4.1.1", "5.4.1.3", "5.4.1.4", "5.4.1.5", "5.4.3.3"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (ctx) => [
    // Level 3 and up: 90 days (TCVN's 60 is for administrators, who also use keys); below: CIS's 365.
    keyValue("/etc/login.defs", "PASS_MAX_DAYS", ctx.level >= 3 ? 90 : 365, " ", "max"),
    keyValue("/etc/login.defs", "PASS_MIN_DAYS", 1, " ", "min"),
    keyValue("/etc/login.defs", "PASS_WARN_AGE", 7, " ", "min"),
    keyValue("/etc/login.defs", "UMASK", "027"),
    // New accounts are locked 45 days after their password expires unused (useradd -D -f 45).
    keyValue("/etc/default/useradd", "INACTIVE", 45, "=", "max"),
    // yescrypt needs shadow 4.13 (Debian 12) or Ubuntu 24.04; a bundle that also serves
    // Ubuntu 22.04 machines keeps SHA512, which every one of them understands.
    keyValue(
      "/etc/login.defs",
      "ENCRYPT_METHOD",
      allGroupsRun(ctx, ["debian-12", "ubuntu-24.04"]) ? "YESCRYPT" : "SHA512",
    ),
  ],
});
