/**
 * The GPO half of a Windows bundle: registry.pol, GptTmpl.inf and audit.csv from the
 * merged settings, wrapped in a GPO backup folder that GPMC "Import Settings" and
 * `Import-GPO` read.
 */
import type { BundleSpec } from "../../bundle-spec.js";
import { SERVICE_GENERAL_SETTING, serviceGeneralSettingLine } from "../../kinds/service/gpo.js";
import { userPolEntry } from "../../kinds/user-registry/gpo.js";
import { PRIVILEGE_RIGHTS, privilegeRightsLine } from "../../kinds/user-right/gpo.js";
import type { RegistrySetting, SeceditSetting } from "../../settings.js";
import type { EmitContext } from "../emitter.js";
import { AUDIT_SUBCATEGORIES, type AuditSetting as CsvAuditSetting, encodeAuditCsv } from "./audit-csv.js";
import { gpoBackupFiles, gpoBackupIds } from "./gpo-backup.js";
import { encodeGptTmpl, type InfDocument } from "./gpttmpl-inf.js";
import { encodeRegistryPol, type PolEntry } from "./registry-pol.js";
import { securityOptionPath, type WindowsSettingsPlan } from "./settings-plan.js";

/** GptTmpl/secedit type numbers of [Registry Values] (winnt.h REG_* codes). */
const REG_TYPE_NUMBER: Record<RegistrySetting["type"], number> = {
  REG_SZ: 1,
  REG_EXPAND_SZ: 2,
  REG_DWORD: 4,
  REG_MULTI_SZ: 7,
  REG_QWORD: 11,
};

/** A template text value: double-quoted, and it must not need escaping (the INF format has none). */
function infString(value: string, where: string): string {
  if (/["\r\n\0]/.test(value))
    throw new Error(`${where}: a security-template string cannot hold '"', CR, LF or NUL`);
  return `"${value}"`;
}

function seceditValue(s: SeceditSetting): string {
  if (typeof s.value === "number") {
    if (!Number.isSafeInteger(s.value)) throw new Error(`[System Access] ${s.key}: not an integer`);
    return String(s.value);
  }
  return infString(s.value, `[System Access] ${s.key}`);
}

function registryValuesLine(s: RegistrySetting): string {
  const where = `[Registry Values] ${s.key}\\${s.name}`;
  const type = REG_TYPE_NUMBER[s.type];
  switch (s.type) {
    case "REG_DWORD":
    case "REG_QWORD":
      if (typeof s.data !== "number" || !Number.isSafeInteger(s.data))
        throw new Error(`${where}: ${s.type} needs an integer`);
      return `${type},${s.data}`;
    case "REG_MULTI_SZ":
      if (!Array.isArray(s.data)) throw new Error(`${where}: REG_MULTI_SZ needs a list`);
      for (const item of s.data)
        if (/[,\r\n\0"]/.test(item))
          throw new Error(`${where}: list items cannot hold ',', '"', CR, LF or NUL`);
      return `${type},${s.data.join(",")}`;
    default:
      if (typeof s.data !== "string") throw new Error(`${where}: ${s.type} needs a string`);
      return `${type},${infString(s.data, where)}`;
  }
}

function polEntry(s: RegistrySetting): PolEntry {
  const data = s.type === "REG_DWORD" || s.type === "REG_QWORD" ? Number(s.data) : s.data;
  return { key: s.key, value: s.name, type: s.type, data };
}

function auditRow(s: {
  guid: string;
  value: CsvAuditSetting["value"];
  subcategory: string;
}): CsvAuditSetting {
  const known = Object.values(AUDIT_SUBCATEGORIES).find((a) => a.guid === s.guid.toLowerCase());
  // GPMC writes the English name with an "Audit " prefix; Windows acts on the GUID only.
  return {
    subcategory: known?.subcategory ?? `Audit ${s.subcategory}`,
    guid: s.guid.toLowerCase(),
    value: s.value,
  };
}

/** The policy files; a file is absent when the bundle has nothing for it. */
export function gpoPolicyFiles(plan: WindowsSettingsPlan): {
  registryPol?: Buffer;
  gptTmpl?: Buffer;
  auditCsv?: Buffer;
  userRegistryPol?: Buffer;
} {
  const polEntries: PolEntry[] = [];
  const registryValues: Array<[string, string]> = [];
  for (const s of plan.registry) {
    const option = securityOptionPath(s);
    if (option) registryValues.push([`MACHINE\\${option}`, registryValuesLine(s)]);
    else polEntries.push(polEntry(s));
  }
  const sections: InfDocument["sections"] = {};
  if (plan.secedit.length > 0) sections["System Access"] = plan.secedit.map((s) => [s.key, seceditValue(s)]);
  if (registryValues.length > 0) sections["Registry Values"] = registryValues;
  if (plan.rights.length > 0) sections[PRIVILEGE_RIGHTS] = plan.rights.map(privilegeRightsLine);
  if (plan.services.length > 0)
    sections[SERVICE_GENERAL_SETTING] = plan.services.map(serviceGeneralSettingLine);
  return {
    registryPol: polEntries.length > 0 ? encodeRegistryPol(polEntries) : undefined,
    gptTmpl: Object.keys(sections).length > 0 ? encodeGptTmpl({ sections }) : undefined,
    auditCsv: plan.audit.length > 0 ? encodeAuditCsv(plan.audit.map(auditRow)) : undefined,
    userRegistryPol:
      plan.userRegistry.length > 0 ? encodeRegistryPol(plan.userRegistry.map(userPolEntry)) : undefined,
  };
}

/** The GPO's display name in GPMC: says what it is and for whom, from IDs only (never free text). */
export function gpoDisplayName(spec: BundleSpec): string {
  return `attt-kit ${spec.unit.id} ${spec.os}-${spec.role}`;
}

/** The `gpo/` folder of the bundle: a GPO backup (manifest.xml and one {BackupId} folder). */
export function gpoFolder(
  spec: BundleSpec,
  plan: WindowsSettingsPlan,
  ctx: EmitContext,
): Map<string, Buffer> {
  const displayName = gpoDisplayName(spec);
  const files = gpoBackupFiles({
    displayName,
    generatedAt: ctx.generatedAt,
    ...gpoPolicyFiles(plan),
    comment: `${ctx.generator}; bundle ${spec.id}; sha256 ${ctx.bundleHash}`,
  });
  return new Map([...files].map(([rel, bytes]) => [`gpo/${rel}`, bytes]));
}

export { gpoBackupIds };
