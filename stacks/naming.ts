/**
 * Names of everything the stacks create on the Docker host, derived from inventory IDs
 * only, so that a second synth (or a second province on the same host) never renames or
 * collides.
 */
import { createHash } from "node:crypto";

export const PREFIX = "attt";

export const networkName = (dc: string, zone: string) => `${PREFIX}-${dc}-${zone}`;
export const containerName = (dc: string, name: string) => `${PREFIX}-${dc}-${name}`;
export const volumeName = (dc: string, owner: string, volume: string) => `${PREFIX}-${dc}-${owner}-${volume}`;
/** A database's dump volume: the dot, which no inventory ID holds, keeps it apart from the service's own volumes. */
export const dumpVolumeName = (dc: string, service: string) => `${PREFIX}-${dc}-${service}.dump`;

/**
 * The Linux bridge behind a zone network. Linux limits interface names to 15 bytes,
 * too short for inventory IDs, so the name is a hash; the network's labels and the
 * generated host rules name the zone beside it.
 */
export const bridgeName = (dc: string, zone: string) =>
  `at${createHash("sha256").update(`${dc}/${zone}`).digest("hex").slice(0, 10)}`;

/** sha256 of some texts, for labels that make a container follow its configuration. */
export function contentHash(parts: ReadonlyArray<string>): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest("hex");
}
