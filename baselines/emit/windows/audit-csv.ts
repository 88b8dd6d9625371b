// Advanced audit policy file `Machine\microsoft\windows nt\Audit\audit.csv`
// ([MS-GPAC] Group Policy: Audit Configuration Extension).
//
// Bytes as GPMC writes them (GPMC backups in nsacyber/Windows-Secure-Host-Baseline and
// the Microsoft baseline GPOs re-published in troennes/private-secure-windows):
//   - no byte-order mark, plain ASCII (so UTF-8 too: Samba's GPAuditCsvParser reads
//     it as UTF-8, and a BOM would corrupt its first column name);
//   - CRLF after every line, including the last;
//   - `Machine Name` empty, `Policy Target` "System", `Subcategory` the English name
//     with an "Audit " prefix, the GUID lower-case in braces, `Exclusion Setting` empty:
//     ,System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success and Failure,,3
//
// MS-GPAC: the Subcategory text "is for user reference only and is ignored"; Windows
// acts on the GUID and the Setting Value. The reader therefore trusts those two and
// does not check the (possibly localized) Inclusion Setting text.

export interface AuditSetting {
  subcategory: string;
  /** `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`; written lower-case as GPMC does. */
  guid: string;
  /**
   * 0 "No Auditing", 1 success, 2 failure, 3 success and failure.
   * Caution: [MS-GPAC] 2.2.1.3.1 defines Setting Value 0 as "unchanged" and 4 as
   * "None"; GPMC and auditpol nevertheless write "No Auditing" with 0. So 0 does not
   * reliably switch a subcategory off when applied by Group Policy.
   */
  value: 0 | 1 | 2 | 3;
}

export const AUDIT_CSV_HEADER =
  "Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value";

const INCLUSION_TEXT = ["No Auditing", "Success", "Failure", "Success and Failure"] as const;

/**
 * Subcategories the baselines use. GUIDs copied from GPMC-written audit.csv files
 * (NSA Windows-Secure-Host-Baseline, Microsoft Windows 10 21H2 baseline) and checked
 * against `auditpol /r` outputs and the [MS-GPAC] 2.2.1.2 table; names as GPMC writes
 * them. The key is the auditpol subcategory name.
 */
export const AUDIT_SUBCATEGORIES = {
  "Credential Validation": {
    subcategory: "Audit Credential Validation",
    guid: "{0cce923f-69ae-11d9-bed3-505054503030}",
  },
  Logon: { subcategory: "Audit Logon", guid: "{0cce9215-69ae-11d9-bed3-505054503030}" },
  Logoff: { subcategory: "Audit Logoff", guid: "{0cce9216-69ae-11d9-bed3-505054503030}" },
  "Account Lockout": { subcategory: "Audit Account Lockout", guid: "{0cce9217-69ae-11d9-bed3-505054503030}" },
  "Special Logon": { subcategory: "Audit Special Logon", guid: "{0cce921b-69ae-11d9-bed3-505054503030}" },
  "Other Logon/Logoff Events": {
    subcategory: "Audit Other Logon/Logoff Events",
    guid: "{0cce921c-69ae-11d9-bed3-505054503030}",
  },
  "User Account Management": {
    subcategory: "Audit User Account Management",
    guid: "{0cce9235-69ae-11d9-bed3-505054503030}",
  },
  "Computer Account Management": {
    subcategory: "Audit Computer Account Management",
    guid: "{0cce9236-69ae-11d9-bed3-505054503030}",
  },
  "Security Group Management": {
    subcategory: "Audit Security Group Management",
    guid: "{0cce9237-69ae-11d9-bed3-505054503030}",
  },
  "Audit Policy Change": {
    subcategory: "Audit Audit Policy Change",
    guid: "{0cce922f-69ae-11d9-bed3-505054503030}",
  },
  "Authentication Policy Change": {
    subcategory: "Audit Authentication Policy Change",
    guid: "{0cce9230-69ae-11d9-bed3-505054503030}",
  },
  "Sensitive Privilege Use": {
    subcategory: "Audit Sensitive Privilege Use",
    guid: "{0cce9228-69ae-11d9-bed3-505054503030}",
  },
  "Process Creation": {
    subcategory: "Audit Process Creation",
    guid: "{0cce922b-69ae-11d9-bed3-505054503030}",
  },
  "Security System Extension": {
    subcategory: "Audit Security System Extension",
    guid: "{0cce9211-69ae-11d9-bed3-505054503030}",
  },
  "System Integrity": {
    subcategory: "Audit System Integrity",
    guid: "{0cce9212-69ae-11d9-bed3-505054503030}",
  },
  "Removable Storage": {
    subcategory: "Audit Removable Storage",
    guid: "{0cce9245-69ae-11d9-bed3-505054503030}",
  },
  "Other Object Access Events": {
    subcategory: "Audit Other Object Access Events",
    guid: "{0cce9227-69ae-11d9-bed3-505054503030}",
  },
  "Security State Change": {
    subcategory: "Audit Security State Change",
    guid: "{0cce9210-69ae-11d9-bed3-505054503030}",
  },
  "Other System Events": {
    subcategory: "Audit Other System Events",
    guid: "{0cce9214-69ae-11d9-bed3-505054503030}",
  },
  "Group Membership": {
    subcategory: "Audit Group Membership",
    guid: "{0cce9249-69ae-11d9-bed3-505054503030}",
  },
  "Plug and Play Events": {
    subcategory: "Audit Plug and Play Events",
    guid: "{0cce9248-69ae-11d9-bed3-505054503030}",
  },
  "Detailed File Share": {
    subcategory: "Audit Detailed File Share",
    guid: "{0cce9244-69ae-11d9-bed3-505054503030}",
  },
  "File Share": {
    subcategory: "Audit File Share",
    guid: "{0cce9224-69ae-11d9-bed3-505054503030}",
  },
  "MPSSVC Rule-Level Policy Change": {
    subcategory: "Audit MPSSVC Rule-Level Policy Change",
    guid: "{0cce9232-69ae-11d9-bed3-505054503030}",
  },
  "Other Policy Change Events": {
    subcategory: "Audit Other Policy Change Events",
    guid: "{0cce9234-69ae-11d9-bed3-505054503030}",
  },
} as const satisfies Record<string, { subcategory: string; guid: string }>;

