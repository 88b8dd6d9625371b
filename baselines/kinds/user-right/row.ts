/** The scripts' data-table row of a user right: the runtime (runtime.ps1) reads these columns. */
import type { UserRightSetting } from "./setting.js";

export function userRightRow(control: string, s: UserRightSetting) {
  return { Control: control, Kind: "user-right", Right: s.right, Sids: [...s.sids] } as const;
}
