import { defineControl } from "../../control.js";
import { file, systemd } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * journald keeps the machine's own log on disk, compressed and bounded, and hands every
 * message to rsyslog, which writes the classic files and forwards them to the province
 * over TLS (linux.logging.forward): the benchmark's rsyslog branch, so ForwardToSyslog
 * is on (its journald-only branch, with systemd-journal-upload, wants it off).
 */
export default defineControl({
  id: "linux.logging.journald",
  title: {
    vi: "journald: lưu nhật ký trên đĩa, nén, giới hạn dung lượng, chuyển cho rsyslog",
    en: "journald: persistent, compressed, bounded, forwarded to rsyslog",
  },
  rationale: {
    vi: "Nhật ký còn lại sau khi khởi động lại máy để điều tra sự cố, không làm đầy đĩa, và đi qua rsyslog về trung tâm giám sát.",
    en: "Logs survive a reboot for incident investigations, never fill the disk, and reach the monitoring centre through rsyslog.",
  },
  severity: "medium",
  requirements: ["HY-PROV-19", "HP-EDU-3"],
  references: {
    cis: `${CIS}: Ensure journald is enabled, log rotation is configured, Compress=yes, Storage=persistent, ForwardToSyslog=yes where rsyslog is used`,
  },
  cis: ["6.1.1.1", "6.1.1.3", "6.1.1.4", "6.1.2.3", "6.1.2.4", "6.1.3.3"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    // Static unit: "enabled" is satisfied by it being part of every boot.
    systemd("systemd-journald.service", "enabled"),
    file(
      "/etc/systemd/journald.conf.d/60-attt.conf",
      [
        OWNED_HEADER,
        "[Journal]\n",
        "Storage=persistent\n",
        "Compress=yes\n",
        "ForwardToSyslog=yes\n",
        // Rotation: at most 1 GB on disk, 1 GB always left free, files a month long at most.
        "SystemMaxUse=1G\n",
        "SystemKeepFree=1G\n",
        "RuntimeMaxUse=200M\n",
        "MaxFileSec=1month\n",
      ].join(""),
    ),
  ],
});
