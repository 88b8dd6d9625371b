/**
 * Puts a generated PowerShell script together: a fixed template from
 * templates/windows/ with two marker lines, one replaced by the data table and one by
 * the shared runtime. Templates are plain .ps1 files (no template engine): the only
 * generated text in a script is the data table, and it is built by the escaping
 * helper alone.
 *
 * Output is UTF-8 with a byte-order mark and CRLF line ends: Windows PowerShell 5.1
 * reads a BOM-less script as the ANSI code page and would garble Vietnamese text.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../../model/package-root.js";

export const DATA_MARKER = "# @attt-kit:data@";
export const COMMON_MARKER = "# @attt-kit:common@";

const TEMPLATE_DIR = join(packageRoot, "templates", "windows");
/** One folder per setting kind; a kind with a runtime.ps1 adds its functions to the shared runtime. */
const KINDS_DIR = join(packageRoot, "baselines", "kinds");
const cache = new Map<string, string>();

/** A template's text with LF line ends (the repository may hold either). */
export function readTemplate(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(TEMPLATE_DIR, name), "utf8")
      .replace(/^\uFEFF/, "")
      .replace(/\r\n/g, "\n");
    cache.set(name, text);
  }
  return text;
}

/**
 * The PowerShell of every setting kind (baselines/kinds/<kind>/runtime.ps1, then the .ps1
 * files of its subfolders, such as the check kind's checks/<name>.ps1, which register
 * with what runtime.ps1 defines), kinds in name order (for byte-identical scripts only),
 * LF line ends: appended to the shared runtime. The order Apply sets the kinds in is each
 * kind's own (Register-SettingKind -Order).
 */
export function kindRuntimes(): string[] {
  return readdirSync(KINDS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(KINDS_DIR, d.name, "runtime.ps1")))
    .map((d) => d.name)
    .sort()
    .flatMap((kind) => kindFiles(join(KINDS_DIR, kind)).map(readPowerShell));
}

/** A kind folder's PowerShell files: runtime.ps1 first, then its subfolders' .ps1 files, sorted by path. */
export function kindFiles(dir: string): string[] {
  const more = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(dir, d.name))
        .filter((f) => f.endsWith(".ps1"))
        .map((f) => join(dir, d.name, f)),
    )
    .sort();
  return [join(dir, "runtime.ps1"), ...more];
}

function readPowerShell(path: string): string {
  return readFileSync(path, "utf8")
    .replace(/^\uFEFF/, "")
    .replace(/\r\n/g, "\n")
    .replace(/\n$/, "");
}

/** Replaces the one line equal to `marker` with `replacement` (no regex, no `$` patterns). */
function replaceMarkerLine(text: string, marker: string, replacement: string, template: string): string {
  const lines = text.split("\n");
  const i = lines.indexOf(marker);
  if (i < 0 || lines.indexOf(marker, i + 1) >= 0) {
    throw new Error(`template ${template} must hold the line ${JSON.stringify(marker)} exactly once`);
  }
  return [...lines.slice(0, i), replacement, ...lines.slice(i + 1)].join("\n");
}

/**
 * The script text, starting with U+FEFF and with CRLF line ends. `commonRuntime` is
 * the shared runtime put at the template's common marker (null: the template has none).
 */
export function assembleScript(
  template: string,
  dataTable: string,
  commonRuntime: string | null = "runtime-common.ps1",
): string {
  let text = readTemplate(template);
  text = replaceMarkerLine(text, DATA_MARKER, dataTable.replace(/\r\n/g, "\n"), template);
  if (commonRuntime !== null) {
    const runtime = [readTemplate(commonRuntime).replace(/\n$/, ""), ...kindRuntimes()].join("\n\n");
    text = replaceMarkerLine(text, COMMON_MARKER, runtime, template);
  }
  if (!text.endsWith("\n")) text += "\n";
  return `\uFEFF${text.replace(/\n/g, "\r\n")}`;
}

/** The one-step launcher for staff who do not use PowerShell: fixed text, the same in every bundle. */
export const LAUNCHER = "attt.cmd";

/**
 * attt.cmd as cmd.exe reads it: UTF-8 without a byte-order mark (cmd would take the
 * BOM as part of the first command; the file switches to code page 65001 on its second
 * line) and CRLF line ends (cmd misreads labels and blocks in LF files).
 */
export function launcherText(): string {
  const text = readTemplate(LAUNCHER);
  return (text.endsWith("\n") ? text : `${text}\n`).replace(/\n/g, "\r\n");
}
