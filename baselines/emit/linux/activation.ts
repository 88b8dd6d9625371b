/**
 * What a file needs after it changes, known from where it lives: a pam-auth-update
 * profile must be merged into /etc/pam.d/common-*, a sysctl drop-in loaded, an
 * sshd drop-in checked and reloaded. The setting kinds stay plain data (a file is a
 * path and its content); this table is the file kind's knowledge of Debian/Ubuntu.
 * In an alternate root (tests, images) only `pam`, `dconf` and `sudoers` (a check) run: the
 * others would touch the host's kernel and services.
 */
export type Action =
  | "pam"
  | "sysctl"
  | "auditd"
  | "sshd"
  | "nftables"
  | "rsyslog"
  | "journald"
  | "timesyncd"
  | "systemd"
  | "sudoers"
  | "grub"
  | "dconf";

const BY_PATH: { prefix: string; action: Action }[] = [
  { prefix: "/usr/share/pam-configs/", action: "pam" },
  { prefix: "/etc/sysctl.d/", action: "sysctl" },
  { prefix: "/etc/audit/rules.d/", action: "auditd" },
  { prefix: "/etc/ssh/sshd_config.d/", action: "sshd" },
  { prefix: "/etc/nftables.conf", action: "nftables" },
  { prefix: "/etc/rsyslog.d/", action: "rsyslog" },
  // Before /etc/systemd/: journald and timesyncd read their drop-ins only when they restart.
  { prefix: "/etc/systemd/journald.conf.d/", action: "journald" },
  { prefix: "/etc/systemd/timesyncd.conf.d/", action: "timesyncd" },
  { prefix: "/etc/systemd/", action: "systemd" },
  { prefix: "/etc/sudoers.d/", action: "sudoers" },
  { prefix: "/etc/default/grub.d/", action: "grub" },
  { prefix: "/etc/dconf/", action: "dconf" },
];

export function actionFor(path: string): Action | undefined {
  return BY_PATH.find((a) => path.startsWith(a.prefix))?.action;
}

export const PAM_PROFILE_DIR = "/usr/share/pam-configs/";

/** The module types of a profile, and the common-* file pam-auth-update writes each into. */
const SECTION_FILE: Record<string, string> = {
  Auth: "auth",
  Account: "account",
  Password: "password",
  Session: "session",
};

/**
 * The modules a pam-auth-update profile adds, by common-* file: what the audit looks
 * for in the generated stack. A module line is "control module [args]", where the
 * control may be a bracketed [value=action ...] list.
 */
export function pamProfileModules(content: string): { type: string; module: string }[] {
  const out: { type: string; module: string }[] = [];
  let section: string | undefined;
  for (const raw of content.split("\n")) {
    const header = /^([A-Za-z-]+):\s*(.*)$/.exec(raw);
    if (header) {
      section = SECTION_FILE[header[1] as string];
      continue;
    }
    if (section === undefined || !/^\s+\S/.test(raw)) continue;
    const text = raw.trim();
    // Drop the control: either one word (required, requisite, ...) or a bracketed list.
    const rest = text.startsWith("[")
      ? text.replace(/^\[[^\]]*\]\s*/, "").split(/\s+/)
      : text.split(/\s+/).slice(1);
    const module = rest[0];
    if (module?.endsWith(".so")) out.push({ type: section, module });
  }
  return out;
}
