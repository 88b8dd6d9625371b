/**
 * Office files (.docx, .xlsx) are zips whose libraries stamp the clock into them (zip
 * entry times, docProps/core.xml). Repacked here with the report's own date and the
 * toolkit's fixed zip time, so the same inputs give the same bytes.
 */
import { strFromU8, strToU8, unzipSync } from "fflate";
import { zipFiles } from "../../baselines/bundle/zip.js";

export function fixedPackage(bytes: Uint8Array, isoDate: string): Uint8Array {
  const files = new Map<string, Uint8Array>(Object.entries(unzipSync(bytes)));
  const core = files.get("docProps/core.xml");
  if (core) {
    const stamp = `${isoDate}T00:00:00Z`;
    files.set(
      "docProps/core.xml",
      strToU8(
        strFromU8(core).replace(
          /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g,
          (_, open: string, close: string) => `${open}${stamp}${close}`,
        ),
      ),
    );
  }
  return zipFiles(files);
}
