/**
 * The setting kinds: the only vocabulary a control may use. Each kind is plain
 * data here; the emitters (baselines/emit/windows, baselines/emit/linux) know, per
 * kind, how to write it into a GPO, apply it, audit it and undo it. Generated scripts
 * carry settings as an escaped data table read by a fixed runtime, so a value from
 * the inventory is only ever data, never code.
 */

// ------------------------------------------------------------------ Windows

import type { AuditSetting } from "./kinds/audit/setting.js";
import type { WindowsCheck } from "./kinds/check/setting.js";
import type { RegistrySetting } from "./kinds/registry/setting.js";
import type { ScheduledTaskSetting } from "./kinds/scheduled-task/setting.js";
import type { SeceditSetting } from "./kinds/secedit/setting.js";
import type { ServiceSetting } from "./kinds/service/setting.js";
import type { UserRegistrySetting } from "./kinds/user-registry/setting.js";
import type { UserRightSetting } from "./kinds/user-right/setting.js";

export type { AuditSetting } from "./kinds/audit/setting.js";
export { audit } from "./kinds/audit/setting.js";
export type { WindowsCheck } from "./kinds/check/setting.js";
export { checkDeviceClassOff, checkFirewallActive } from "./kinds/check/setting.js";
export type { RegistrySetting, RegType } from "./kinds/registry/setting.js";
export { regDword, regMultiString, regString } from "./kinds/registry/setting.js";
export { registryClear } from "./kinds/registry-clear/setting.js";
export type { ScheduledTaskSetting } from "./kinds/scheduled-task/setting.js";
export { scheduledTask } from "./kinds/scheduled-task/setting.js";
export type { SeceditSetting } from "./kinds/secedit/setting.js";
export { secedit } from "./kinds/secedit/setting.js";
export type { ServiceSetting } from "./kinds/service/setting.js";
export { service } from "./kinds/service/setting.js";
export type { UserRegistrySetting } from "./kinds/user-registry/setting.js";
export { userRegDword } from "./kinds/user-registry/setting.js";
export type { UserRightSetting } from "./kinds/user-right/setting.js";
export { userRight } from "./kinds/user-right/setting.js";

// ------------------------------------------------------------------ Linux

/** A whole file the toolkit owns (a drop-in such as /etc/ssh/sshd_config.d/60-attt.conf). */
export interface FileSetting {
  kind: "file";
  path: string;
  content: string;
  mode: "0644" | "0640" | "0600" | "0440" | "0755";
  /**
   * Not installed while the machine depends on what it switches off: "wireless" when a
   * Wi-Fi interface is up or carries the default route (a server on Wi-Fi only would lose
   * its network at the next boot). apply.sh reports it NOT APPLIED and goes on.
   */
  notWhile?: "wireless-in-use";
}

/** One key in a key/value file the distribution owns (login.defs, faillock.conf). */
export interface KeyValueSetting {
  kind: "key-value";
  path: string;
  key: string;
  value: string;
  /** How key and value are written: "key value", "key = value" or "key=value" (/etc/default files). */
  separator: " " | " = " | "=";
  compare: "eq" | "min" | "max";
}

/**
 * Who owns a file or directory the distribution ships, and the most its mode may allow
 * (/etc/shadow, /etc/crontab, /etc/cron.d): apply.sh removes the bits beyond `maxMode`
 * and sets the owner root and the group, keeping the content; undo.sh puts the earlier
 * mode and owner back. A path that does not exist passes (nothing to protect).
 */
export interface PermissionsSetting {
  kind: "permissions";
  path: string;
  /** The most the mode may allow, e.g. "0640": fewer bits pass, more are removed. */
  maxMode: "0600" | "0640" | "0644" | "0700" | "0750";
  /** Group by name, looked up in the target's /etc/group; the owner is always root. */
  group: "root" | "shadow";
  /**
   * Instead of `path` itself, every regular file below that directory, at any depth
   * (the log files of /var/log): only the bits beyond `maxMode` are removed; owner and
   * group stay as each file's package chose them (`group` is not used). Files whose
   * name matches one of `except` (shell patterns) keep their mode.
   */
  filesUnder?: { except: string[] };
}

/**
 * A folder everyone writes to, mounted with `options` at every boot and at once, by
 * whichever way the machine already mounts it. Where /etc/fstab has a line for it (a
 * partition of its own, what CIS prefers), apply.sh adds the options to that line,
 * dropping their opposites (exec, suid, dev), and remounts; undo.sh puts /etc/fstab
 * back. `unit` is then left out: in /etc/systemd/system it would win over the unit
 * systemd makes from /etc/fstab and hide the partition. Without a line, `unit` (a mount
 * unit, shipped and checked like a file setting) is installed and enabled.
 */
export interface MountSetting {
  kind: "mount";
  path: string;
  options: string[];
  unit: FileSetting;
}

export interface PackageSetting {
  kind: "package";
  name: string;
  state: "present" | "absent";
}

