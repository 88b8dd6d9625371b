/**
 * One bundle's Windows settings, merged across its controls and placed where each
 * belongs in a GPO.
 *
 * Several controls may name the same value (every audit control carries
 * SCENoApplyLegacyAuditPolicy; the firewall controls share EnableFirewall). Identical
 * settings merge; two controls asking different things of one value is a catalogue
 * bug and stops generation, naming both, rather than letting file order pick a winner.
 *
 * Placement follows the Microsoft security baseline GPOs:
 * - registry values Windows' security template knows as "Security Options" (listed in
 *   sceregvl.inf: LAN Manager level, inactivity limit, audit-subcategory override, ...)
 *   go into GptTmpl.inf [Registry Values], as the baseline's GptTmpl.inf has them;
 * - every other HKLM value goes into registry.pol, whether under SOFTWARE\Policies
 *   (Administrative Templates) or not (the baseline's SecGuide.admx settings, e.g.
 *   mrxsmb10 Start, NetBT NodeType, are registry.pol entries under SYSTEM\...).
 */
import type { ResolvedControl } from "../../bundle-spec.js";
import type {
  AuditSetting,
  RegistrySetting,
  ScheduledTaskSetting,
  SeceditSetting,
  ServiceSetting,
  UserRegistrySetting,
  UserRightSetting,
  WindowsCheck,
} from "../../settings.js";
import { isWindowsSetting } from "../../settings.js";

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

/** GPMC's `**delvals.`: delete every value of the key before writing the listed ones. */
export const DELETE_VALUES = "**delvals.";

export interface WindowsSettingsPlan {
  secedit: SeceditSetting[];
  registry: RegistrySetting[];
  audit: AuditSetting[];
  services: ServiceSetting[];
  rights: UserRightSetting[];
  /** User-side policy values: the GPO's User\registry.pol, the local policy's user part. */
  userRegistry: UserRegistrySetting[];
  /** Scheduled tasks' state: the scripts only (baselines/kinds/scheduled-task/gpo.ts says why). */
  tasks: ScheduledTaskSetting[];
  checks: WindowsCheck[];
}

/** Merges the settings of every control, refusing conflicts. Output order is sorted, so deterministic. */
export function planWindowsSettings(controls: ResolvedControl[]): WindowsSettingsPlan {
  const secedit = new Map<string, { s: SeceditSetting; by: string }>();
  const registry = new Map<string, { s: RegistrySetting; by: string }>();
  const audit = new Map<string, AuditSetting>();
  const services = new Map<string, { s: ServiceSetting; by: string }>();
  const rights = new Map<string, { s: UserRightSetting; by: string }>();
  const userRegistry = new Map<string, { s: UserRegistrySetting; by: string }>();
  const tasks = new Map<string, { s: ScheduledTaskSetting; by: string }>();
  const checks = new Map<string, WindowsCheck>();

  const merge = <T>(map: Map<string, { s: T; by: string }>, id: string, s: T, by: string, what: string) => {
    const had = map.get(id);
    if (!had) map.set(id, { s, by });
    else if (JSON.stringify(had.s) !== JSON.stringify(s)) {
      throw new Error(
        `controls ${had.by} and ${by} set ${what} differently: ${JSON.stringify(had.s)} vs ${JSON.stringify(s)}`,
      );
    }
  };

  for (const { control, settings } of controls) {
    for (const s of settings) {
      if (!isWindowsSetting(s))
        throw new Error(`control ${control.id} gives a ${s.kind} setting to a Windows bundle`);
      switch (s.kind) {
        case "secedit":
          merge(secedit, s.key.toUpperCase(), s, control.id, `[System Access] ${s.key}`);
          break;
        case "registry":
          merge(registry, `${s.key}\\${s.name}`.toUpperCase(), s, control.id, `HKLM\\${s.key}\\${s.name}`);
          break;
        case "service":
          merge(services, s.name.toUpperCase(), s, control.id, `service ${s.name}`);
          break;
        case "audit": {
          // Audit values are "at least": two controls asking 1 and 2 together need 3.
          const guid = s.guid.toLowerCase();
          const had = audit.get(guid);
          audit.set(guid, { ...s, guid, value: ((had?.value ?? 0) | s.value) as AuditSetting["value"] });
          break;
        }
        case "user-right":
          // A right is written whole, so two controls must agree on all its holders.
          merge(rights, s.right.toUpperCase(), s, control.id, `user right ${s.right}`);
          break;
        case "user-registry":
          merge(
            userRegistry,
            `${s.key}\\${s.name}`.toUpperCase(),
            s,
            control.id,
            `HKCU\\${s.key}\\${s.name}`,
          );
          break;
        case "scheduled-task":
          merge(
            tasks,
            `${s.path}${s.name}`.toUpperCase(),
            s,
            control.id,
            `scheduled task ${s.path}${s.name}`,
          );
          break;
        case "check":
          checks.set(JSON.stringify(s), s);
          break;
      }
    }
  }
  const sorted = <T>(m: Map<string, T>): T[] =>
    [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return {
    secedit: sorted(secedit).map((e) => e.s),
    registry: sorted(registry).map((e) => e.s),
    audit: sorted(audit),
    services: sorted(services).map((e) => e.s),
    rights: sorted(rights).map((e) => e.s),
    userRegistry: sorted(userRegistry).map((e) => e.s),
    tasks: sorted(tasks).map((e) => e.s),
    checks: sorted(checks),
  };
}
