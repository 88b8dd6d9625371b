import { defineControl } from "../../control.js";
import { file, permissionsOfFilesUnder } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * The warning shown before login (console and network): that this is a state body's
 * system, use is monitored, and misuse is an offence. Vietnamese without diacritics:
 * the text console's font may lack them. getty expands backslash sequences in
 * /etc/issue, so the text contains none.
 */
export const BANNER = [
  "CANH BAO: He thong thong tin cua co quan nha nuoc. Chi nguoi duoc phep moi duoc su dung.",
  "Moi hoat dong duoc ghi nhat ky va giam sat; vi pham se bi xu ly theo phap luat.",
  "WARNING: State information system. Authorised use only.",
  "All activity is logged and monitored; misuse is an offence under Vietnamese law.",
  "",
].join("\n");

export default defineControl({
  id: "linux.login.banner",
  title: { vi: "Thông báo cảnh báo trước khi đăng nhập", en: "Login warning banner" },
  rationale: {
    vi: "Người dùng được báo trước rằng hệ thống được giám sát; cơ sở để xử lý hành vi truy cập trái phép.",
    en: "Users are told before logging in that the system is monitored, which supports action against unauthorised access.",
  },
  severity: "low",
  requirements: ["HP-EDU-3", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Ensure local and remote login warning banners are configured properly (no OS information); message of the day without OS information`,
  },
  cis: ["1.6.1", "1.6.2", "1.6.3", "1.6.4", "1.6.5", "1.6.6"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  // Written root-owned 0644. The message of the day too: Debian's names the OS, which
  // CIS counts as information for an attacker (1.6.1). pam_motd also runs the scripts of
  // /etc/update-motd.d at each login, and they print it again (Debian's 10-uname: the
  // kernel and OS; Ubuntu's 00-header: "Welcome to Ubuntu 24.04"): without their execute
  // bits run-parts skips them. Kept: the notices of pending updates and a needed restart.
  settings: () => [
    file("/etc/issue", BANNER),
    file("/etc/issue.net", BANNER),
    file("/etc/motd", BANNER),
    permissionsOfFilesUnder("/etc/update-motd.d", "0644", ["*unattended-upgrades", "*reboot-required"]),
  ],
});
