/**
 * A user-side policy value (HKCU\Software\Policies\...): what every user who signs in
 * gets, e.g. no notifications on the lock screen.
 *
 * In a GPO it is an entry of User\registry.pol. School machines have no domain, so the
 * standalone scripts write the same entry into the local Group Policy's user part
 * (%SystemRoot%\System32\GroupPolicy\User\Registry.pol): Windows applies it to every
 * user at sign-in, accounts created later included, which writing into one user's HKCU
 * would not do.
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts), its
 * row in the scripts' data table (row.ts) and its PowerShell Get/Set/Test/Restore
 * (runtime.ps1).
 */

export interface UserRegistrySetting {
  kind: "user-registry";
  /** Key under HKCU, without the hive; always under Software\Policies (a policy, not a preference). */
  key: string;
  name: string;
  type: "REG_DWORD";
  data: number;
}

const POLICY_KEY = /^Software\\Policies(\\[^\\\r\n\0;[\]]+)+$/i;
const VALUE_NAME = /^[A-Za-z0-9 ._-]+$/;

export function userRegDword(key: string, name: string, data: number): UserRegistrySetting {
  if (!POLICY_KEY.test(key))
    throw new Error(`user policy key ${JSON.stringify(key)}: expected Software\\Policies\\...`);
  if (!VALUE_NAME.test(name))
    throw new Error(`user policy value ${JSON.stringify(name)}: letters, digits, space . _ - only`);
  if (!Number.isInteger(data) || data < 0 || data > 0xffffffff)
    throw new Error(`user policy ${key}\\${name}: a REG_DWORD is 0..4294967295`);
  return { kind: "user-registry", key, name, type: "REG_DWORD", data };
}
