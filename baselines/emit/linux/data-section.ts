/**
 * The data section of the generated scripts: shell variable assignments and calls
 * whose every argument is ONE single-quoted word made by shellQuote/shellText. The
 * runtime that gives these calls their meaning is fixed text (templates/linux), so
 * whatever a value contains, it can only ever be an argument.
 */
import { createHash } from "node:crypto";
import type { OperatingSystem } from "../../../model/inventory.js";
import { shellQuote, shellText } from "../../../templates/escape/shell.js";
import type { BundleSpec } from "../../bundle-spec.js";
import type { FileSetting, LinuxSetting, Setting } from "../../settings.js";
import type { EmitContext } from "../emitter.js";
import { actionFor, PAM_PROFILE_DIR, pamProfileModules } from "./activation.js";

/** A file the bundle ships under files/, copied by apply.sh to its path. */
export interface ShippedFile {
  /** Path inside the bundle, e.g. files/etc/nftables.conf. */
  source: string;
  setting: FileSetting;
  sha256: string;
}

/** /etc/os-release ID and VERSION_ID for each OS the inventory knows on Linux. */
const OS_RELEASE: Partial<Record<OperatingSystem, [string, string]>> = {
  "debian-12": ["debian", "12"],
  "ubuntu-22.04": ["ubuntu", "22.04"],
  "ubuntu-24.04": ["ubuntu", "24.04"],
};

// Values go through shellText: a NUL (possible in inventory text such as a vendor's
// service name) cannot exist in a shell word, so it becomes U+FFFD; a unit named so
// can never exist, and the audit reports it missing.
const call = (fn: string, ...args: string[]): string => `  ${[fn, ...args.map(shellText)].join(" ")}\n`;
const assign = (name: string, quoted: string): string => `${name}=${quoted}\n`;
/**
 * Before each data block: a value such as '$(id)' or 'a\' is literal data on purpose,
 * which ShellCheck's SC2016 ("expressions don't expand in single quotes") and SC1003
 * ("want to escape a single quote?") would flag. Scoped to the data; the runtime is
 * checked in full.
 */
const LITERAL_DATA = "# shellcheck disable=SC2016,SC1003 # quoted values are literal data on purpose\n";

export const sha256 = (content: string | Uint8Array): string =>
  createHash("sha256").update(content).digest("hex");

const isLinux = (s: Setting): s is LinuxSetting =>
  s.kind === "file" ||
  s.kind === "key-value" ||
  s.kind === "permissions" ||
  s.kind === "mount" ||
  s.kind === "package" ||
  s.kind === "systemd" ||
  s.kind === "linux-check";

/** The files of every file setting, keyed by bundle path; the same path twice must agree. */
export function shippedFiles(spec: BundleSpec): ShippedFile[] {
  const byPath = new Map<string, ShippedFile>();
  for (const { control, settings } of spec.controls) {
    for (const setting of settings) {
      // A mount setting's unit is shipped as a file too (installed only when fstab has no line).
      const s = setting.kind === "mount" ? setting.unit : setting;
      if (s.kind !== "file") continue;
      checkTargetPath(s.path, control.id);
      const shipped = { source: `files${s.path}`, setting: s, sha256: sha256(s.content) };
      const seen = byPath.get(s.path);
      if (seen && (seen.sha256 !== shipped.sha256 || seen.setting.mode !== s.mode)) {
        throw new Error(`bundle ${spec.id}: two controls write ${s.path} differently`);
      }
      byPath.set(s.path, shipped);
    }
  }
  return [...byPath.values()].sort((a, b) => (a.source < b.source ? -1 : 1));
}

function checkTargetPath(path: string, controlId: string): void {
  if (!/^\/[A-Za-z0-9._/-]+$/.test(path) || path.split("/").some((p) => p === "." || p === "..")) {
    throw new Error(`control ${controlId}: "${path}" is not a plain absolute path`);
  }
}

export function dataSection(spec: BundleSpec, ctx: EmitContext): string {
  let out = "";
  out += assign("ATTT_GENERATOR", shellQuote(ctx.generator));
  out += assign("ATTT_BUNDLE_ID", shellQuote(spec.id));
  out += assign("ATTT_BUNDLE_SHA256", shellQuote(ctx.bundleHash));
  out += assign("ATTT_UNIT_ID", shellQuote(spec.unit.id));
  out += LITERAL_DATA + assign("ATTT_UNIT_NAME", shellText(spec.unit.name));
  out += assign("ATTT_ROLE", shellQuote(spec.role));
  out += "\n";

  out += `${LITERAL_DATA}attt_targets() {\n`;
  const oses = [...new Set(spec.groups.map((g) => g.os))].sort();
  for (const os of oses) {
    const release = OS_RELEASE[os];
    if (!release) throw new Error(`bundle ${spec.id}: no Linux release known for ${os}`);
    out += call("target_os", ...release);
  }
  out += "}\n\n";

  // Every Linux host the inventory names in this unit, with its role: apply.sh refuses a
  // machine the inventory gives another role.
  out += `${LITERAL_DATA}attt_hosts() {\n  :\n`;
  const hosts = spec.unit.machines
    .filter((g) => OS_RELEASE[g.os] !== undefined)
    .flatMap((g) => g.hosts.map((h) => [h.name, g.role] as const));
  for (const [name, role] of uniqueSorted(hosts)) out += call("known_host", name, role);
  out += "}\n\n";

  out += `${LITERAL_DATA}attt_settings() {\n`;
  const files = new Map(shippedFiles(spec).map((f) => [f.setting.path, f]));
  for (const { control, settings } of spec.controls) {
    out += call("control", control.id);
    for (const s of settings) {
      if (!isLinux(s)) throw new Error(`control ${control.id}: a ${s.kind} setting in a Linux bundle`);
      out += settingCalls(s, files, control.id);
    }
  }
  out += "}\n";
  return out;
}

