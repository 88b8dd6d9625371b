// GptTmpl.inf (security template, [MS-GPSB]) writer and reader.
//
// Bytes as secedit and GPMC write them (checked against GPMC backups in public
// repositories, e.g. nsacyber/Windows-Secure-Host-Baseline): UTF-16LE with a BOM
// (FF FE), CRLF after every line including the last, `[Unicode]` `Unicode=yes`.
//
// Value formats per section (the caller supplies `[key, value]` pairs verbatim):
//
// [System Access], [Event Audit], [Kerberos Policy], [Privilege Rights], ... are
//   written `key = value` (`key =` when the value is empty, as secedit does):
//     MinimumPasswordLength = 14
//     NewAdministratorName = "Quản trị viên"       (strings are double-quoted)
//   [Privilege Rights] values are comma-separated SIDs, each prefixed with `*`
//   (never account names: names are localized, SIDs are not):
//     SeNetworkLogonRight = *S-1-5-32-544,*S-1-5-32-545
//     SeTcbPrivilege =                               (nobody holds the right)
//
// [Registry Values] is written `key=value` with NO spaces (as GPMC writes it); the
//   key is the full path with its hive and value name, the value is
//   `<REG type number>,<data>`:
//     MACHINE\System\CurrentControlSet\Control\Lsa\LmCompatibilityLevel=4,5   (REG_DWORD)
//     MACHINE\Software\...\Policies\System\LegalNoticeCaption=1,"Cảnh báo"     (REG_SZ)
//     MACHINE\...\Winreg\AllowedExactPaths\Machine=7,Path1,Path2              (REG_MULTI_SZ)
//
// [Service General Setting] (also [Registry Keys], [File Security]) lines are not
//   key=value but `"Name",mode,"SDDL"`; here the pair is [Name, `mode,"SDDL"`]:
//     "XblGameSave",4,""        -> ["XblGameSave", '4,""']   (4 = disabled, 2 = automatic,
//                                                              3 = manual; "" = keep ACL)
//
// [Unicode] and [Version] are fixed and always written first, so they are not part
// of InfDocument: the writer adds them and the reader drops them.

export interface InfDocument {
  sections: Record<string, Array<[string, string]>>;
}

/** Order after [Unicode] and [Version]; any other section follows, sorted by name. */
const CANONICAL_ORDER = [
  "System Access",
  "Event Audit",
  "Registry Values",
  "Privilege Rights",
  "Service General Setting",
];

const REGISTRY_VALUES = "Registry Values";
/** Sections whose lines are `"Name",mode,"SDDL"`. */
const QUOTED_NAME_SECTIONS = new Set(["Service General Setting", "Registry Keys", "File Security"]);
const FIXED_SECTIONS = new Set(["Unicode", "Version"]);

function sectionOrder(names: string[]): string[] {
  const known = CANONICAL_ORDER.filter((n) => names.includes(n));
  const rest = names.filter((n) => !CANONICAL_ORDER.includes(n)).sort();
  return [...known, ...rest];
}

