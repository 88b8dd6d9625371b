/**
 * The GPO half of a Windows bundle: registry.pol, GptTmpl.inf and audit.csv from the
 * merged settings, wrapped in a GPO backup folder that GPMC "Import Settings" and
 * `Import-GPO` read.
 */
import type { BundleSpec } from "../../bundle-spec.js";
import { auditCsvRow } from "../../kinds/audit/gpo.js";
import {
  machinePolEntry,
  REGISTRY_VALUES,
  registryValuesLine,
  securityOptionPath,
} from "../../kinds/registry/gpo.js";
import { registryClearPolEntry } from "../../kinds/registry-clear/gpo.js";
import { isRegistryClear } from "../../kinds/registry-clear/setting.js";
import { SYSTEM_ACCESS, systemAccessLine } from "../../kinds/secedit/gpo.js";
import { SERVICE_GENERAL_SETTING, serviceGeneralSettingLine } from "../../kinds/service/gpo.js";
import { userPolEntry } from "../../kinds/user-registry/gpo.js";
import { PRIVILEGE_RIGHTS, privilegeRightsLine } from "../../kinds/user-right/gpo.js";
import type { EmitContext } from "../emitter.js";
import { encodeAuditCsv } from "./audit-csv.js";
import { gpoBackupFiles, gpoBackupIds } from "./gpo-backup.js";
import { encodeGptTmpl, type InfDocument } from "./gpttmpl-inf.js";
import { encodeRegistryPol, type PolEntry } from "./registry-pol.js";
import type { WindowsSettingsPlan } from "./settings-plan.js";

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
    if (isRegistryClear(s)) polEntries.push(registryClearPolEntry(s));
    else if (option) registryValues.push(registryValuesLine(s, option));
    else polEntries.push(machinePolEntry(s));
  }
  const sections: InfDocument["sections"] = {};
  if (plan.secedit.length > 0) sections[SYSTEM_ACCESS] = plan.secedit.map(systemAccessLine);
  if (registryValues.length > 0) sections[REGISTRY_VALUES] = registryValues;
  if (plan.rights.length > 0) sections[PRIVILEGE_RIGHTS] = plan.rights.map(privilegeRightsLine);
  if (plan.services.length > 0)
    sections[SERVICE_GENERAL_SETTING] = plan.services.map(serviceGeneralSettingLine);
  return {
    registryPol: polEntries.length > 0 ? encodeRegistryPol(polEntries) : undefined,
    gptTmpl: Object.keys(sections).length > 0 ? encodeGptTmpl({ sections }) : undefined,
    auditCsv: plan.audit.length > 0 ? encodeAuditCsv(plan.audit.map(auditCsvRow)) : undefined,
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
