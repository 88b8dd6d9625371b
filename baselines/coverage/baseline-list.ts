/**
 * The Microsoft Security Baseline's settings as listed in docs/msft-baseline/*.tsv
 * (derived from scipag/HardeningKitty's finding lists, source named in each file's
 * first line), and the identity each row is matched on: where the setting lives, never
 * its display name.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../model/package-root.js";

export interface BaselineList {
  /** File name without extension, e.g. windows-11-24h2-machine. */
  name: string;
  title: string;
  source: string;
  rows: BaselineRow[];
}

export interface BaselineRow {
  id: string;
  category: string;
  name: string;
  method: string;
  argument: string;
  registryPath: string;
  registryItem: string;
  recommended: string;
  operator: string;
}

export const BASELINE_LISTS = [
  { name: "windows-11-24h2-machine", title: "Windows 11 24H2, computer settings" },
  { name: "windows-11-24h2-user", title: "Windows 11 24H2, user settings" },
  { name: "windows-10-22h2-machine", title: "Windows 10 22H2, computer settings" },
  { name: "windows-10-22h2-user", title: "Windows 10 22H2, user settings" },
] as const;

const COLUMNS = [
  "ID",
  "Category",
  "Name",
  "Method",
  "MethodArgument",
  "RegistryPath",
  "RegistryItem",
  "RecommendedValue",
  "Operator",
];

export function loadBaselineList(name: string, title: string): BaselineList {
  const path = join(packageRoot, "docs", "msft-baseline", `${name}.tsv`);
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "");
  const comments = lines.filter((l) => l.startsWith("#"));
  const [header, ...data] = lines.filter((l) => !l.startsWith("#"));
  if (header !== COLUMNS.join("\t")) throw new Error(`${path}: header must be ${COLUMNS.join(", ")}`);
  const rows = data.map((line, i) => {
    const f = line.split("\t");
    if (f.length !== COLUMNS.length)
      throw new Error(`${path}:${i + comments.length + 2}: ${COLUMNS.length} fields expected`);
    const [id, category, rowName, method, argument, registryPath, registryItem, recommended, operator] =
      f as [string, string, string, string, string, string, string, string, string];
    return {
      id,
      category,
      name: rowName,
      method,
      argument,
      registryPath,
      registryItem,
      recommended,
      operator,
    };
  });
  const source = (comments[0] ?? "").replace(/^#\s*/, "");
  return { name, title, source, rows };
}

/** Account policies HardeningKitty reads with `net accounts`, by their secedit key. */
const ACCOUNT_POLICY: Record<string, string> = {
  "Account lockout duration": "LockoutDuration",
  "Account lockout threshold": "LockoutBadCount",
  "Reset account lockout counter": "ResetLockoutCount",
  "Length of password history maintained": "PasswordHistorySize",
  "Minimum password length": "MinimumPasswordLength",
  "Maximum password age": "MaximumPasswordAge",
  "Minimum password age": "MinimumPasswordAge",
};

const ASR_RULES =
  "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Windows Defender Exploit Guard\\ASR\\Rules";

/**
 * Where a row's setting lives, upper-cased: `HKLM\<key>\<value>` or `HKCU\...` for
 * registry values (`HKLM\<key>\=<data>` for a list entry), `SECEDIT:<key>`,
 * `AUDIT:<guid>`, `RIGHT:<privilege>`, `SERVICE:<name>`, `TASK:<name>`. An ASR rule
 * checked through Get-MpPreference is the same setting as its policy value.
 */
export function rowIdentity(row: BaselineRow): string {
  const hive = (p: string) => p.replace(/^HKLM:\\/i, "HKLM\\").replace(/^HKCU:\\/i, "HKCU\\");
  let id: string;
  switch (row.method) {
    case "Registry":
      id = `${hive(row.registryPath)}\\${row.registryItem}`;
      break;
    case "RegistryList":
      id = `${hive(row.registryPath)}\\=${row.registryItem.replace(/[{}]/g, "")}`;
      break;
    case "secedit":
      id = `SECEDIT:${row.argument.replace(/^System Access\\/, "")}`;
      break;
    case "accountpolicy": {
      const key = ACCOUNT_POLICY[row.name];
      if (!key) throw new Error(`baseline row ${row.id}: unknown account policy ${JSON.stringify(row.name)}`);
      id = `SECEDIT:${key}`;
      break;
    }
    case "auditpol":
      id = `AUDIT:${row.argument}`;
      break;
    case "accesschk":
      id = `RIGHT:${row.argument}`;
      break;
    case "MpPreferenceAsr":
      id = `${ASR_RULES}\\${row.argument}`;
      break;
    case "service":
      id = `SERVICE:${row.argument}`;
      break;
    case "ScheduledTask":
      id = `TASK:${row.argument}`;
      break;
    default:
      throw new Error(`baseline row ${row.id}: unknown method ${JSON.stringify(row.method)}`);
  }
  return id.toUpperCase();
}
