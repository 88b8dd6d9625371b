/**
 * Signing an existing bundle (e.g. on an offline signing machine, away from where it was
 * generated): the files must match the manifest first; the zip is rebuilt with the same
 * deterministic layout plus the signature.
 */
import type { KeyObject } from "node:crypto";
import { MANIFEST, Manifest, SIGNATURE, sha256 } from "./manifest.js";
import { signBytes } from "./signing.js";
import { unzipFiles, ZipError, zipFiles } from "./zip.js";

export class BundleError extends Error {}

export function signZip(zip: Uint8Array, key: KeyObject, name: string): Uint8Array {
  let files: Map<string, Uint8Array>;
  try {
    files = unzipFiles(zip);
  } catch (e) {
    if (e instanceof ZipError) throw new BundleError(`${name}: ${e.message}; refusing to sign`);
    throw e;
  }
  const manifestBytes = files.get(MANIFEST);
  if (!manifestBytes) throw new BundleError(`${name}: ${MANIFEST} is missing: not an attt-kit bundle`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(manifestBytes).toString("utf8"));
  } catch {
    throw new BundleError(`${name}: ${MANIFEST} is not valid JSON`);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) throw new BundleError(`${name}: ${MANIFEST} is malformed`);
  const listed = new Set(parsed.data.files.map((f) => f.path));
  for (const f of parsed.data.files) {
    const data = files.get(f.path);
    if (!data || sha256(data) !== f.sha256)
      throw new BundleError(`${name}: ${f.path} does not match the manifest; refusing to sign`);
  }
  for (const n of files.keys()) {
    if (n !== MANIFEST && n !== SIGNATURE && !listed.has(n))
      throw new BundleError(`${name}: ${n} is not in the manifest; refusing to sign`);
  }
  files.set(SIGNATURE, Buffer.from(signBytes(manifestBytes, key), "utf8"));
  const executables = new Set(parsed.data.files.filter((f) => f.executable).map((f) => f.path));
  return zipFiles(files, executables);
}