export interface SystemdSetting {
  kind: "systemd";
  unit: string;
  state: "enabled" | "disabled" | "masked";
  /**
   * Enabled for the next boot only, never started at once (tmp.mount: mounting a fresh
   * /tmp now would hide the admin's tmux and ssh-agent sockets and anything unpacked
   * there). apply.sh tells staff to restart; audit.sh says "takes effect after restart".
   */
  nextBoot?: true;
}

/**
 * A property of the running machine the toolkit cannot set but must measure: apply.sh
 * only shows what it sees after applying, audit.sh records it, undo.sh ignores it.
 * Measured on the running system only: in an alternate root (--root) there is no
 * running service to ask, and audit.sh says so instead of passing.
 */
export type LinuxCheck =
  /** The unit is running (systemctl is-active: "active"; a timer is active while it waits). */
  | { kind: "linux-check"; check: "unit-active"; unit: string }
  /** ClamAV's newest daily signatures (daily.cvd/.cld/.cud header) are at most this many days old. */
  | { kind: "linux-check"; check: "clamav-signatures"; maxAgeDays: number }
  /**
   * /etc/fstab mounts `path` on a filesystem of its own with these options. No entry:
   * "needs reinstallation" (only partitioning gives one), neither pass nor fail.
   */
  | { kind: "linux-check"; check: "mount-options"; path: string; options: string[] }
  /**
   * `path` is mounted now with these options (the kernel's mount table, findmnt): what
   * the toolkit mounts itself (/tmp, /dev/shm). Measured on the running system only.
   */
  | { kind: "linux-check"; check: "mounted"; path: string; options: string[] }
  /**
   * AIDE's database (/var/lib/aide/aide.db, which aideinit builds) exists and is not
   * empty: without it the daily check compares against nothing. Not built by apply.sh
   * (it reads the whole disk for minutes): audit.sh tells staff the command.
   */
  | { kind: "linux-check"; check: "aide-database" }
  /**
   * No mail server listens beyond the machine itself (TCP ports 25, 465, 587 open only
   * on 127.0.0.1 or ::1, from /proc/net/tcp*). In an alternate root: passes when no mail
   * server package is installed, else not measurable.
   */
  | { kind: "linux-check"; check: "mta-local-only" }
  /**
   * One walk over the local filesystems: no world-writable file, no world-writable
   * directory without the sticky bit, no file whose owner or group the target's passwd
   * or group does not know. Reported only: what a stray file is for, a person decides.
   */
  | { kind: "linux-check"; check: "filesystem"; rule: "world-writable" | "unowned" }
  /**
   * A property of the local accounts, read from the target's passwd, shadow and group
   * files (so measured in an alternate root too): nothing safe to apply (which of two
   * accounts sharing a UID is the intruder?), so it is only reported.
   */
  | { kind: "linux-check"; check: "accounts"; rule: AccountRule }
  /**
   * The first active line of `module` in /etc/pam.d/`file` carries every argument of
   * `require` (an entry "a|b" is satisfied by either) and none of `forbid`.
   */
  | {
      kind: "linux-check";
      check: "pam-args";
      file: string;
      module: string;
      require: string[];
      forbid: string[];
    }
  /**
   * No active (uncommented) line of these files, or of the files in these directories,
   * contains any of the words: what must not be configured (sudo's !authenticate).
   */
  | { kind: "linux-check"; check: "config-absent"; paths: string[]; words: string[] }
  /**
   * In none of these ini files is `key` of `[section]` switched on (true, 1 or yes, any
   * case, spaces trimmed): only that key of that section is read, never a substring of
   * another line (gdm3's [xdmcp] Enable, not [debug] Enable).
   */
  | { kind: "linux-check"; check: "ini-flag-off"; paths: string[]; section: string; key: string }
  /**
   * autofs is off, or on with active maps in /etc/auto.master or /etc/auto.master.d
   * (network homes, LTSP: installed on purpose). Measured, never switched off: stopping
   * it unmounts what users are working in; a person decides.
   */
  | { kind: "linux-check"; check: "autofs-in-use-or-off" }
  /**
   * No wireless interface (/sys/class/net/X/wireless) and none of these kernel modules
   * loaded (/proc/modules): what the blacklist file is for, measured on the machine.
   */
  | { kind: "linux-check"; check: "wireless-off"; modules: string[] }
  /** The directory holds no entry (AppArmor's disable/ folder: no profile switched off). */
  | { kind: "linux-check"; check: "directory-empty"; path: string };

/** The account checks of CIS sections 5.4.2 and 7.2, each a fixed measurement in the runtime. */
export type AccountRule =
  | "shadowed-passwords"
  | "no-empty-passwords"
  | "groups-exist"
  | "shadow-group-empty"
  | "unique-uids"
  | "unique-gids"
  | "unique-user-names"
  | "unique-group-names"
  | "root-only-uid0"
  | "root-only-gid0-account"
  | "root-only-gid0-group"
  | "system-accounts-no-shell"
  | "no-shell-accounts-locked"
  | "password-changes-past"
  | "home-directories"
  | "dot-files"
  /** root's login PATH: no empty, relative or "." entry, each a directory of root's, not group or world writable. */
  | "root-path"
  /** No umask line in root's shell start files allowing more than 027. */
  | "root-umask"
  /** Group root, the only one pam_wheel lets use su (linux.su.restricted), has no members. */
  | "su-group-empty";

