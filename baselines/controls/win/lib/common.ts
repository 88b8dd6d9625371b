/**
 * What the Windows controls share: role sets, the sources they cite, and the
 * registry keys several controls write. Helpers live in lib/ so that every .ts
 * file directly in baselines/controls/win/ is exactly one control (a test checks
 * each is in the index).
 */
import type { MachineRole } from "../../../../model/inventory.js";
import { ALL_OFFICIAL_ROLES, type ControlContext } from "../../../control.js";
import { AUDIT_SUBCATEGORIES, type AuditSubcategoryName } from "../../../emit/windows/audit-csv.js";
import {
  type AuditSetting,
  audit,
  type RegistrySetting,
  regDword,
  registryClear,
  regString,
} from "../../../settings.js";

/** Every Windows role of a school: office (công vụ), teacher, lab, classified. */
export const WINDOWS_ROLES: MachineRole[] = ALL_OFFICIAL_ROLES;
/** Roles with a network: every role but `classified`, which is cut off from all networks. */
export const NETWORKED_ROLES: MachineRole[] = ["office", "teacher", "lab"];
export const CLASSIFIED: MachineRole[] = ["classified"];

// Sources, cited by name so a reviewer can find the exact recommendation.
export const CIS = "CIS Microsoft Windows 11 Enterprise Benchmark v3.0.0 (Level 1)";
export const MS_BASELINE = "Microsoft Security Baseline for Windows 11 (Security Compliance Toolkit)";
export const MS_SECGUIDE = "Microsoft Security Baseline, custom ADMX SecGuide.admx (MS Security Guide)";
export const TCVN = "TCVN 14423:2025 (values from a secondary summary, unconfirmed against the primary text)";
export const LAW_STATE_SECRETS =
  "Law 117/2025/QH15 on protection of state secrets: no drafting or storage on any device connected to the Internet or any network other than an independent LAN";

/** Stronger values from security level 3 (Decree 331/2026 Art. 11-15). */
export const isHighLevel = (ctx: ControlContext): boolean => ctx.level >= 3;

/** Policy key of Windows Defender Firewall (what GPO writes; the firewall service reads it). */
export const FIREWALL_POLICY = "SOFTWARE\\Policies\\Microsoft\\WindowsFirewall";
export const FIREWALL_PROFILES = ["DomainProfile", "PrivateProfile", "PublicProfile"] as const;
/** Remote Desktop Services policy key (RDP, NLA, Remote Assistance). */
export const TERMINAL_SERVICES_POLICY = "SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";
export const DEFENDER_POLICY = "SOFTWARE\\Policies\\Microsoft\\Windows Defender";
export const DNS_CLIENT_POLICY = "SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient";
export const LSA = "SYSTEM\\CurrentControlSet\\Control\\Lsa";
/**
 * Device Installation Restrictions policy key. Its values belong to several controls
 * (classified removable storage; DMA protection and classified wireless, which share
 * denyDeviceClassList below), each with its own list subkey (AllowInstanceIDs,
 * DenyDeviceClasses): a `**delvals.` is only ever on such a subkey, never on this key.
 */
export const DEVICE_INSTALL_RESTRICTIONS =
  "SOFTWARE\\Policies\\Microsoft\\Windows\\DeviceInstall\\Restrictions";
/** The Bluetooth device setup class (GUID_DEVCLASS_BLUETOOTH, Class = Bluetooth): radios and their enumerated links. */
export const BLUETOOTH_CLASS = "{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}";

/** An advanced-audit subcategory by its auditpol name; the GUID comes from the shared table. */
export function auditSubcategory(name: AuditSubcategoryName, value: AuditSetting["value"]): AuditSetting {
  return audit(name, AUDIT_SUBCATEGORIES[name].guid, value);
}

/**
 * "Audit: Force audit policy subcategory settings to override audit policy category
 * settings" (SCENoApplyLegacyAuditPolicy = 1). Without it, legacy category policy can
 * silently override the subcategories set here; every audit control carries it (the
 * emitter merges identical settings).
 */
export const forceSubcategoryAudit = (): RegistrySetting => regDword(LSA, "SCENoApplyLegacyAuditPolicy", 1);

/** True when at least one machine group of the bundle runs an approved third-party anti-malware. */
export const anyThirdPartyAntiMalware = (ctx: ControlContext): boolean =>
  ctx.groups.some((g) => g.antiMalware !== undefined);

/** The baseline the coverage table (docs/msft-baseline-coverage.md) measures against. */
export const MSB = "Microsoft Security Baseline for Windows 11 24H2 and Windows 10 22H2";

/** Defender is the anti-malware of every group of the bundle: only then are Defender policies set. */
export const defenderIsTheAntiMalware = (ctx: ControlContext): boolean => !anyThirdPartyAntiMalware(ctx);

/** At least one group of the bundle is joined to an Active Directory domain (inventory `domainJoined`). */
export const anyDomainJoined = (ctx: ControlContext): boolean =>
  ctx.groups.some((g) => g.domainJoined === true);

export const SYSTEM_POLICIES = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System";
export const LANMAN_SERVER = "SYSTEM\\CurrentControlSet\\Services\\LanManServer\\Parameters";
export const LANMAN_WORKSTATION = "SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters";
export const MSV1_0 = "SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0";
/** The device setup class of IEEE 1394 (FireWire) SBP-2 devices, which can read memory by DMA. */
export const SBP2_CLASS = "{d48179be-ec20-11d1-b6b8-00c04fa372a7}";

/**
 * The DenyDeviceClasses list of a role: the FireWire class on every machine (Microsoft
 * baseline), Bluetooth as well on classified machines. Each entry is named by its class
 * GUID (Windows reads every value of the list key, whatever its name), so the toolkit's
 * entries never take the place of the numbered ones an administrator or another GPO set:
 * the list is merged, not cleared. Only the classified role owns the list whole and clears
 * it first (`**delvals.`): nothing but the toolkit's classes may be denied there, and no
 * other tool's list is expected on a machine kept off every network. Every control that
 * needs the list writes this one, so they never disagree.
 */
export function denyDeviceClassList(role: MachineRole): RegistrySetting[] {
  const list = `${DEVICE_INSTALL_RESTRICTIONS}\\DenyDeviceClasses`;
  const classes = role === "classified" ? [BLUETOOTH_CLASS, SBP2_CLASS] : [SBP2_CLASS];
  return [
    regDword(DEVICE_INSTALL_RESTRICTIONS, "DenyDeviceClasses", 1),
    regDword(DEVICE_INSTALL_RESTRICTIONS, "DenyDeviceClassesRetroactive", 1),
    ...(role === "classified" ? [registryClear(list)] : []),
    ...classes.map((c) => regString(list, c, c)),
  ];
}