/** A template text value: double-quoted, and it must not need escaping (the INF format has none). */
export function infString(value: string, where: string): string {
  if (/["\r\n\0]/.test(value))
    throw new Error(`${where}: a security-template string cannot hold '"', CR, LF or NUL`);
  return `"${value}"`;
}

function checkText(where: string, s: string): void {
  if (/[\r\n\0]/.test(s)) throw new Error(`GptTmpl.inf ${where}: must not contain CR, LF or NUL`);
}

function formatLine(section: string, key: string, value: string): string {
  const where = `[${section}] ${JSON.stringify(key)}`;
  checkText(where, key);
  checkText(where, value);
  if (key.length === 0) throw new Error(`GptTmpl.inf [${section}]: empty key`);
  if (QUOTED_NAME_SECTIONS.has(section)) {
    if (key.includes('"')) throw new Error(`GptTmpl.inf ${where}: name must not contain '"'`);
    return `"${key}",${value}`;
  }
  // Readers split at '=' and trim around it, so these would not survive a round trip.
  if (key.includes("=")) throw new Error(`GptTmpl.inf ${where}: key must not contain '='`);
  if (key.trim() !== key || key.startsWith(";") || key.startsWith("[")) {
    throw new Error(`GptTmpl.inf ${where}: key must not start with ';' or '[' or have surrounding spaces`);
  }
  if (section === REGISTRY_VALUES) {
    if (!/^\d+,/.test(value)) {
      throw new Error(`GptTmpl.inf ${where}: [Registry Values] value must be "<type>,<data>", e.g. "4,1"`);
    }
    return `${key}=${value}`;
  }
  if (value.trim() !== value) throw new Error(`GptTmpl.inf ${where}: value must not have surrounding spaces`);
  return value === "" ? `${key} =` : `${key} = ${value}`;
}

export function encodeGptTmpl(doc: InfDocument): Buffer {
  const lines = ["[Unicode]", "Unicode=yes", "[Version]", 'signature="$CHICAGO$"', "Revision=1"];
  for (const section of sectionOrder(Object.keys(doc.sections))) {
    if (FIXED_SECTIONS.has(section)) {
      throw new Error(`GptTmpl.inf: [${section}] is written automatically; leave it out of the document`);
    }
    if (section.length === 0 || /[[\]\r\n\0]/.test(section)) {
      throw new Error(`GptTmpl.inf: bad section name ${JSON.stringify(section)}`);
    }
    const seen = new Set<string>();
    lines.push(`[${section}]`);
    for (const [key, value] of doc.sections[section] ?? []) {
      // secedit keys are case-insensitive; a duplicate would make the winner unclear.
      const id = key.toUpperCase();
      if (seen.has(id)) throw new Error(`GptTmpl.inf [${section}]: duplicate key ${JSON.stringify(key)}`);
      seen.add(id);
      lines.push(formatLine(section, key, value));
    }
  }
  const text = `\uFEFF${lines.map((l) => `${l}\r\n`).join("")}`;
  return Buffer.from(text, "utf16le");
}

function parseLine(section: string, line: string, lineNo: number): [string, string] {
  const fail = (why: string): never => {
    throw new Error(`GptTmpl.inf line ${lineNo} in [${section}]: ${why}: ${JSON.stringify(line)}`);
  };
  if (QUOTED_NAME_SECTIONS.has(section)) {
    const m = /^"([^"]*)",(.*)$/.exec(line);
    if (!m) return fail('expected "Name",mode,"SDDL"');
    return [m[1] ?? "", m[2] ?? ""];
  }
  if (section === REGISTRY_VALUES) {
    // A registry path may itself contain '=', so split at the first '=' that is
    // followed by the "<type>," prefix rather than simply at the first '='.
    const m = /^(.*?)=(\d+,.*)$/.exec(line);
    if (!m) return fail("expected KEY=<type>,<data>");
    return [(m[1] ?? "").trim(), m[2] ?? ""];
  }
  const eq = line.indexOf("=");
  if (eq < 0) return fail("expected key = value");
  return [line.slice(0, eq).trim(), line.slice(eq + 1).trim()];
}

export function decodeGptTmpl(buf: Buffer): InfDocument {
  if (buf.length < 2 || buf[0] !== 0xff || buf[1] !== 0xfe) {
    throw new Error("GptTmpl.inf: missing UTF-16LE byte-order mark FF FE at byte offset 0");
  }
  if (buf.length % 2 !== 0) {
    throw new Error(
      `GptTmpl.inf: odd length ${buf.length}; UTF-16LE text is truncated at byte offset ${buf.length - 1}`,
    );
  }
  const text = buf.toString("utf16le", 2);
  const sections: Record<string, Array<[string, string]>> = {};
  let current: string | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith(";")) return;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      current = header[1] ?? "";
      if (!FIXED_SECTIONS.has(current)) sections[current] ??= [];
      return;
    }
    if (current === null)
      throw new Error(`GptTmpl.inf line ${lineNo}: text before the first [section]: ${JSON.stringify(line)}`);
    if (FIXED_SECTIONS.has(current)) return;
    sections[current]?.push(parseLine(current, line, lineNo));
  });
  return { sections };
}
