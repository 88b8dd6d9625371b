// Deterministic GUIDs for GPO IDs, backup IDs and the like.
//
// Outputs must be byte-identical for identical input, so nothing may come from a
// random generator or the clock. We use RFC 4122 name-based UUIDs, version 5
// (SHA-1 over namespace bytes + name bytes), under a namespace of our own, and
// print them the way Group Policy does: upper-case, in braces.

import { createHash } from "node:crypto";

/** RFC 4122 appendix C namespace for URLs. */
const NAMESPACE_URL = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/[{}-]/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${JSON.stringify(uuid)}`);
  return Buffer.from(hex, "hex");
}

/** RFC 4122 version-5 UUID, lower-case without braces (the RFC's own text form). */
export function uuidV5(namespace: string, name: string | Uint8Array): string {
  const hash = createHash("sha1")
    .update(uuidBytes(namespace))
    .update(typeof name === "string" ? Buffer.from(name, "utf8") : name)
    .digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50; // version 5
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** attt-kit's namespace: itself a v5 UUID of a fixed URN, so anyone can re-derive it. */
export const ATTT_KIT_NAMESPACE = uuidV5(NAMESPACE_URL, "urn:attt-kit:windows-guid");

/**
 * `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` from the given parts; same parts, same
 * GUID. Parts are JSON-encoded as an array so that ("ab","c") and ("a","bc") differ.
 */
export function stableGuid(...parts: string[]): string {
  if (parts.length === 0) throw new Error("stableGuid needs at least one part");
  return `{${uuidV5(ATTT_KIT_NAMESPACE, JSON.stringify(parts)).toUpperCase()}}`;
}
