/**
 * User rights assignment: who holds a privilege or logon right ([Privilege Rights] of
 * the security template), e.g. SeDebugPrivilege held by Administrators only.
 *
 * A right is written whole: exactly these holders, nobody else (an empty list means
 * "no one"), as the Microsoft baseline states each right. Holders are SIDs, never
 * account names: names are localized (a Vietnamese Windows calls Administrators
 * "Quản trị viên"...), SIDs are not, so the same bundle works in any language.
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts), its
 * row in the scripts' data table (row.ts) and its PowerShell Get/Set/Test/Restore
 * (runtime.ps1).
 */

export interface UserRightSetting {
  kind: "user-right";
  /** The privilege or logon right's constant name, e.g. SeNetworkLogonRight. */
  right: string;
  /** Exactly who holds it: SIDs, sorted, no duplicates; [] for nobody. */
  sids: string[];
}

/** Well-known SIDs the catalogue assigns rights to, with the English names the Microsoft baseline uses. */
export const SID = {
  administrators: "S-1-5-32-544",
  users: "S-1-5-32-545",
  guests: "S-1-5-32-546",
  remoteDesktopUsers: "S-1-5-32-555",
  service: "S-1-5-6",
  localService: "S-1-5-19",
  networkService: "S-1-5-20",
  /** NT AUTHORITY\Local account: every local account (Windows 8.1 and later). */
  localAccount: "S-1-5-113",
  /** NT AUTHORITY\Local account and member of Administrators group. */
  localAdministrator: "S-1-5-114",
} as const;

/** The names the Microsoft baseline list (docs/msft-baseline/) writes for these SIDs. */
export const SID_BY_NAME: Record<string, string> = {
  "BUILTIN\\ADMINISTRATORS": SID.administrators,
  "BUILTIN\\USERS": SID.users,
  "BUILTIN\\GUESTS": SID.guests,
  "BUILTIN\\REMOTE DESKTOP USERS": SID.remoteDesktopUsers,
  "NT AUTHORITY\\SERVICE": SID.service,
  "NT AUTHORITY\\LOCAL SERVICE": SID.localService,
  "NT AUTHORITY\\NETWORK SERVICE": SID.networkService,
  "NT AUTHORITY\\LOCAL ACCOUNT": SID.localAccount,
  "NT AUTHORITY\\LOCAL ACCOUNT AND MEMBER OF ADMINISTRATORS GROUP": SID.localAdministrator,
};

const RIGHT = /^Se[A-Za-z]+(Privilege|Right)$/;
const SID_TEXT = /^S-1-\d+(-\d+)+$/;

export function userRight(right: string, sids: string[]): UserRightSetting {
  if (!RIGHT.test(right))
    throw new Error(`user right ${JSON.stringify(right)}: expected a name like SeDebugPrivilege`);
  for (const sid of sids) {
    if (!SID_TEXT.test(sid))
      throw new Error(`user right ${right}: ${JSON.stringify(sid)} is not a SID (S-1-5-32-544)`);
  }
  return { kind: "user-right", right, sids: [...new Set(sids)].sort() };
}
