/**
 * An inventory's data centre spread over a swarm of `hostCount` hosts, for benchmarks and
 * tests: 3 managers from three hosts on (5 from ten; 1 below three), each zone labelled on
 * up to three consecutive hosts, each stateful service held by the first host of its zone.
 * Checked by the model's own swarm checks, so it is an inventory a user could write.
 */
import { checkSwarm } from "../model/check-swarm.js";
import { type Inventory, SWARM_STATEFUL_INFRA } from "../model/inventory.js";
import { Origins } from "../model/origins.js";
import type { Problem } from "../model/problems.js";

export function swarmInventory(inventory: Inventory, hostCount: number): Inventory {
  const dc = inventory.datacentre;
  const managers = hostCount >= 10 ? 5 : hostCount >= 3 ? 3 : 1;
  const perZone = Math.min(hostCount, 3);
  const zonesOf = (host: number) =>
    dc.zones.filter((_, zi) =>
      Array.from({ length: perZone }, (_, k) => (zi + k) % hostCount).includes(host),
    );
  const firstHostOf = (zone: string) => dc.zones.findIndex((z) => z.id === zone) % hostCount;
  const backup = dc.zones.find((z) => z.kind === "backup")?.id ?? "";
  const monitoring =
    (dc.zones.find((z) => z.kind === "monitoring") ?? dc.zones.find((z) => z.kind === "management"))?.id ??
    "";
  const stateful: Array<[string, string]> = [
    ...dc.services.filter((s) => s.volumes.length > 0).map((s) => [s.id, s.zone] as [string, string]),
    ...SWARM_STATEFUL_INFRA.map(
      (id) => [id, id === "attt-backup-server" ? backup : monitoring] as [string, string],
    ),
  ];
  const hosts = Array.from({ length: hostCount }, (_, i) => ({
    id: `dc-swarm-${String(i + 1).padStart(2, "0")}`,
    endpoint: i === 0 ? "unix:///var/run/docker.sock" : `ssh://trienkhai@10.70.99.${11 + i}`,
    os: "debian-12" as const,
    swarm: {
      role: i < managers ? ("manager" as const) : ("worker" as const),
      zones: zonesOf(i).map((z) => z.id),
      holds: stateful.filter(([, zone]) => firstHostOf(zone) === i).map(([id]) => id),
    },
  }));
  const out: Inventory = { ...inventory, datacentre: { ...dc, hosts } };
  const problems: Problem[] = [];
  checkSwarm(out.datacentre, new Origins(), problems);
  if (problems.length > 0)
    throw new Error(
      `synthetic swarm: ${problems.map((p) => `${p.path}: ${p.expected}, found ${p.found}`).join("; ")}`,
    );
  return out;
}
