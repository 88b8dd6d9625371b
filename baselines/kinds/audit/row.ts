/** The scripts' data-table columns of an audit subcategory: the runtime (runtime.ps1) reads these. */
import type { AuditSetting } from "./setting.js";

export function auditRow(s: AuditSetting) {
  return { Guid: s.guid.toLowerCase(), Subcategory: s.subcategory, Value: s.value } as const;
}
