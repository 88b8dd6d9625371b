/** The scripts' data-table columns of a user right: the runtime (runtime.ps1) reads these. */
import type { UserRightSetting } from "./setting.js";

export function userRightRow(s: UserRightSetting) {
  return { Right: s.right, Sids: [...s.sids] } as const;
}
