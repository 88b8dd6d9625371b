/**
 * An advanced audit policy subcategory (matched on its GUID, never its localized name),
 * e.g. Logon: success and failure.
 *
 * This folder is the whole kind: the setting (here), its GPO placement (gpo.ts), its
 * row in the scripts' data table (row.ts) and its PowerShell Get/Set/Test/Restore
 * (runtime.ps1).
 */

export interface AuditSetting {
  kind: "audit";
  subcategory: string;
  guid: string;
  /** 1 success, 2 failure, 3 both; the audit passes when at least these are enabled. */
  value: 1 | 2 | 3;
}

export const audit = (subcategory: string, guid: string, value: AuditSetting["value"]): AuditSetting => ({
  kind: "audit",
  subcategory,
  guid,
  value,
});

/**
 * Audit values are "at least": two controls asking success (1) and failure (2) of one
 * subcategory together need both (3). The one merge rule that is not "equal or conflict".
 */
export function mergeAudit(a: AuditSetting, b: AuditSetting): AuditSetting {
  return { ...a, guid: a.guid.toLowerCase(), value: (a.value | b.value) as AuditSetting["value"] };
}
