/**
 * A property the toolkit cannot set but must verify: a named, read-only probe of the
 * machine's live state. Each check is one PowerShell file, checks/<name>.ps1, that
 * registers its Test (and, where staff must act by hand, what Apply tells them) with
 * Register-Check (runtime.ps1).
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts: none),
 * its row in the scripts' data table (row.ts) and its PowerShell (runtime.ps1, checks/).
 */

/**
 * A property the toolkit cannot set but must verify: a named, read-only probe of the
 * machine's live state (anti-malware running, BitLocker on, the firewall enforcing, no
 * device of a class working) with the values it expects. Apply never applies it (it
 * only reports, after applying, what the probe sees), Test evaluates it, Undo and the
 * GPO ignore it. Each field beside `kind` and `check` becomes a column of the scripts'
 * data table, its name capitalised (baselines/emit/windows/script-data.ts).
 */
export type WindowsCheck =
  | { kind: "check"; check: "defender-realtime" }
  | { kind: "check"; check: "bitlocker-os-volume" }
  /**
   * The firewall as the firewall service enforces it, not as policy asks it: MpsSvc
   * running, and every profile of the active store (Get-NetFirewallProfile -PolicyStore
   * ActiveStore) enabled with inbound blocked; outbound blocked too when `outbound` is
   * "block" ("any" leaves it unchecked).
   */
  | { kind: "check"; check: "firewall-active"; outbound: "block" | "any" }
  /**
   * No present device of a device setup class (its class GUID) working: every one is
   * absent, disabled, or refused by policy (Win32_PnPEntity ConfigManagerErrorCode not 0).
   * `className` only labels the result.
   */
  | { kind: "check"; check: "device-class-off"; classGuid: string; className: string }
  /**
   * Virtualization-based security running with memory integrity (Win32_DeviceGuard). A
   * machine without the hardware for it (no virtualization extensions or Secure Boot)
   * is reported "not capable", status not-applicable: a finding of its own kind, not "off".
   */
  | { kind: "check"; check: "vbs-running"; memoryIntegrity: boolean }
  /** LSASS started as a protected process since the last boot (Wininit event 12 in the System log). */
  | { kind: "check"; check: "lsa-protected" }
  /** Windows Update's last successful search (Microsoft.Update.AutoUpdate) at most maxAgeDays ago. */
  | { kind: "check"; check: "update-search-recent"; maxAgeDays: number }
  /**
   * A third-party anti-malware as Windows Security Center sees it (root\\SecurityCenter2
   * AntiVirusProduct), not by one service name: a registered product of the inventory's
   * vendor (the first word of `product`, e.g. Kaspersky, Bkav, ESET, matched against the
   * first word of its display name) enabled, its signatures up to date, and its licence
   * valid today. An alternative to Defender's check: one passing is enough.
   */
  | { kind: "check"; check: "security-center-antivirus"; product: string; licensedUntil: string }
  /** A third-party firewall the inventory declares, registered and enabled in Security Center. */
  | { kind: "check"; check: "security-center-firewall"; product: string }
  /**
   * The Windows release still gets security updates. `releases` lists, per build,
   * "build|end for Home and Pro|end for Enterprise and Education" (YYYY-MM-DD); a build
   * older than every listed one is past its end, a newer one is assumed supported.
   * Windows 10 (build 19045) passed its end on 14 October 2025, so it fails unless
   * `extendedUntil` (the ESU end the inventory records; "" for none) is today or later.
   */
  | { kind: "check"; check: "os-supported"; extendedUntil: string; releases: string[] };

export const checkFirewallActive = (outbound: "block" | "any"): WindowsCheck => ({
  kind: "check",
  check: "firewall-active",
  outbound,
});

export const checkDeviceClassOff = (classGuid: string, className: string): WindowsCheck => ({
  kind: "check",
  check: "device-class-off",
  classGuid,
  className,
});
