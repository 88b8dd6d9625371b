/**
 * Which host, or which Swarm scheduling, each workload of a swarm data centre gets, from
 * the volumes it mounts (a volume lives on one host) and its zone:
 *   - a long-running workload mounting a held volume: a service pinned to that host;
 *   - the zone firewall and node-exporter: a global service, one task on every host;
 *   - any other long-running workload: replicated over the hosts labelled with its zone;
 *   - a job or one-shot init: a container on the host holding its volumes (the first
 *     manager when it mounts only volumes every host has).
 */
import type { HardenedContainerProps } from "./constructs/hardened-container.js";
import type { DatacentrePlan } from "./datacentre-plan.js";
import { StackInputError } from "./errors.js";
import { INFRA_VOLUME_HOLDER, NODE_LABEL, type SwarmPlan } from "./swarm-plan.js";
import { type INFRA_VOLUMES, planVolumes, volumeOf } from "./volumes.js";

export type WorkloadPlacement =
  | { kind: "host"; host: string }
  | {
      kind: "service";
      mode: { global: true } | { replicas: number };
      constraints: string[];
      spreadOver?: string;
    };

/** Roles that run on every host. */
const GLOBAL_ROLES: ReadonlySet<string> = new Set(["zone-firewall", "node-exporter"]);

/** Volume name -> the host that holds it; volumes absent from the map exist on every host. */
export function volumeHosts(plan: DatacentrePlan, swarm: SwarmPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of planVolumes(plan)) {
    const holder = v.service ? swarm.holderOf(v.service) : undefined;
    if (holder) out.set(v.name, holder);
  }
  for (const [key, service] of Object.entries(INFRA_VOLUME_HOLDER)) {
    const holder = service ? swarm.holderOf(service) : undefined;
    if (holder) out.set(volumeOf(plan, key as keyof typeof INFRA_VOLUMES), holder);
  }
  return out;
}

export function placeWorkload(
  swarm: SwarmPlan,
  hostOfVolume: Map<string, string>,
  props: HardenedContainerProps,
): WorkloadPlacement {
  const held = [
    ...new Set(
      (props.mounts ?? []).flatMap((m) => (m.kind === "volume" ? [hostOfVolume.get(m.source)] : [])),
    ),
  ].filter((h): h is string => h !== undefined);
  if (held.length > 1)
    throw new StackInputError([
      {
        path: "datacentre.hosts",
        message: `${props.name} mounts volumes held by ${held.sort().join(" and ")}; hold its services on one host`,
      },
    ]);
  const [host] = held;
  if (props.lifecycle !== "service") return { kind: "host", host: props.onHost ?? host ?? swarm.manager.id };
  if (GLOBAL_ROLES.has(props.role)) return { kind: "service", mode: { global: true }, constraints: [] };
  if (host)
    return {
      kind: "service",
      mode: { replicas: 1 },
      constraints: [`node.labels.${NODE_LABEL.host}==${host}`],
    };
  const zone = props.zones[0];
  const hosts = zone ? swarm.hostsOfZone(zone) : swarm.hosts;
  return {
    kind: "service",
    mode: { replicas: Math.max(1, hosts.length) },
    constraints: zone ? [`node.labels.${NODE_LABEL.zone(zone)}==true`] : [],
    spreadOver: `node.labels.${NODE_LABEL.host}`,
  };
}
