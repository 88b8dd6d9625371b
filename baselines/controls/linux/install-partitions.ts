import { defineControl } from "../../control.js";
import { type LinuxCheck, mountOptions } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * The directories CIS wants on partitions of their own, mounted so that device files,
 * set-user-ID programs or (where nothing needs to run) any program placed there are
 * ignored. A partition is made when the disk is partitioned: audit.sh reports a missing
 * one as "needs reinstallation", neither pass nor fail, and apply.sh changes nothing
 * here. /tmp and /dev/shm are not here yet (systemd can mount them without reinstalling:
 * see docs/cis-debian12-level1.md).
 */
const PARTITIONS: [path: string, options: string[]][] = [
  ["/home", ["nodev", "nosuid"]],
  ["/var", ["nodev", "nosuid"]],
  ["/var/tmp", ["nodev", "nosuid", "noexec"]],
  ["/var/log", ["nodev", "nosuid", "noexec"]],
  ["/var/log/audit", ["nodev", "nosuid", "noexec"]],
];

export default defineControl({
  id: "linux.install.partitions",
  title: { vi: "Phân vùng riêng khi cài đặt", en: "Separate partitions (install time)" },
  rationale: {
    vi: "Phân vùng riêng với nodev, nosuid, noexec chặn chương trình độc hại đặt vào thư mục ghi được và ngăn nhật ký làm đầy đĩa hệ thống.",
    en: "Own partitions mounted nodev, nosuid, noexec stop programs dropped into writable folders, and keep logs from filling the system disk.",
  },
  severity: "low",
  requirements: ["HY-PROV-09", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Configure Filesystem Partitions (nodev, nosuid, noexec on /home, /var, /var/tmp, /var/log, /var/log/audit)`,
  },
  cis: [
    ...["1.1.2.3.2", "1.1.2.3.3", "1.1.2.4.2", "1.1.2.4.3", "1.1.2.5.2", "1.1.2.5.3", "1.1.2.5.4"],
    ...["1.1.2.6.2", "1.1.2.6.3", "1.1.2.6.4", "1.1.2.7.2", "1.1.2.7.3", "1.1.2.7.4"],
  ],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (): LinuxCheck[] => PARTITIONS.map(([path, options]) => mountOptions(path, options)),
});
