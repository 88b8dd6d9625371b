// A GPO backup folder, as GPMC "Back Up" / Backup-GPO writes it and GPMC "Import
// Settings" / `Import-GPO -BackupId <id> -Path <folder>` (and LGPO.exe /g) read it:
//
//   manifest.xml
//   {BackupID}/Backup.xml
//   {BackupID}/bkupInfo.xml
//   {BackupID}/DomainSysvol/GPO/Machine/registry.pol
//   {BackupID}/DomainSysvol/GPO/Machine/microsoft/windows nt/SecEdit/GptTmpl.inf
//   {BackupID}/DomainSysvol/GPO/Machine/microsoft/windows nt/Audit/audit.csv
//   {BackupID}/DomainSysvol/GPO/User/registry.pol          (user-side policies)
//
// Element names, attribute order, CDATA use, whitespace and encodings are copied from
// real GPMC backups (nsacyber/Windows-Secure-Host-Baseline; Microsoft Windows 10 21H2
// baseline GPOs in troennes/private-secure-windows):
//   - Backup.xml: UTF-8, no BOM, `<?xml ... encoding="utf-8"?>`, CRLF inside, no
//     line break at the end;
//   - bkupInfo.xml: UTF-8, no BOM, no XML declaration, ends with CRLF;
//   - manifest.xml: UTF-8, no BOM, no XML declaration, no line break at the end.
// GPMC also writes gpreport.xml (UTF-16 settings report for its viewer); Import reads
// Backup.xml and the files, so we do not synthesise a report we cannot check here.
//
// Everything derives from the input: same input, same bytes.

import { stableGuid } from "./stable-guid.js";
import { xmlCdata, xmlEscape } from "./xml.js";

export interface GpoBackupInput {
  displayName: string;
  /** DNS domain recorded as the backup's source; a placeholder when there is no AD. */
  domain?: string;
  /** ISO 8601 time from the inventory (never the clock, for determinism). */
  generatedAt: string;
  registryPol?: Buffer;
  gptTmpl?: Buffer;
  auditCsv?: Buffer;
  /** The User part's registry.pol (HKCU policies every user gets). */
  userRegistryPol?: Buffer;
  comment?: string;
}

/**
 * Client-side extension (CSE) GUID and the tool (snap-in) GUID GPMC pairs with it in
 * gPCMachineExtensionNames / MachineExtensionGuids. Pairs as GPMC wrote them in the
 * NSA SHB "DoD Windows 10 STIG - Computer" backup and the Microsoft baselines.
 * Without its pair in the list, the client never runs the extension for this GPO.
 */
export const MACHINE_EXTENSIONS = {
  registry: { cse: "{35378EAC-683F-11D2-A89A-00C04FBBCFA2}", tool: "{D02B1F72-3407-48AE-BA88-E8213C6761F1}" },
  security: { cse: "{827D319E-6EAC-11D2-A4EA-00C04F79F83A}", tool: "{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}" },
  audit: { cse: "{F3CCC681-B74C-4060-9F26-CD84525DCA2A}", tool: "{0F3F3735-573D-9804-99E4-AB2A69BA5FD4}" },
} as const;

/** The registry extension of the User part: same CSE, the user-side snap-in GUID (D02B1F73). */
export const USER_REGISTRY_EXTENSION = {
  cse: "{35378EAC-683F-11D2-A89A-00C04FBBCFA2}",
  tool: "{D02B1F73-3407-48AE-BA88-E8213C6761F1}",
} as const;

/** GPMC's generic file-copy extension: lists files no other backup extension owns (audit.csv). */
const FILE_COPY_EXTENSION = "{F15C46CD-82A0-4C2D-A210-5D0D3182A418}";

const BKP_NS = "http://www.microsoft.com/GroupPolicy/GPOOperations";
const MANIFEST_NS = "http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest";
/** RFC 2606 reserved name: says plainly that no real domain was involved. */
const DEFAULT_DOMAIN = "attt-kit.invalid";

const SYSVOL_MACHINE = "DomainSysvol/GPO/Machine";
const SYSVOL_USER = "DomainSysvol/GPO/User";
const PATHS = {
  registryPol: "registry.pol",
  gptTmpl: "microsoft/windows nt/SecEdit/GptTmpl.inf",
  auditCsv: "microsoft/windows nt/Audit/audit.csv",
} as const;

/**
 * `[{CSE}{TOOL}]...` for the present extensions, sorted by CSE GUID: [MS-GPOL] keeps
 * the list in ascending GUID order and the client relies on it.
 */
