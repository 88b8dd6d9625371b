import { defineControl } from "../../control.js";
import { file, permissions, pkg, systemd } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * Scheduled jobs are root's: cron runs (the distribution's daily jobs, log rotation and
 * the toolkit's own scans depend on it), its tables and directories are readable by
 * root only, and only root may use crontab and at. An allow list that names root alone
 * is what the benchmark asks: a pupil on a lab machine cannot leave a job behind that
 * outlives the lesson. The deny lists, where a machine has them, are root's too.
 */
const ROOT_ONLY = "root\n";

export default defineControl({
  id: "linux.cron.restricted",
  title: {
    vi: "Lịch chạy tự động (cron, at) chỉ dành cho root",
    en: "Scheduled jobs (cron, at) for root only",
  },
  rationale: {
    vi: "Tác vụ định kỳ chạy với quyền cao; người dùng thường không được xem hay thêm tác vụ để duy trì mã độc.",
    en: "Scheduled jobs run with high privileges; ordinary users may neither read nor add them to keep malware running.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "HP-EDU-3"],
  references: {
    cis: `${CIS}: Ensure cron is enabled, permissions on /etc/crontab (600) and the cron directories (700) are configured, crontab and at are restricted to authorized users`,
  },
  cis: ["2.4.1.1", "2.4.1.2", "2.4.1.3", "2.4.1.4", "2.4.1.5", "2.4.1.6", "2.4.1.7", "2.4.1.8", "2.4.2.1"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    pkg("cron"),
    systemd("cron.service", "enabled"),
    permissions("/etc/crontab", "0600"),
    ...["hourly", "daily", "weekly", "monthly", "d"].map((d) => permissions(`/etc/cron.${d}`, "0700")),
    file("/etc/cron.allow", ROOT_ONLY, "0640"),
    permissions("/etc/cron.deny", "0640"),
    // at may be missing: the list waits for it (at reads at.allow before at.deny).
    file("/etc/at.allow", ROOT_ONLY, "0640"),
    permissions("/etc/at.deny", "0640"),
  ],
});
