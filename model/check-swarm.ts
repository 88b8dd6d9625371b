/**
 * The data centre's swarm, checked on the merged inventory: every host says its part or
 * none does; an odd number of managers (Raft keeps the swarm's state while a majority of
 * managers lives); every zone that runs something has a host; every stateful service
 * (one with volumes, and the infrastructure that keeps state) is held by exactly one host
 * that carries its zone, since a local volume lives on one host's disks only.
 */
import { type Datacentre, SWARM_STATEFUL_INFRA } from "./inventory.js";
import type { Origins } from "./origins.js";
import type { Problem } from "./problems.js";

/** The zone of each infrastructure service that keeps state: backup zone, monitoring (or management) zone. */
function infraZones(dc: Datacentre): Map<string, string | undefined> {
  const backup = dc.zones.find((z) => z.kind === "backup")?.id;
  const monitoring = (
    dc.zones.find((z) => z.kind === "monitoring") ?? dc.zones.find((z) => z.kind === "management")
  )?.id;
  return new Map([
    ["attt-backup-server", backup],
    ["attt-prometheus", monitoring],
    ["attt-log-relay", monitoring],
  ]);
}

export function checkSwarm(dc: Datacentre, origins: Origins, problems: Problem[]): void {
  const push = (field: PropertyKey[], expected: string, found: string) =>
    problems.push(origins.problem(dc, field, expected, found));
  const members = dc.hosts.filter((h) => h.swarm);
  if (members.length === 0) return;
  if (members.length < dc.hosts.length) {
    dc.hosts.forEach((h, i) => {
      if (!h.swarm)
        push(
          ["hosts", i],
          "swarm: { role, zones } on every host once one host has it (or on none, for a one-server data centre)",
          `host "${h.id}" without swarm`,
        );
    });
    return;
  }
  if (dc.hosts.length < 2)
    push(
      ["hosts", 0, "swarm"],
      "at least two hosts in a swarm (a one-server data centre leaves swarm out)",
      "one host",
    );
  const managers = dc.hosts.filter((h) => h.swarm?.role === "manager").length;
  if (managers % 2 === 0)
    push(
      ["hosts"],
      "an odd number of managers (1, 3 or 5): the swarm keeps working while a majority of them is up, and an even number tolerates no more failures than one fewer",
      `${managers} manager${managers === 1 ? "" : "s"}`,
    );

  // A host's own address inside a zone's subnet: the zone's tasks would take the host for one
  // of theirs, and the hosts' egress rules (which drop everything new leaving docker_gwbridge)
  // must not need a zone exemption that would open the way to the hosts.
  dc.hosts.forEach((h, i) => {
    const address = endpointAddress(h.endpoint);
    const zone = address === undefined ? undefined : dc.zones.find((z) => inSubnet(address, z.subnet));
    if (address === undefined || zone === undefined) return;
    problems.push({
      ...origins.problem(
        dc,
        ["hosts", i, "endpoint"],
        "a host address outside every zone's subnet (the zones are the containers' networks)",
        `${address}, inside zone "${zone.id}" (${zone.subnet})`,
      ),
      vi: `địa chỉ máy ${address} nằm trong dải mạng ${zone.subnet} của vùng "${zone.id}": địa chỉ các máy chủ phải nằm ngoài dải mạng của mọi vùng (dải của vùng là mạng của các container)`,
    });
  });

  const zoneIds = new Set(dc.zones.map((z) => z.id));
  const zonesOnHosts = new Set<string>();
  dc.hosts.forEach((h, i) => {
    h.swarm?.zones.forEach((z, j) => {
      if (!zoneIds.has(z))
        push(["hosts", i, "swarm", "zones", j], "the ID of a zone of the data centre", `"${z}"`);
      zonesOnHosts.add(z);
    });
  });
  const infra = infraZones(dc);
  const needed = new Set([
    ...dc.services.map((s) => s.zone),
    ...[...infra.values()].filter((z) => z !== undefined),
  ]);
  dc.zones.forEach((z, i) => {
    if (needed.has(z.id) && !zonesOnHosts.has(z.id))
      push(
        ["zones", i, "id"],
        `a host whose swarm.zones lists "${z.id}" (its services need somewhere to run)`,
        "no host",
      );
  });

  // What must be held, and in which zone it runs.
  const stateful = new Map<string, string | undefined>([
    ...dc.services.filter((s) => s.volumes.length > 0).map((s) => [s.id, s.zone] as const),
    ...infra,
  ]);
  const holder = new Map<string, string>();
  dc.hosts.forEach((h, i) => {
    h.swarm?.holds.forEach((id, j) => {
      const field = ["hosts", i, "swarm", "holds", j];
      if (!stateful.has(id)) {
        push(
          field,
          `a service with volumes (${[...stateful.keys()].sort().join(", ")})`,
          dc.services.some((s) => s.id === id) ? `"${id}", which has no volume` : `unknown service "${id}"`,
        );
        return;
      }
      const first = holder.get(id);
      if (first) {
        push(
          field,
          "each stateful service held by one host (its volumes are local to it)",
          `"${id}" also on "${first}"`,
        );
        return;
      }
      holder.set(id, h.id);
      const zone = stateful.get(id);
      if (zone && !h.swarm?.zones.includes(zone))
        push(
          field,
          `a host whose swarm.zones lists "${zone}", the zone "${id}" runs in`,
          `zones ${h.swarm?.zones.join(", ")}`,
        );
    });
  });
  const unheld = [...stateful.keys()].filter((id) => !holder.has(id)).sort();
  if (unheld.length > 0)
    push(
      ["hosts"],
      `every stateful service in the holds of one host (${SWARM_STATEFUL_INFRA.join(", ")} and the services with volumes)`,
      `not held: ${unheld.join(", ")}`,
    );
}

/** The IPv4 address an endpoint (ssh://user@A, tcp://A:port) names; undefined for a socket or a name. */
function endpointAddress(endpoint: string): string | undefined {
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return undefined;
  }
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? host : undefined;
}

const ipv4 = (a: string) => a.split(".").reduce((n, part) => n * 256 + Number(part), 0);

function inSubnet(address: string, cidr: string): boolean {
  const [net = "", bits = "32"] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(address) / size) === Math.floor(ipv4(net) / size);
}
