/**
 * Where an audit subcategory goes in a GPO: a row of the advanced audit policy file
 * Machine\microsoft\windows nt\Audit\audit.csv (baselines/emit/windows/audit-csv.ts
 * writes the file), with GPMC's English name and the GUID Windows acts on.
 */
import { AUDIT_SUBCATEGORIES, type AuditSetting as CsvAuditSetting } from "../../emit/windows/audit-csv.js";
import type { AuditSetting } from "./setting.js";

export function auditCsvRow(s: AuditSetting): CsvAuditSetting {
  const known = Object.values(AUDIT_SUBCATEGORIES).find((a) => a.guid === s.guid.toLowerCase());
  // GPMC writes the English name with an "Audit " prefix; Windows acts on the GUID only.
  return {
    subcategory: known?.subcategory ?? `Audit ${s.subcategory}`,
    guid: s.guid.toLowerCase(),
    value: s.value,
  };
}
