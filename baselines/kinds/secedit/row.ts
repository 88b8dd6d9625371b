/** The scripts' data-table columns of a [System Access] value: the runtime (runtime.ps1) reads these. */
import type { SeceditSetting } from "./setting.js";

export function seceditRow(s: SeceditSetting) {
  return {
    Key: s.key,
    Value: s.value,
    Compare: s.compare,
    // Only where declared: the runtime asks `$Row.Contains(...)`.
    ...(s.strongest !== undefined ? { Strongest: s.strongest } : {}),
    ...(s.defaultIfAbsent !== undefined ? { DefaultIfAbsent: s.defaultIfAbsent } : {}),
    ...(s.renamesAccountRid !== undefined ? { RenamesAccountRid: s.renamesAccountRid } : {}),
  } as const;
}
