/**
 * The demo province's data centre (examples/demo-province/datacentre.yaml) on three swarm
 * hosts, for the real-swarm test. The demo itself lists two hosts without `swarm:` (a
 * one-host data centre); this overlay changes only what a three-host deployment here
 * needs, everything else (zones, subnets, flows, services, backup, monitoring) is the demo's:
 *
 * - hosts: dc-docker-01 (manager, holds the sector database, the file store and the
 *   backup, monitoring and log-relay state), dc-docker-02 and dc-docker-03 (workers,
 *   holding nothing); every host in every zone. Their endpoints are the test's engines.
 * - images: the demo names vendors' images (the Học bạ số application from the vendor's
 *   registry, postgres:17-alpine, nginx:1.28-alpine, sftpgo) that no registry reachable
 *   here serves; each service takes the image the stacks build for its kind instead
 *   (attt/nginx for the web, proxy and file store, attt/postgres for the database), as
 *   the functional tests do. The service IDs, ports and zones stay the demo's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { Datacentre, type Inventory } from "../../model/inventory.js";
import { DEMO_INVENTORY, demoInventory } from "./dc-inventory.js";

export const DEMO_SWARM_HOSTS = ["dc-docker-01", "dc-docker-02", "dc-docker-03"] as const;
/** What the manager holds (the stateful services and the infrastructure's state). */
export const DEMO_SWARM_HOLDS = [
  "postgres-csdl-nganh",
  "file-store-ho-so",
  "attt-backup-server",
  "attt-prometheus",
  "attt-log-relay",
];

type Raw = Record<string, unknown> & {
  hosts: unknown[];
  zones: Array<{ id: string }>;
  services: Array<Record<string, unknown>>;
  backup: { offline: { path: string } };
};

export function demoSwarmInventory(endpoint: (host: string) => string, offlinePath: string): Inventory {
  const raw = (parse(readFileSync(join(DEMO_INVENTORY, "datacentre.yaml"), "utf8")) as { datacentre: Raw })
    .datacentre;
  const zones = raw.zones.map((z) => z.id);
  raw.hosts = DEMO_SWARM_HOSTS.map((id, i) => ({
    id,
    endpoint: endpoint(id),
    os: "debian-12",
    swarm: { role: i === 0 ? "manager" : "worker", zones, holds: i === 0 ? DEMO_SWARM_HOLDS : [] },
  }));
  for (const service of raw.services) delete service.image;
  raw.backup.offline.path = offlinePath;
  return { ...demoInventory(), datacentre: Datacentre.parse(raw) };
}
