/**
 * Where a user right goes in a GPO: GptTmpl.inf [Privilege Rights], one line per right,
 * holders as `*SID` separated by commas (`SeTcbPrivilege =` for nobody), as GPMC and
 * secedit write it ([MS-GPSB] 2.2.4).
 */
import type { UserRightSetting } from "./setting.js";

export const PRIVILEGE_RIGHTS = "Privilege Rights";

export function privilegeRightsLine(s: UserRightSetting): [string, string] {
  return [s.right, s.sids.map((sid) => `*${sid}`).join(",")];
}
