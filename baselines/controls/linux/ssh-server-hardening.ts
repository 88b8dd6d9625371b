import { ipv4Cidr } from "../../../templates/escape/config-values.js";
import { defineControl } from "../../control.js";
import { file, type LinuxSetting, permissions, systemd } from "../../settings.js";
import { CIS, DEVSEC_SSH, NETWORKED_ROLES, OWNED_HEADER, TCVN } from "./common.js";

/**
 * sshd hardening as a drop-in. sshd keeps the FIRST value it reads for a keyword and
 * Debian/Ubuntu's sshd_config includes sshd_config.d/*.conf at its top, so the name
 * sorts first ("01-") to win over other drop-ins (cloud-init's 50-cloud-init.conf sets
 * PasswordAuthentication yes). Only keywords OpenSSH 8.9 (Ubuntu 22.04) knows are used.
 *
 * Key-only login (no passwords) when the unit is level 3 or higher, or the machine is a
 * data-centre Docker host: TCVN 14423 asks for a second factor on remote and
 * administrative access from level 3, and a key with its passphrase is that factor
 * here; a Docker host is only ever reached by administrators. School machines below
 * level 3 keep passwords (teachers' laptops have no key management), behind
 * pam_faillock, MaxAuthTries and the source-address limits below.
 *
 * Who may log in: only from the unit's remoteAdminFrom networks (AllowUsers *@CIDR;
 * the firewall says the same). With no such network remote login is off, so the SSH
 * service is disabled as well.
 */
/** The host key types OpenSSH generates on Debian and Ubuntu (ssh-keygen -A). */
const HOST_KEY_TYPES = ["ecdsa", "ed25519", "rsa"];

const CIPHERS = [
  "chacha20-poly1305@openssh.com",
  "aes256-gcm@openssh.com",
  "aes128-gcm@openssh.com",
  "aes256-ctr",
  "aes192-ctr",
  "aes128-ctr",
];
const KEX = [
  "sntrup761x25519-sha512@openssh.com",
  "curve25519-sha256",
  "curve25519-sha256@libssh.org",
  "diffie-hellman-group16-sha512",
  "diffie-hellman-group18-sha512",
  "diffie-hellman-group-exchange-sha256",
];
const MACS = [
  "hmac-sha2-512-etm@openssh.com",
  "hmac-sha2-256-etm@openssh.com",
  "umac-128-etm@openssh.com",
  "hmac-sha2-512",
  "hmac-sha2-256",
];

export default defineControl({
  id: "linux.ssh.server-hardening",
  title: { vi: "Cấu hình an toàn cho máy chủ SSH", en: "SSH server hardening" },
  rationale: {
    vi: "Cấm đăng nhập root, giới hạn số lần thử, ngắt phiên treo và chỉ cho phép quản trị từ các mạng được khai báo.",
    en: "No root login, few tries, idle sessions cut, and administration only from the declared networks.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Configure SSH Server (PermitRootLogin no, MaxAuthTries <= 4, LoginGraceTime <= 60, ClientAlive*, access limited, strong Ciphers, KexAlgorithms and MACs)`,
    devsec: DEVSEC_SSH,
    tcvn14423: `${TCVN}: remote administration only from restricted source addresses; MFA for remote and admin access from level 3`,
  },
  cis: [
    "5.1.1",
    "5.1.2",
    "5.1.3",
    "5.1.4",
    "5.1.5",
    "5.1.6",
    "5.1.7",
    "5.1.8",
    "5.1.9",
    "5.1.10",
    "5.1.11",
    "5.1.12",
    "5.1.13",
    "5.1.14",
    "5.1.15",
    "5.1.16",
    "5.1.17",
    "5.1.18",
    "5.1.19",
    "5.1.20",
    "5.1.21",
    "5.1.22",
  ],
  appliesTo: { os: ["linux"], roles: NETWORKED_ROLES },
  settings: (ctx) => {
    const keyOnly = ctx.level >= 3 || ctx.role === "server";
    const adminNets = ctx.unit.network.remoteAdminFrom.map(ipv4Cidr);
    const lines = [
      OWNED_HEADER,
      "PermitRootLogin no\n",
      "MaxAuthTries 4\n",
      "LoginGraceTime 60\n",
      // Idle sessions end after ClientAliveInterval x ClientAliveCountMax seconds.
      "ClientAliveInterval 300\n",
      `ClientAliveCountMax ${ctx.level >= 3 ? 2 : 3}\n`,
      "PermitEmptyPasswords no\n",
      "HostbasedAuthentication no\n",
      "IgnoreRhosts yes\n",
      "X11Forwarding no\n",
      "AllowAgentForwarding no\n",
      "AllowTcpForwarding no\n",
      "LogLevel VERBOSE\n",
      "DisableForwarding yes\n",
      "GSSAPIAuthentication no\n",
      "MaxSessions 10\n",
      "MaxStartups 10:30:60\n",
      "PermitUserEnvironment no\n",
      "UsePAM yes\n",
      // Only algorithms without known weaknesses (no CBC, SHA-1 or 64-bit MACs), all known
      // to OpenSSH 8.9 and every client of the last ten years.
      `Ciphers ${CIPHERS.join(",")}\n`,
      `KexAlgorithms ${KEX.join(",")}\n`,
      `MACs ${MACS.join(",")}\n`,
      // The same legal notice as the console's (linux.login.banner writes it).
      "Banner /etc/issue.net\n",
      `PasswordAuthentication ${keyOnly ? "no" : "yes"}\n`,
      `KbdInteractiveAuthentication ${keyOnly ? "no" : "yes"}\n`,
      // With no admin network nobody may log in at all; the service is also disabled below.
      adminNets.length > 0 ? `AllowUsers ${adminNets.map((n) => `*@${n}`).join(" ")}\n` : "DenyUsers *\n",
    ];
    const settings: LinuxSetting[] = [
      file("/etc/ssh/sshd_config.d/01-attt-hardening.conf", lines.join("")),
      // The server's configuration and host keys are root's; the public halves readable by all.
      permissions("/etc/ssh/sshd_config", "0600"),
      ...HOST_KEY_TYPES.flatMap((t) => [
        permissions(`/etc/ssh/ssh_host_${t}_key`, "0600"),
        permissions(`/etc/ssh/ssh_host_${t}_key.pub`, "0644"),
      ]),
    ];
    if (adminNets.length === 0)
      settings.push(systemd("ssh.service", "disabled"), systemd("ssh.socket", "disabled"));
    return settings;
  },
});