export function machineExtensionNames(present: Array<keyof typeof MACHINE_EXTENSIONS>): string {
  return [...new Set(present)]
    .map((k) => MACHINE_EXTENSIONS[k])
    .sort((a, b) => (a.cse < b.cse ? -1 : a.cse > b.cse ? 1 : 0))
    .map((e) => `[${e.cse}${e.tool}]`)
    .join("");
}

// --- security descriptor ------------------------------------------------------------

function sidBytes(sid: string): Buffer {
  const m = /^S-1-(\d+)((?:-\d+)*)$/.exec(sid);
  if (!m) throw new Error(`bad SID ${sid}`);
  const subs = (m[2] ?? "").split("-").filter(Boolean).map(Number);
  const b = Buffer.alloc(8 + 4 * subs.length);
  b[0] = 1;
  b[1] = subs.length;
  b.writeUIntBE(Number(m[1]), 2, 6);
  for (const [i, s] of subs.entries()) b.writeUInt32LE(s, 8 + 4 * i);
  return b;
}

function ace(type: number, flags: number, mask: number, sid: string, objectType?: Buffer): Buffer {
  const body = objectType
    ? Buffer.concat([u32(mask), u32(1 /* ACE_OBJECT_TYPE_PRESENT */), objectType, sidBytes(sid)])
    : Buffer.concat([u32(mask), sidBytes(sid)]);
  const head = Buffer.from([type, flags, 0, 0]);
  head.writeUInt16LE(4 + body.length, 2);
  return Buffer.concat([head, body]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/**
 * The GPO's DACL in the same shape GPMC backs up (self-relative, DACL only, protected),
 * but naming only well-known SIDs, since a school's domain SIDs are unknown here:
 * Authenticated Users read + "Apply Group Policy"; BUILTIN\Administrators, SYSTEM and
 * CREATOR OWNER full control; Enterprise Domain Controllers read. Import Settings
 * keeps the target GPO's own permissions; this only matters for a full restore.
 */
function securityDescriptorHex(): string {
  const CI = 0x02;
  const IO = 0x08;
  const FULL = 0x000f00ff;
  const READ = 0x00020094;
  // Apply-Group-Policy extended right edacfd8f-ffb3-11d1-b41d-00a0c968f939, GUID byte order.
  const applyGp = Buffer.from("8ffdacedb3ffd111b41d00a0c968f939", "hex");
  const aces = [
    ace(0x05, CI, 0x00000100, "S-1-5-11", applyGp),
    ace(0x00, CI, FULL, "S-1-5-32-544"),
    ace(0x00, CI, READ, "S-1-5-9"),
    ace(0x00, CI, READ, "S-1-5-11"),
    ace(0x00, CI, FULL, "S-1-5-18"),
    ace(0x00, CI | IO, FULL, "S-1-3-0"),
  ];
  const aclBody = Buffer.concat(aces);
  const acl = Buffer.alloc(8);
  acl[0] = 4; // ACL_REVISION_DS: needed for object ACEs
  acl.writeUInt16LE(8 + aclBody.length, 2);
  acl.writeUInt16LE(aces.length, 4);
  const header = Buffer.alloc(20);
  header[0] = 1;
  // SE_SELF_RELATIVE | SE_DACL_PROTECTED | SE_SACL_AUTO_INHERITED | SE_DACL_AUTO_INHERITED | SE_DACL_PRESENT
  header.writeUInt16LE(0x9c04, 2);
  header.writeUInt32LE(20, 16); // DACL right after the header; no owner, group or SACL
  const sd = Buffer.concat([header, acl, aclBody]);
  return [...sd].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

// --- XML documents -----------------------------------------------------------------

/** GPMC's `2016-12-09T15:16:54`: seconds precision, no zone. We use UTC. */
function backupTime(iso: string): string {
  const t = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(t)) {
    throw new Error(`gpoBackupFiles: generatedAt ${JSON.stringify(iso)} is not an ISO 8601 date-time`);
  }
  return new Date(t).toISOString().slice(0, 19);
}

interface Ids {
  gpo: string;
  backup: string;
  domain: string;
  domainGuid: string;
  displayName: string;
  time: string;
  comment: string;
}

/** The BackupInst record shared by bkupInfo.xml and manifest.xml (same element order as GPMC). */
function backupInst(ids: Ids, withNs: boolean): string {
  return (
    `<BackupInst${withNs ? ` xmlns="${MANIFEST_NS}"` : ""}>` +
    `<GPOGuid>${xmlCdata(ids.gpo)}</GPOGuid>` +
    `<GPODomain>${xmlCdata(ids.domain)}</GPODomain>` +
    `<GPODomainGuid>${xmlCdata(ids.domainGuid)}</GPODomainGuid>` +
    // No domain controller exists for a generated backup; the domain name stands in.
    `<GPODomainController>${xmlCdata(ids.domain)}</GPODomainController>` +
    `<BackupTime>${xmlCdata(ids.time)}</BackupTime>` +
    `<ID>${xmlCdata(ids.backup)}</ID>` +
    `<Comment>${xmlCdata(ids.comment)}</Comment>` +
    `<GPODisplayName>${xmlCdata(ids.displayName)}</GPODisplayName>` +
    "</BackupInst>"
  );
}

function fsAttrs(ids: Ids, rel: string, part: "Machine" | "User" = "Machine"): string {
  const win = rel.replace(/\//g, "\\");
  const variable = part === "Machine" ? "%GPO_MACH_FSPATH%" : "%GPO_USER_FSPATH%";
  const source = `\\\\${ids.domain}\\sysvol\\${ids.domain}\\Policies\\${ids.gpo}\\${part}${win ? `\\${win}` : ""}`;
  return (
    `bkp:Path="${xmlEscape(`${variable}${win ? `\\${win}` : ""}`)}"` +
    ` bkp:SourceExpandedPath="${xmlEscape(source)}"` +
    ` bkp:Location="${xmlEscape(`DomainSysvol\\GPO\\${part}${win ? `\\${win}` : ""}`)}"`
  );
}

function backupXml(
  ids: Ids,
  has: { registryPol: boolean; gptTmpl: boolean; auditCsv: boolean; userRegistryPol: boolean },
): string {
  const exts: Array<keyof typeof MACHINE_EXTENSIONS> = [];
  if (has.registryPol) exts.push("registry");
  if (has.gptTmpl) exts.push("security");
  if (has.auditCsv) exts.push("audit");
  const machineGuids = machineExtensionNames(exts);
  const anyMachine = exts.length > 0;

  const core =
    `<ID>${xmlCdata(ids.gpo)}</ID>` +
    `<Domain>${xmlCdata(ids.domain)}</Domain>` +
    `<SecurityDescriptor>${securityDescriptorHex()}</SecurityDescriptor>` +
    `<DisplayName>${xmlCdata(ids.displayName)}</DisplayName>` +
    // 0: user and computer parts both enabled; Import Settings leaves the target's status alone.
    `<Options>${xmlCdata("0")}</Options>` +
    `<UserVersionNumber>${xmlCdata(has.userRegistryPol ? "65537" : "0")}</UserVersionNumber>` +
    // GPMC records 65537 (0x10001) for a part (user, machine) saved once.
    `<MachineVersionNumber>${xmlCdata(anyMachine ? "65537" : "0")}</MachineVersionNumber>` +
    (machineGuids
      ? `<MachineExtensionGuids>${xmlCdata(machineGuids)}</MachineExtensionGuids>`
      : "<MachineExtensionGuids/>") +
    (has.userRegistryPol
      ? `<UserExtensionGuids>${xmlCdata(`[${USER_REGISTRY_EXTENSION.cse}${USER_REGISTRY_EXTENSION.tool}]`)}</UserExtensionGuids>`
      : "<UserExtensionGuids/>") +
    "<WMIFilter/>";

  let out =
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<GroupPolicyBackupScheme bkp:version="2.0" bkp:type="GroupPolicyBackupTemplate" xmlns:bkp="${BKP_NS}" xmlns="${BKP_NS}">\r\n` +
    `    <GroupPolicyObject><SecurityGroups/><FilePaths/><GroupPolicyCoreSettings>${core}</GroupPolicyCoreSettings> \r\n`;

  if (has.registryPol || has.userRegistryPol) {
    // One Registry extension holds both registry.pol files, as GPMC backups list them
    // (%GPO_MACH_FSPATH% then %GPO_USER_FSPATH%); two elements with one ID are not a backup GPMC writes.
    out +=
      `        <GroupPolicyExtension bkp:ID="${MACHINE_EXTENSIONS.registry.cse}" bkp:DescName="Registry">\r\n` +
      (has.registryPol ? `            <FSObjectFile ${fsAttrs(ids, PATHS.registryPol)}/>\r\n` : "") +
      (has.userRegistryPol
        ? `            <FSObjectFile ${fsAttrs(ids, PATHS.registryPol, "User")}/>\r\n`
        : "") +
      "        </GroupPolicyExtension>\r\n";
  }
  if (has.gptTmpl) {
    // ReEvaluateFunction lets GPMC re-check security settings on import, as in real backups.
    const attrs = fsAttrs(ids, PATHS.gptTmpl).replace(
      " bkp:Location=",
      ' bkp:ReEvaluateFunction="SecurityValidateSettings" bkp:Location=',
    );
    out +=
      `        <GroupPolicyExtension bkp:ID="${MACHINE_EXTENSIONS.security.cse}" bkp:DescName="Security">\r\n` +
      `            <FSObjectFile ${attrs}/>\r\n` +
      "        </GroupPolicyExtension>\r\n";
  }
  if (has.gptTmpl || has.auditCsv) {
    // The folders under Machine\microsoft and audit.csv belong to no backup extension of
    // their own; GPMC lists them, sorted, under its file-copy extension.
    const items: Array<[string, "Dir" | "File"]> = [
      ["microsoft", "Dir"],
      ["microsoft/windows nt", "Dir"],
    ];
    if (has.auditCsv) items.push(["microsoft/windows nt/Audit", "Dir"], [PATHS.auditCsv, "File"]);
    if (has.gptTmpl) items.push(["microsoft/windows nt/SecEdit", "Dir"]);
    out +=
      `    <GroupPolicyExtension bkp:ID="${FILE_COPY_EXTENSION}" bkp:DescName="Unknown Extension">` +
      items.map(([rel, kind]) => `<FSObject${kind} ${fsAttrs(ids, rel)}/>`).join("") +
      "</GroupPolicyExtension>";
  }
  out += "</GroupPolicyObject>\r\n</GroupPolicyBackupScheme>";
  return out;
}

export function gpoBackupFiles(input: GpoBackupInput): Map<string, Buffer> {
  const displayName = input.displayName;
  if (displayName.trim().length === 0) throw new Error("gpoBackupFiles: displayName must not be empty");
  const domain = input.domain ?? DEFAULT_DOMAIN;
  if (
    !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(domain)
  ) {
    throw new Error(`gpoBackupFiles: domain ${JSON.stringify(domain)} is not a DNS name`);
  }
  if (input.registryPol && input.registryPol.subarray(0, 4).toString("latin1") !== "PReg") {
    throw new Error("gpoBackupFiles: registryPol does not start with the PReg signature");
  }
  if (input.userRegistryPol && input.userRegistryPol.subarray(0, 4).toString("latin1") !== "PReg") {
    throw new Error("gpoBackupFiles: userRegistryPol does not start with the PReg signature");
  }
  if (input.gptTmpl && !(input.gptTmpl[0] === 0xff && input.gptTmpl[1] === 0xfe)) {
    throw new Error("gpoBackupFiles: gptTmpl is not UTF-16LE with a byte-order mark");
  }

  const ids: Ids = {
    gpo: stableGuid("gpo", displayName),
    backup: stableGuid("gpo-backup", displayName),
    domain,
    // GPMC writes the domain GUID in lower case.
    domainGuid: stableGuid("domain", domain.toLowerCase()).toLowerCase(),
    displayName,
    time: backupTime(input.generatedAt),
    comment: input.comment ?? "",
  };
  const has = {
    registryPol: input.registryPol !== undefined,
    gptTmpl: input.gptTmpl !== undefined,
    auditCsv: input.auditCsv !== undefined,
    userRegistryPol: input.userRegistryPol !== undefined,
  };

  const files = new Map<string, Buffer>();
  const utf8 = (s: string) => Buffer.from(s, "utf8");
  files.set(
    "manifest.xml",
    utf8(
      `<Backups xmlns="${MANIFEST_NS}" xmlns:mfst="${MANIFEST_NS}" mfst:version="1.0">${backupInst(ids, false)}</Backups>`,
    ),
  );
  files.set(`${ids.backup}/Backup.xml`, utf8(backupXml(ids, has)));
  files.set(`${ids.backup}/bkupInfo.xml`, utf8(`${backupInst(ids, true)}\r\n`));
  if (input.registryPol)
    files.set(`${ids.backup}/${SYSVOL_MACHINE}/${PATHS.registryPol}`, Buffer.from(input.registryPol));
  if (input.gptTmpl)
    files.set(`${ids.backup}/${SYSVOL_MACHINE}/${PATHS.gptTmpl}`, Buffer.from(input.gptTmpl));
  if (input.auditCsv)
    files.set(`${ids.backup}/${SYSVOL_MACHINE}/${PATHS.auditCsv}`, Buffer.from(input.auditCsv));
  if (input.userRegistryPol)
    files.set(`${ids.backup}/${SYSVOL_USER}/${PATHS.registryPol}`, Buffer.from(input.userRegistryPol));
  return files;
}

/** The IDs gpoBackupFiles will use, e.g. for `Import-GPO -BackupId`. */
export function gpoBackupIds(displayName: string): { gpoGuid: string; backupId: string } {
  return { gpoGuid: stableGuid("gpo", displayName), backupId: stableGuid("gpo-backup", displayName) };
}
