/**
 * Where a machine registry value goes in a GPO, as the Microsoft security baseline GPOs
 * place it:
 * - values Windows' security template knows as "Security Options" (listed in
 *   sceregvl.inf: LAN Manager level, inactivity limit, audit-subcategory override, ...)
 *   go into GptTmpl.inf [Registry Values], `MACHINE\Path\Name = type,data`;
 * - every other HKLM value goes into registry.pol, whether under SOFTWARE\Policies
 *   (Administrative Templates) or not (the baseline's SecGuide.admx settings, e.g.
 *   mrxsmb10 Start, NetBT NodeType, are registry.pol entries under SYSTEM\...).
 */
import { infString } from "../../emit/windows/gpttmpl-inf.js";
import type { PolEntry } from "../../emit/windows/registry-pol.js";
import type { RegistrySetting } from "./setting.js";

/**
 * Security Options this toolkit uses that the security template carries, keyed by
 * `KEY\NAME` upper-cased; the value is the path as GPMC writes it after `MACHINE\`.
 * A value that is not listed goes to registry.pol.
 */
const SECURITY_OPTIONS = new Map(
  [
    "System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel",
    "System\\CurrentControlSet\\Control\\Lsa\\SCENoApplyLegacyAuditPolicy",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\InactivityTimeoutSecs",
    "System\\CurrentControlSet\\Control\\Lsa\\LimitBlankPasswordUse",
    "System\\CurrentControlSet\\Control\\Lsa\\RestrictAnonymousSAM",
    "System\\CurrentControlSet\\Control\\Lsa\\RestrictAnonymous",
    "System\\CurrentControlSet\\Control\\Lsa\\NoLMHash",
    "System\\CurrentControlSet\\Control\\Lsa\\RestrictRemoteSAM",
    "System\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\allownullsessionfallback",
    "System\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\NTLMMinClientSec",
    "System\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\NTLMMinServerSec",
    "System\\CurrentControlSet\\Control\\Session Manager\\ProtectionMode",
    "System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RestrictNullSessAccess",
    "System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature",
    "System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters\\RequireSecuritySignature",
    "System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters\\EnablePlainTextPassword",
    "System\\CurrentControlSet\\Services\\LDAP\\LDAPClientIntegrity",
    "System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\RequireSignOrSeal",
    "System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\SealSecureChannel",
    "System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\SignSecureChannel",
    "System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\DisablePasswordChange",
    "System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\RequireStrongKey",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\EnableLUA",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\FilterAdministratorToken",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\ConsentPromptBehaviorAdmin",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\ConsentPromptBehaviorUser",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\EnableInstallerDetection",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\EnableSecureUIAPaths",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\EnableVirtualization",
  ].map((p) => [p.toUpperCase(), p]),
);

/** The GptTmpl [Registry Values] path of a setting, or undefined when it belongs in registry.pol. */
export function securityOptionPath(s: Pick<RegistrySetting, "key" | "name">): string | undefined {
  return SECURITY_OPTIONS.get(`${s.key}\\${s.name}`.toUpperCase());
}

export const REGISTRY_VALUES = "Registry Values";

/** GptTmpl/secedit type numbers of [Registry Values] (winnt.h REG_* codes). */
const REG_TYPE_NUMBER: Record<RegistrySetting["type"], number> = {
  REG_SZ: 1,
  REG_EXPAND_SZ: 2,
  REG_DWORD: 4,
  REG_MULTI_SZ: 7,
  REG_QWORD: 11,
};

/** The [Registry Values] line of a Security Option (securityOptionPath is its path). */
export function registryValuesLine(s: RegistrySetting, option: string): [string, string] {
  const where = `[Registry Values] ${s.key}\\${s.name}`;
  const type = REG_TYPE_NUMBER[s.type];
  const path = `MACHINE\\${option}`;
  switch (s.type) {
    case "REG_DWORD":
    case "REG_QWORD":
      if (typeof s.data !== "number" || !Number.isSafeInteger(s.data))
        throw new Error(`${where}: ${s.type} needs an integer`);
      return [path, `${type},${s.data}`];
    case "REG_MULTI_SZ":
      if (!Array.isArray(s.data)) throw new Error(`${where}: REG_MULTI_SZ needs a list`);
      for (const item of s.data)
        if (/[,\r\n\0"]/.test(item))
          throw new Error(`${where}: list items cannot hold ',', '"', CR, LF or NUL`);
      return [path, `${type},${s.data.join(",")}`];
    default:
      if (typeof s.data !== "string") throw new Error(`${where}: ${s.type} needs a string`);
      return [path, `${type},${infString(s.data, where)}`];
  }
}

/** The registry.pol entry of any other value. */
export function machinePolEntry(s: RegistrySetting): PolEntry {
  const data = s.type === "REG_DWORD" || s.type === "REG_QWORD" ? Number(s.data) : s.data;
  return { key: s.key, value: s.name, type: s.type, data };
}