export const unitActive = (unit: string): LinuxCheck => ({ kind: "linux-check", check: "unit-active", unit });
export const clamavSignatures = (maxAgeDays: number): LinuxCheck => ({
  kind: "linux-check",
  check: "clamav-signatures",
  maxAgeDays,
});

export const mountOptions = (path: string, options: string[]): LinuxCheck => ({
  kind: "linux-check",
  check: "mount-options",
  path,
  options,
});

export const mounted = (path: string, options: string[]): LinuxCheck => ({
  kind: "linux-check",
  check: "mounted",
  path,
  options,
});

export const autofsInUseOrOff: LinuxCheck = { kind: "linux-check", check: "autofs-in-use-or-off" };
export const wirelessOff = (modules: string[]): LinuxCheck => ({
  kind: "linux-check",
  check: "wireless-off",
  modules,
});
export const aideDatabase: LinuxCheck = { kind: "linux-check", check: "aide-database" };
export const mtaLocalOnly: LinuxCheck = { kind: "linux-check", check: "mta-local-only" };
export const filesystemRule = (rule: "world-writable" | "unowned"): LinuxCheck => ({
  kind: "linux-check",
  check: "filesystem",
  rule,
});

export const accounts = (rule: AccountRule): LinuxCheck => ({ kind: "linux-check", check: "accounts", rule });

export const pamArgs = (
  file: string,
  module: string,
  require: string[],
  forbid: string[] = [],
): LinuxCheck => ({
  kind: "linux-check",
  check: "pam-args",
  file,
  module,
  require,
  forbid,
});

export const configAbsent = (paths: string[], words: string[]): LinuxCheck => ({
  kind: "linux-check",
  check: "config-absent",
  paths,
  words,
});

export const iniFlagOff = (paths: string[], section: string, key: string): LinuxCheck => ({
  kind: "linux-check",
  check: "ini-flag-off",
  paths,
  section,
  key,
});

export const directoryEmpty = (path: string): LinuxCheck => ({
  kind: "linux-check",
  check: "directory-empty",
  path,
});

export const mount = (path: string, options: string[], unit: FileSetting): MountSetting => ({
  kind: "mount",
  path,
  options,
  unit,
});

export const permissions = (
  path: string,
  maxMode: PermissionsSetting["maxMode"],
  group: PermissionsSetting["group"] = "root",
): PermissionsSetting => ({ kind: "permissions", path, maxMode, group });

/** Every regular file below `dir` narrowed to at most `maxMode`, but those named as in `except`. */
export const permissionsOfFilesUnder = (
  dir: string,
  maxMode: PermissionsSetting["maxMode"],
  except: string[],
): PermissionsSetting => ({ kind: "permissions", path: dir, maxMode, group: "root", filesUnder: { except } });

export type WindowsSetting =
  | SeceditSetting
  | RegistrySetting
  | AuditSetting
  | ServiceSetting
  | UserRightSetting
  | UserRegistrySetting
  | ScheduledTaskSetting
  | WindowsCheck;
export type LinuxSetting =
  | FileSetting
  | KeyValueSetting
  | PermissionsSetting
  | MountSetting
  | PackageSetting
  | SystemdSetting
  | LinuxCheck;
export type Setting = WindowsSetting | LinuxSetting;

// ------------------------------------------------------------------ constructors

export const file = (
  path: string,
  content: string,
  mode: FileSetting["mode"] = "0644",
  opts: { notWhile?: FileSetting["notWhile"] } = {},
): FileSetting => ({
  kind: "file",
  path,
  content,
  mode,
  ...opts,
});

export const keyValue = (
  path: string,
  key: string,
  value: string | number,
  separator: KeyValueSetting["separator"] = " ",
  compare: KeyValueSetting["compare"] = "eq",
): KeyValueSetting => ({ kind: "key-value", path, key, value: String(value), separator, compare });

export const pkg = (name: string, state: PackageSetting["state"] = "present"): PackageSetting => ({
  kind: "package",
  name,
  state,
});

export const systemd = (
  unit: string,
  state: SystemdSetting["state"],
  opts: { nextBoot?: true } = {},
): SystemdSetting => ({ kind: "systemd", unit, state, ...opts });

export const isWindowsSetting = (s: Setting): s is WindowsSetting =>
  s.kind === "secedit" ||
  s.kind === "registry" ||
  s.kind === "audit" ||
  s.kind === "service" ||
  s.kind === "user-right" ||
  s.kind === "user-registry" ||
  s.kind === "scheduled-task" ||
  s.kind === "check";