function settingCalls(s: LinuxSetting, files: Map<string, ShippedFile>, controlId: string): string {
  switch (s.kind) {
    case "package":
      return call("want_package", s.name, s.state);
    case "systemd":
      return s.nextBoot
        ? call("want_unit", s.unit, s.state, "next-boot")
        : call("want_unit", s.unit, s.state);
    case "linux-check":
      switch (s.check) {
        case "unit-active":
          return call("want_check", s.check, s.unit);
        case "clamav-signatures":
          return call("want_check", s.check, String(s.maxAgeDays));
        case "mount-options":
        case "mounted":
          return call("want_check", s.check, s.path, s.options.join(","));
        case "aide-database":
        case "mta-local-only":
        case "autofs-in-use-or-off":
          return call("want_check", s.check);
        case "wireless-off":
          return call("want_check", s.check, words(s.modules, controlId));
        case "filesystem":
          return call("want_check", s.check, s.rule);
        case "accounts":
          return call("want_check", s.check, s.rule);
        // Lists travel as one word each, space-separated: PAM arguments, paths and the
        // words looked for contain no spaces (the controls are fixed data, not inventory).
        case "pam-args":
          return call(
            "want_check",
            s.check,
            words([s.file, s.module], controlId),
            words(s.require, controlId),
            words(s.forbid, controlId),
          );
        case "directory-empty":
          checkTargetPath(s.path, controlId);
          return call("want_check", s.check, s.path);
        case "ini-flag-off":
          for (const p of s.paths) checkTargetPath(p, controlId);
          return call("want_check", s.check, words(s.paths, controlId), `${s.section}.${s.key}`);
        case "config-absent":
          for (const p of s.paths) checkTargetPath(p, controlId);
          return call("want_check", s.check, words(s.paths, controlId), words(s.words, controlId));
      }
      break;
    case "permissions":
      checkTargetPath(s.path, controlId);
      if (s.filesUnder)
        return call("want_modes_under", s.path, s.maxMode, words(s.filesUnder.except, controlId));
      return call("want_mode", s.path, s.maxMode, s.group);
    case "mount": {
      checkTargetPath(s.path, controlId);
      const shipped = files.get(s.unit.path) as ShippedFile;
      return call(
        "want_mount",
        s.path,
        mountOptions(s.options, controlId),
        s.unit.path,
        shipped.source,
        s.unit.mode,
        shipped.sha256,
      );
    }
    case "key-value":
      return call("want_kv", s.path, s.key, s.value, s.separator, s.compare);
    case "file": {
      const shipped = files.get(s.path) as ShippedFile;
      const args = [s.path, shipped.source, s.mode, shipped.sha256, actionFor(s.path) ?? ""];
      let out = call("want_file", ...args, ...(s.notWhile ? [s.notWhile] : []));
      if (s.path.startsWith(PAM_PROFILE_DIR)) {
        out += call("pam_profile", s.path.slice(PAM_PROFILE_DIR.length));
        for (const m of pamProfileModules(s.content)) out += call("pam_module", m.type, m.module);
      }
      return out;
    }
  }
}

/** Mount options as fstab writes them, one comma-separated word. */
function mountOptions(options: string[], controlId: string): string {
  for (const o of options)
    if (!/^[a-z0-9_=]+$/.test(o))
      throw new Error(`control ${controlId}: mount option "${o}" is not a plain word`);
  return options.join(",");
}

/** A list as one space-separated word; an item with a space or none at all would change the list. */
function words(items: string[], controlId: string): string {
  for (const item of items)
    if (!/^\S+$/.test(item))
      throw new Error(`control ${controlId}: list item "${item}" is empty or has a space`);
  return items.join(" ");
}

function uniqueSorted(pairs: (readonly [string, string])[]): [string, string][] {
  const keys = [...new Set(pairs.map(([a, b]) => JSON.stringify([a, b])))].sort();
  return keys.map((k) => JSON.parse(k) as [string, string]);
}
