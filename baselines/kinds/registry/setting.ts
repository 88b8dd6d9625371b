/**
 * A machine registry value (HKLM), e.g. a policy under SOFTWARE\Policies or a Security
 * Option such as LmCompatibilityLevel.
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts), its
 * row in the scripts' data table (row.ts) and its PowerShell Get/Set/Test/Restore
 * (runtime.ps1). A value named `**delvals.` is not a value but the registry-clear kind
 * (baselines/kinds/registry-clear/).
 */

export type RegType = "REG_SZ" | "REG_EXPAND_SZ" | "REG_DWORD" | "REG_QWORD" | "REG_MULTI_SZ";

/** A machine registry value (HKLM); policy keys go into registry.pol, the rest into GptTmpl [Registry Values]. */
export interface RegistrySetting {
  kind: "registry";
  /** Key under HKLM, without the hive, e.g. SOFTWARE\Policies\Microsoft\Windows NT\DNSClient. */
  key: string;
  name: string;
  type: RegType;
  data: number | string | string[];
}

export const regDword = (key: string, name: string, data: number): RegistrySetting => ({
  kind: "registry",
  key,
  name,
  type: "REG_DWORD",
  data,
});

export const regString = (key: string, name: string, data: string): RegistrySetting => ({
  kind: "registry",
  key,
  name,
  type: "REG_SZ",
  data,
});

export const regMultiString = (key: string, name: string, data: string[]): RegistrySetting => ({
  kind: "registry",
  key,
  name,
  type: "REG_MULTI_SZ",
  data,
});
