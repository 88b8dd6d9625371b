/**
 * What a swarm inventory may say but should not: a host holding the backup repository
 * (attt-backup-server) and a service with data volumes. Losing that host loses the data
 * and its backups together, leaving only the offline copy. Not an error: a province may
 * have only one host with room for both; `attt validate` prints it.
 */
import type { Datacentre } from "./inventory.js";

export interface BackupBesideData {
  host: string;
  services: string[];
}

export function backupBesideData(dc: Datacentre): BackupBesideData[] {
  const withData = new Set(dc.services.filter((s) => s.volumes.length > 0).map((s) => s.id));
  return dc.hosts.flatMap((h) => {
    const holds = h.swarm?.holds ?? [];
    const services = holds.filter((id) => withData.has(id)).sort();
    return holds.includes("attt-backup-server") && services.length > 0 ? [{ host: h.id, services }] : [];
  });
}
