/**
 * Where things run in a Swarm data centre (the inventory's hosts with `swarm:`).
 *
 * A named volume lives on one host's disks, so whatever mounts one runs on the host that
 * holds it: a stateful service is pinned there by a placement constraint, and the jobs
 * that read its volumes (dump, backup) are plain containers created on that host through
 * its own Docker provider. Stateless services are replicated, one task per host that
 * carries their zone's label, so a host failing leaves the others serving while Swarm
 * reschedules. The zone firewall and node-exporter run on every host (global services).
 */
import type { Datacentre } from "../model/inventory.js";

type DockerHost = Datacentre["hosts"][number];

import { StackInputError } from "./errors.js";
import type { INFRA_VOLUMES } from "./volumes.js";

export interface SwarmHost {
  id: string;
  host: DockerHost;
  role: "manager" | "worker";
  zones: string[];
}

export interface SwarmPlan {
  hosts: SwarmHost[];
  /** The host Terraform talks to for swarm-wide resources (networks, services, secrets): the first manager. */
  manager: SwarmHost;
  /** The host holding a stateful service's volumes (inventory service or infrastructure ID). */
  holderOf: (service: string) => string | undefined;
  /** The hosts whose zone label lets a stateless service of `zone` run there. */
  hostsOfZone: (zone: string) => SwarmHost[];
}

/** Infrastructure volumes, by the stateful service that writes them; the others exist on every host. */
export const INFRA_VOLUME_HOLDER: Partial<Record<keyof typeof INFRA_VOLUMES, string>> = {
  repository: "attt-backup-server",
  prometheusData: "attt-prometheus",
  alertmanagerData: "attt-prometheus",
  logQueue: "attt-log-relay",
};

/** Node labels a host must carry (set by stacks/swarm-nodes.sh): its ID and one per zone. */
export const NODE_LABEL = {
  host: "attt.host",
  zone: (zone: string) => `attt.zone.${zone}`,
} as const;

/** undefined for a data centre on one host (no host says `swarm:`). */
export function planSwarm(dc: Datacentre): SwarmPlan | undefined {
  if (!dc.hosts.some((h) => h.swarm)) return undefined;
  const hosts: SwarmHost[] = dc.hosts.map((h) => {
    if (!h.swarm) throw new Error(`host ${h.id} has no swarm part (the inventory's checks require one)`);
    return { id: h.id, host: h, role: h.swarm.role, zones: [...h.swarm.zones].sort() };
  });
  const manager = hosts.find((h) => h.role === "manager");
  if (!manager)
    throw new StackInputError([
      { path: "datacentre.hosts", message: "a swarm needs a manager (role: manager)" },
    ]);
  const holder = new Map<string, string>();
  for (const h of dc.hosts) for (const s of h.swarm?.holds ?? []) holder.set(s, h.id);
  return {
    hosts,
    manager,
    holderOf: (service) => holder.get(service),
    hostsOfZone: (zone) => hosts.filter((h) => h.zones.includes(zone)),
  };
}