export type AuditSubcategoryName = keyof typeof AUDIT_SUBCATEGORIES;

const GUID_RE = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;

/** Convenience: a setting for one of the known subcategories. */
export function auditSetting(name: AuditSubcategoryName, value: AuditSetting["value"]): AuditSetting {
  return { ...AUDIT_SUBCATEGORIES[name], value };
}

export function encodeAuditCsv(settings: AuditSetting[]): Buffer {
  const seen = new Set<string>();
  const lines = [AUDIT_CSV_HEADER];
  for (const s of settings) {
    const where = `audit.csv ${JSON.stringify(s.subcategory)}`;
    // We never quote: GPMC does not, and no real subcategory name needs it.
    if (s.subcategory.length === 0 || /[",\r\n\0]/.test(s.subcategory)) {
      throw new Error(`${where}: subcategory must be non-empty and contain no comma, quote, CR, LF or NUL`);
    }
    if (/[^\x20-\x7e]/.test(s.subcategory)) {
      throw new Error(
        `${where}: subcategory must be ASCII (GPMC writes the English name; the file is not Unicode)`,
      );
    }
    if (!GUID_RE.test(s.guid))
      throw new Error(`${where}: bad GUID ${JSON.stringify(s.guid)}, expected {xxxxxxxx-...}`);
    if (![0, 1, 2, 3].includes(s.value)) throw new Error(`${where}: value must be 0, 1, 2 or 3`);
    const guid = s.guid.toLowerCase();
    if (seen.has(guid)) throw new Error(`${where}: duplicate subcategory GUID ${guid}`);
    seen.add(guid);
    lines.push(`,System,${s.subcategory},${guid},${INCLUSION_TEXT[s.value]},,${s.value}`);
  }
  return Buffer.from(lines.map((l) => `${l}\r\n`).join(""), "utf8");
}

export function decodeAuditCsv(buf: Buffer): AuditSetting[] {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    throw new Error("audit.csv: unexpected UTF-8 byte-order mark at byte offset 0 (GPMC writes none)");
  }
  const lines = buf.toString("utf8").split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  if (lines[0] !== AUDIT_CSV_HEADER) {
    throw new Error(
      `audit.csv line 1: expected header ${JSON.stringify(AUDIT_CSV_HEADER)}, got ${JSON.stringify(lines[0] ?? "")}`,
    );
  }
  const out: AuditSetting[] = [];
  lines.slice(1).forEach((line, i) => {
    const lineNo = i + 2;
    const fail = (why: string): never => {
      throw new Error(`audit.csv line ${lineNo}: ${why}: ${JSON.stringify(line)}`);
    };
    if (line.includes('"')) fail("quoted fields are not supported");
    const f = line.split(",");
    if (f.length !== 7) fail(`expected 7 fields, found ${f.length}`);
    const [, target = "", subcategory = "", guid = "", , , raw = ""] = f;
    if (target !== "System")
      fail(`policy target ${JSON.stringify(target)} is not "System" (per-user rows unsupported)`);
    if (!GUID_RE.test(guid))
      fail("missing or malformed subcategory GUID (option and global SACL rows unsupported)");
    if (!/^[0-3]$/.test(raw)) fail(`setting value ${JSON.stringify(raw)} is not 0-3`);
    out.push({ subcategory, guid: guid.toLowerCase(), value: Number(raw) as AuditSetting["value"] });
  });
  return out;
}
