/**
 * A value of the security template's [System Access] section (GptTmpl.inf / secedit),
 * e.g. MinimumPasswordLength, LockoutDuration, NewAdministratorName.
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts), its
 * row in the scripts' data table (row.ts) and its PowerShell Get/Set/Test/Restore
 * (runtime.ps1).
 */

export interface SeceditSetting {
  kind: "secedit";
  section: "System Access";
  key: string;
  value: number | string;
  /** How the audit compares the observed value: at least, at most (0 counts as "never": fails), or equal. */
  compare: "eq" | "min" | "max";
  /**
   * A value stronger than any number, which a "min" setting accepts too (LockoutDuration
   * -1: locked until an administrator unlocks the account).
   */
  strongest?: number;
  /**
   * What Undo writes back when secedit's export had left the value out before Apply
   * (LockoutDuration and ResetLockoutCount while the lockout threshold is 0): Windows'
   * own default, rather than leaving the hardened value behind.
   */
  defaultIfAbsent?: number;
  /**
   * The value is the new name of the local account with this RID (500: the built-in
   * Administrator): Apply warns about what signs in by the old name before renaming it.
   */
  renamesAccountRid?: number;
}

export type SeceditOptions = Pick<SeceditSetting, "strongest" | "defaultIfAbsent" | "renamesAccountRid">;

export const secedit = (
  key: string,
  value: number | string,
  compare: SeceditSetting["compare"] = "eq",
  options: SeceditOptions = {},
): SeceditSetting => ({ kind: "secedit", section: "System Access", key, value, compare, ...options });
