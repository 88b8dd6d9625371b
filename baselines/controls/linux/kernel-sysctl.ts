import { defineControl } from "../../control.js";
import { file } from "../../settings.js";
import { CIS, DEVSEC_OS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * Kernel network and memory-protection parameters. The drop-in is named "90-" so it
 * comes after the distribution's and most packages' files (systemd-sysctl applies
 * them in name order, later wins).
 *
 * The one exception: a Docker host (role `server`) forwards packets between its
 * bridges and the outside, so net.ipv4.ip_forward is 1 there. Docker filters that
 * traffic in its own nftables/iptables chains.
 */
export default defineControl({
  id: "linux.kernel.sysctl",
  title: { vi: "Tham số nhân an toàn (sysctl)", en: "Kernel hardening parameters (sysctl)" },
  rationale: {
    vi: "Tắt định tuyến và chuyển hướng gói tin không cần thiết, chống giả mạo địa chỉ, hạn chế lộ thông tin nhân.",
    en: "No routing or redirects the machine does not need, spoofing protection, and less kernel information exposed.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-09", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Network Parameters (ip_forward 0, redirects 0, source routing 0, rp_filter 1, log_martians 1, syncookies 1), ASLR 2, ptrace_scope 1, suid_dumpable 0`,
    devsec: `${DEVSEC_OS}: sysctl defaults (ip_forward 0 unless the host routes or runs containers)`,
  },
  cis: [
    "1.5.1",
    "1.5.2",
    "3.3.1",
    "3.3.2",
    "3.3.3",
    "3.3.4",
    "3.3.5",
    "3.3.6",
    "3.3.7",
    "3.3.8",
    "3.3.9",
    "3.3.10",
  ],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (ctx) => {
    const values: [string, string][] = [
      ["net.ipv4.ip_forward", ctx.role === "server" ? "1" : "0"],
      ["net.ipv6.conf.all.forwarding", "0"],
      ["net.ipv4.conf.all.accept_redirects", "0"],
      ["net.ipv4.conf.default.accept_redirects", "0"],
      ["net.ipv6.conf.all.accept_redirects", "0"],
      ["net.ipv6.conf.default.accept_redirects", "0"],
      ["net.ipv4.conf.all.secure_redirects", "0"],
      ["net.ipv4.conf.default.secure_redirects", "0"],
      ["net.ipv4.conf.all.send_redirects", "0"],
      ["net.ipv4.conf.default.send_redirects", "0"],
      ["net.ipv4.conf.all.accept_source_route", "0"],
      ["net.ipv4.conf.default.accept_source_route", "0"],
      ["net.ipv6.conf.all.accept_source_route", "0"],
      ["net.ipv6.conf.default.accept_source_route", "0"],
      ["net.ipv4.conf.all.rp_filter", "1"],
      ["net.ipv4.conf.default.rp_filter", "1"],
      ["net.ipv4.conf.all.log_martians", "1"],
      ["net.ipv4.conf.default.log_martians", "1"],
      ["net.ipv4.icmp_echo_ignore_broadcasts", "1"],
      ["net.ipv4.icmp_ignore_bogus_error_responses", "1"],
      ["net.ipv4.tcp_syncookies", "1"],
      ["kernel.randomize_va_space", "2"],
      ["kernel.dmesg_restrict", "1"],
      ["kernel.kptr_restrict", "1"],
      ["kernel.yama.ptrace_scope", "1"],
      ["fs.suid_dumpable", "0"],
      ["fs.protected_hardlinks", "1"],
      ["fs.protected_symlinks", "1"],
    ];
    const body = values.map(([k, v]) => `${k} = ${v}\n`).join("");
    const note =
      ctx.role === "server"
        ? "# ip_forward = 1: a Docker host routes between its bridges and the outside.\n"
        : "";
    return [file("/etc/sysctl.d/90-attt-hardening.conf", OWNED_HEADER + note + body)];
  },
});
