/**
 * Verifies a unit's bundle before anyone runs it as administrator: the signature over
 * the manifest, and every file against the manifest. Missing, extra or altered files and
 * a wrong key are each reported in words a school's IT staff can act on.
 */
import type { KeyObject } from "node:crypto";
import { MANIFEST, Manifest, SIGNATURE, sha256 } from "./manifest.js";
import { verifyBytes } from "./signing.js";
import { unzipFiles, ZipError } from "./zip.js";

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  manifest?: Manifest;
}

export function verifyBundle(zip: Uint8Array, key: KeyObject): VerifyResult {
  let files: Map<string, Uint8Array>;
  try {
    files = unzipFiles(zip);
  } catch (e) {
    if (e instanceof ZipError) return { ok: false, problems: [e.message] };
    return { ok: false, problems: [`not a readable zip archive (${(e as Error).message})`] };
  }
  const manifestBytes = files.get(MANIFEST);
  const signature = files.get(SIGNATURE);
  if (!manifestBytes)
    return { ok: false, problems: [`${MANIFEST} is missing: this is not an attt-kit bundle`] };
  if (!signature)
    return { ok: false, problems: [`${SIGNATURE} is missing: the bundle is not signed (attt sign)`] };
  if (!verifyBytes(manifestBytes, Buffer.from(signature).toString("utf8"), key)) {
    return {
      ok: false,
      problems: [
        "the signature does not match: the manifest was altered, or the bundle was signed with another key",
      ],
    };
  }
  const parsed = Manifest.safeParse(JSON.parse(Buffer.from(manifestBytes).toString("utf8")));
  if (!parsed.success) return { ok: false, problems: [`${MANIFEST} is signed but malformed`] };
  const manifest = parsed.data;
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const data = files.get(entry.path);
    if (!data) problems.push(`missing file: ${entry.path}`);
    else if (data.length !== entry.size || sha256(data) !== entry.sha256)
      problems.push(`altered file: ${entry.path} (sha256 does not match the manifest)`);
  }
  for (const name of files.keys()) {
    if (name !== MANIFEST && name !== SIGNATURE && !listed.has(name))
      problems.push(`extra file not in the manifest: ${name}`);
  }
  return { ok: problems.length === 0, problems, manifest };
}
