/**
 * The two verifiers every unit zip carries next to its README, for a school that has
 * neither Node.js nor attt-kit: Verify-Bundle.ps1 (Windows PowerShell 5.1, no module) and
 * verify-bundle.sh (bash and coreutils; the Ed25519 signature with OpenSSL 3). Both are
 * fixed text from templates/verify/ that read manifest.json as data: the same bytes in
 * every zip.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../model/package-root.js";

export const PS_VERIFIER = "Verify-Bundle.ps1";
export const SH_VERIFIER = "verify-bundle.sh";

const template = (name: string): string =>
  readFileSync(join(packageRoot, "templates", "verify", name), "utf8")
    .replace(/^\uFEFF/, "")
    .replace(/\r\n/g, "\n");

/**
 * The verifiers by file name. The PowerShell one is UTF-8 with a byte-order mark and CRLF
 * line ends: Windows PowerShell 5.1 reads a BOM-less script as the ANSI code page and would
 * garble the Vietnamese messages.
 */
export function verifierFiles(): Map<string, string> {
  return new Map([
    [PS_VERIFIER, `\uFEFF${template(PS_VERIFIER).replace(/\n/g, "\r\n")}`],
    [SH_VERIFIER, template(SH_VERIFIER)],
  ]);
}
