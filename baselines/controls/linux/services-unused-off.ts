import type { MachineRole } from "../../../model/inventory.js";
import { defineControl } from "../../control.js";
import { autofsInUseOrOff, type LinuxSetting, pkg, systemd } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * Network servers a school machine or Docker host has no use for stay off: disabled
 * when installed (nothing to do when not), never removed, since removing a package can
 * take a desktop's meta-package with it. Legacy clients that send passwords in clear
 * text are absent. Per role, what a role needs stays (the exceptions, with reasons, are
 * also in baselines/cis/dispositions.ts):
 * - lab: a web server (students learn web development on lab machines);
 * - office, teacher, lab: printing (cups) and avahi, which finds the school's printers.
 * Ubuntu's benchmarks add two items of their own: prelink (it rewrites binaries, which
 * AIDE then reports as changed) absent, and apport's error reports (they can carry
 * memory contents off the machine) off. Neither exists on Debian 12: nothing to do there.
 * autofs (CIS 2.1.1) is measured, never switched off: a machine has it for network homes
 * or LTSP, and stopping it unmounts what users work in. Enabled with no active map it
 * fails, with the command to switch it off; enabled with maps it passes (in use).
 */
const SERVICES: { unit: string; cis: string; keepFor?: MachineRole[] }[] = [
  { unit: "avahi-daemon.service", cis: "2.1.2", keepFor: ["office", "teacher", "lab"] },
  { unit: "isc-dhcp-server.service", cis: "2.1.3" },
  { unit: "named.service", cis: "2.1.4" },
  { unit: "dnsmasq.service", cis: "2.1.5" },
  { unit: "vsftpd.service", cis: "2.1.6" },
  { unit: "slapd.service", cis: "2.1.7" },
  { unit: "dovecot.service", cis: "2.1.8" },
  { unit: "nfs-server.service", cis: "2.1.9" },
  { unit: "ypserv.service", cis: "2.1.10" },
  { unit: "cups.service", cis: "2.1.11", keepFor: ["office", "teacher", "lab"] },
  { unit: "rpcbind.service", cis: "2.1.12" },
  { unit: "rpcbind.socket", cis: "2.1.12" },
  { unit: "rsync.service", cis: "2.1.13" },
  { unit: "smbd.service", cis: "2.1.14" },
  { unit: "snmpd.service", cis: "2.1.15" },
  { unit: "tftpd-hpa.service", cis: "2.1.16" },
  { unit: "squid.service", cis: "2.1.17" },
  { unit: "apache2.service", cis: "2.1.18", keepFor: ["lab"] },
  { unit: "nginx.service", cis: "2.1.18", keepFor: ["lab"] },
  { unit: "xinetd.service", cis: "2.1.19" },
  { unit: "apport.service", cis: "ubuntu 1.5.5" },
];

const CLIENTS: { name: string; cis: string }[] = [
  { name: "nis", cis: "2.2.1" },
  { name: "rsh-client", cis: "2.2.2" },
  { name: "talk", cis: "2.2.3" },
  { name: "telnet", cis: "2.2.4" },
  { name: "inetutils-telnet", cis: "2.2.4" },
  { name: "ldap-utils", cis: "2.2.5" },
  { name: "ftp", cis: "2.2.6" },
  { name: "tnftp", cis: "2.2.6" },
  { name: "prelink", cis: "ubuntu 1.5.4" },
];

/** The items of the lists above: "2.1.1" for CIS Debian 12, "ubuntu 1.5.4" for an Ubuntu-only one. */
const items = (): string[] => [...new Set([...SERVICES.map((s) => s.cis), ...CLIENTS.map((c) => c.cis)])];
const debianItems = () => items().filter((id) => !id.startsWith("ubuntu "));
const ubuntuItems = () =>
  items()
    .filter((id) => id.startsWith("ubuntu "))
    .map((id) => id.slice("ubuntu ".length));

export default defineControl({
  id: "linux.services.unused-off",
  title: {
    vi: "Tắt dịch vụ mạng không dùng, gỡ ứng dụng khách không mã hoá",
    en: "Unused network services off, clear-text clients removed",
  },
  rationale: {
    vi: "Mỗi dịch vụ đang nghe là một cửa vào; telnet, rsh, ftp gửi mật khẩu không mã hoá.",
    en: "Every listening service is a way in; telnet, rsh and ftp send passwords in clear text.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "QN-EDU-2", "HP-EDU-3"],
  references: {
    cis: `${CIS}: Ensure ... server services are not in use (2.1); Ensure ... client is not installed (2.2); CIS Ubuntu 22.04 and 24.04: Ensure prelink is not installed, Ensure Automatic Error Reporting is not enabled (1.5.4, 1.5.5)`,
  },
  // 2.1.1 (autofs) is measured by autofsInUseOrOff, below.
  cis: ["2.1.1", ...debianItems()],
  cisUbuntu: ubuntuItems(),
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (ctx) => {
    const off: LinuxSetting[] = SERVICES.filter((s) => !s.keepFor?.includes(ctx.role)).map((s) =>
      systemd(s.unit, "disabled"),
    );
    return [...CLIENTS.map((c) => pkg(c.name, "absent")), ...off, autofsInUseOrOff];
  },
});
