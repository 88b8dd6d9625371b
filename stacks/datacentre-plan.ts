/**
 * The data centre as the stacks build it, worked out once from the inventory: zones with
 * their networks and addresses, the endpoints other zones may reach, the flow matrix
 * resolved to concrete (source zone, endpoint, port) publications, and the volumes to
 * back up. Stacks and config generators read this plan; neither re-derives it, so the
 * firewall rules, the containers' host entries and the Terraform resources always agree.
 *
 * Everything insecure the inventory could ask for is refused here with a StackInputError.
 */
import type { Datacentre, Inventory, Service, Zone, ZoneKind } from "../model/inventory.js";
import { AddressSpaceError, planZone, type ZoneAddresses } from "./address-plan.js";
import { StackInputError, type StackProblem } from "./errors.js";
import { bridgeName, containerName, dumpVolumeName, networkName, volumeName } from "./naming.js";
import type { StackOptions } from "./options.js";
import { planSwarm, type SwarmPlan } from "./swarm-plan.js";

/** Zone kinds that must never have a route out nor publish a port (REFERENCE.md 1; issue 5). */
export const CLOSED_ZONE_KINDS: ReadonlySet<ZoneKind> = new Set(["data", "management", "backup"]);
/** Zone kinds whose services may be published on the Docker host. */
const PUBLISHING_ZONE_KINDS: ReadonlySet<ZoneKind> = new Set(["edge", "dmz"]);

export type Proto = "tcp" | "udp";

export interface PlannedZone {
  zone: Zone;
  network: string;
  bridge: string;
  /** Docker `internal`: no route out of the zone. */
  internal: boolean;
  addresses: ZoneAddresses;
}

/** Something another zone may be allowed to reach: an inventory service or a piece of infrastructure. */
export interface Endpoint {
  id: string;
  zone: string;
  port: number;
  proto: Proto;
  /** Container key in the zone's address plan. */
  key: string;
  container: string;
  kind: "service" | "infrastructure";
}

/** A flow the firewall leaves closed toward one endpoint: nothing deployed in its source zone uses it. */
export interface UnusedFlow {
  flow: number;
  endpoint: string;
  /** The zones whose containers do use the endpoint (none for one only people outside use). */
  usedFrom: string[];
}

/** One allowed (source zone -> endpoint, port) pair, from one flow of the matrix. */
export interface Publication {
  flow: number;
  from: string;
  endpoint: Endpoint;
  port: number;
  proto: Proto;
  reason: string;
  /** The firewall's address for this endpoint in the source zone. */
  serviceAddress: string;
}

export interface InternetRule {
  flow: number;
  zone: string;
  port: number;
  proto: Proto;
  reason: string;
  /** For inbound rules: the published service, when the flow names one. */
  service?: string;
  /** For outbound rules: the only destinations allowed (otherwise any address outside the data centre). */
  addresses?: string[];
}

export interface BackupTarget {
  service: Service;
  /** What the backup job reads: the service's data volumes, or its dump volume for a database. */
  volumes: Array<{ id: string; mount: string; volume: string }>;
  /** The service's data volumes this backup protects (IDs), directly or through a dump. */
  covers: string[];
  /** Set for a database: the backup reads the dump, which must be fresh (see DatabaseDump). */
  dump?: DatabaseDump;
}

/**
 * A database's files copied while it runs are not a backup: restic reads them one by one
 * while the server writes, so the copy may never have existed as a whole. A dump job in
 * the service's own zone writes a consistent logical dump (pg_dumpall) into a volume of
 * its own just before the backup, and the backup job reads that volume instead.
 */
export interface DatabaseDump {
  service: Service;
  /** Container key in the service's zone. */
  key: string;
  /** The dump volume (infrastructure-style name: never clashes with an inventory volume). */
  volume: string;
  /** Where the dump job writes, and where the backup job reads it. */
  mount: string;
  /** The data volumes whose content the dump holds. */
  covers: string[];
}

/** Services whose data is backed up through a dump rather than as files. */
const DUMPED_KINDS: ReadonlySet<Service["kind"]> = new Set(["postgres"]);
export const DUMP_MOUNT = "/var/lib/attt/dump";
export const dumpKey = (svc: string) => `dump:${svc}`;

/**
 * attt's collection service (kind evidence) and its database: its own database `attt` and
 * two roles on a postgres service of the data centre, made by a job beside that server
 * (from its image, as postgres) at every deploy; the schema is then migrated by the
 * database's owner role, and the service connects as a role that may only read
 * credentials and add evidence.
 */
export interface EvidenceDatabase {
  service: Service;
  database: Service;
  /** The database job's container key, in the database's zone. */
  key: string;
  /** The migration job's container key, in the service's zone. */
  migrateKey: string;
}
export const evidenceDbKey = (svc: string) => `evidence-db:${svc}`;
/** The names `attt db migrate` and `attt serve` use (README: the collection service). */
export const EVIDENCE_DB = { name: "attt", owner: "attt_owner", service: "attt_service" } as const;

/** Infrastructure endpoints; IDs carry the `attt-` prefix so they never clash with a service ID. */
export const INFRA = {
  backupServer: { id: "attt-backup-server", port: 8000 },
  prometheus: { id: "attt-prometheus", port: 9090 },
  nodeExporter: { id: "attt-node-exporter", port: 9100 },
  alertmanager: { id: "attt-alertmanager", port: 9093 },
  logRelay: { id: "attt-log-relay", port: 1514 },
} as const;

/** Containers of the backup zone besides the server, per service or once. */
export const backupKeys = {
  job: (svc: string) => `backup-job:${svc}`,
  restore: (svc: string) => `restore-job:${svc}`,
  drill: "restore-drill",
  offlineCopy: "offline-copy",
} as const;

export interface DatacentrePlan {
  dc: Datacentre;
  inventory: Inventory;
  options: StackOptions;
  zones: Map<string, PlannedZone>;
  endpoints: Map<string, Endpoint>;
  publications: Publication[];
  inbound: InternetRule[];
  outbound: InternetRule[];
  backupTargets: BackupTarget[];
  databaseDumps: DatabaseDump[];
  evidenceDatabases: EvidenceDatabase[];
  /** Flows between zones that reach no endpoint (no service listens on that port there). */
  unmatchedFlows: number[];
  /** (flow, endpoint) pairs left closed: nothing deployed in the source zone uses the endpoint. */
  unusedFlows: UnusedFlow[];
  backupZone: PlannedZone;
  monitoringZone: PlannedZone;
  /** Where things run when the data centre is a swarm of hosts; undefined on one host. */
  swarm: SwarmPlan | undefined;
  /** Owner unit and level of a service, from its information system when it names one. */
  ownerOf: (service: Service) => string;
  /** Address of a container key in its zone. */
  addressOf: (zone: string, key: string) => string;
  /** host -> address entries a container of the zone needs to reach what the matrix allows. */
  hostEntriesFor: (zone: string) => Array<{ host: string; ip: string }>;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function planDatacentre(inventory: Inventory, options: StackOptions): DatacentrePlan {
  const dc = inventory.datacentre;
  const problems: StackProblem[] = [];
  const zoneById = new Map(dc.zones.map((z) => [z.id, z]));
  const zoneIndex = new Map(dc.zones.map((z, i) => [z.id, i]));
  const services = [...dc.services].sort(byId);

  checkZones(dc, problems);
  checkServices(dc, zoneById, problems);

  const backupZone = dc.zones.find((z) => z.kind === "backup");
  const monitoringZone =
    dc.zones.find((z) => z.kind === "monitoring") ?? dc.zones.find((z) => z.kind === "management");
  if (!backupZone || !monitoringZone) {
    // The model's own checks require both; keep the type system honest.
    throw new StackInputError([
      { path: "datacentre.zones", message: "needs a backup zone and a monitoring (or management) zone" },
    ]);
  }

  const databaseDumps: DatabaseDump[] = [];
  const backupTargets: BackupTarget[] = services.flatMap((service): BackupTarget[] => {
    const data = service.volumes.filter((v) => v.data).sort(byId);
    if (data.length === 0) return [];
    const covers = data.map((v) => v.id);
    if (!DUMPED_KINDS.has(service.kind))
      return [
        {
          service,
          covers,
          volumes: data.map((v) => ({
            id: v.id,
            mount: v.mount,
            volume: volumeName(dc.id, service.id, v.id),
          })),
        },
      ];
    const dump: DatabaseDump = {
      service,
      key: dumpKey(service.id),
      volume: dumpVolumeName(dc.id, service.id),
      mount: DUMP_MOUNT,
      covers,
    };
    databaseDumps.push(dump);
    return [{ service, covers, dump, volumes: [{ id: "dump", mount: dump.mount, volume: dump.volume }] }];
  });

  // Container keys per zone, in a stable order: services first, then their dump jobs, then
  // infrastructure (appending keeps every earlier address where it was).
  const keysByZone = new Map<string, string[]>(dc.zones.map((z) => [z.id, []]));
  for (const svc of services) keysByZone.get(svc.zone)?.push(`svc:${svc.id}`);
  for (const d of databaseDumps) keysByZone.get(d.service.zone)?.push(d.key);
  const evidenceDatabases: EvidenceDatabase[] = services.flatMap((service) => {
    const database = services.find((d) => d.id === service.database && d.kind === "postgres");
    return service.kind === "evidence" && database
      ? [{ service, database, key: evidenceDbKey(service.id), migrateKey: `evidence-migrate:${service.id}` }]
      : [];
  });
  for (const e of evidenceDatabases) {
    keysByZone.get(e.database.zone)?.push(e.key);
    keysByZone.get(e.service.zone)?.push(e.migrateKey);
  }
  keysByZone
    .get(backupZone.id)
    ?.push(
      INFRA.backupServer.id,
      ...backupTargets.flatMap((t) => [backupKeys.job(t.service.id), backupKeys.restore(t.service.id)]),
      backupKeys.drill,
      backupKeys.offlineCopy,
    );
  keysByZone
    .get(monitoringZone.id)
    // Alertmanager takes the address cAdvisor had: every other address stays where it was.
    ?.push(INFRA.prometheus.id, INFRA.nodeExporter.id, INFRA.alertmanager.id, INFRA.logRelay.id);

  const endpoints = new Map<string, Endpoint>();
  for (const svc of services) {
    endpoints.set(svc.id, endpoint(dc.id, svc.id, svc.zone, svc.port, "tcp", `svc:${svc.id}`, "service"));
  }
  for (const [infra, zone] of [
    [INFRA.backupServer, backupZone],
    [INFRA.prometheus, monitoringZone],
    [INFRA.logRelay, monitoringZone],
  ] as const) {
    endpoints.set(
      infra.id,
      endpoint(dc.id, infra.id, zone.id, infra.port, "tcp", infra.id, "infrastructure"),
    );
  }

  // Who uses an endpoint across zones: a service, whatever runs in a zone with services
  // (their own configuration says which); the backup server, Prometheus's scrape job; the
  // log relay and Prometheus, nothing the stacks deploy in another zone.
  const serviceZones = [...new Set(services.map((s) => s.zone))].sort();
  const usersOf = (e: Endpoint): string[] =>
    e.kind === "service" ? serviceZones : e.id === INFRA.backupServer.id ? [monitoringZone.id] : [];
  const resolved = resolveFlows(dc, zoneById, endpoints, usersOf, problems);
  // The log relay and Prometheus must reach the SOCs: the monitoring zone gets a route out
  // for exactly their ports, whatever its `internet` says (the host egress rules hold it there).
  const socEgress = socEgressRules(dc, monitoringZone.id);
  resolved.outbound.push(...socEgress);

  if (problems.length > 0) throw new StackInputError(problems);

  // Which endpoints each zone reaches decides its service addresses.
  const reachable = new Map<string, string[]>(dc.zones.map((z) => [z.id, []]));
  for (const p of resolved.pairs) {
    const list = reachable.get(p.from);
    if (list && !list.includes(p.endpoint.id)) list.push(p.endpoint.id);
  }
  const zones = new Map<string, PlannedZone>();
  for (const z of dc.zones) {
    let addresses: ZoneAddresses;
    try {
      addresses = planZone(z.subnet, keysByZone.get(z.id) ?? [], [...(reachable.get(z.id) ?? [])].sort());
    } catch (e) {
      if (!(e instanceof AddressSpaceError)) throw e;
      problems.push({
        path: `datacentre.zones[${zoneIndex.get(z.id)}].subnet`,
        message: `${e.message}; use a larger subnet`,
      });
      continue;
    }
    zones.set(z.id, {
      zone: z,
      network: networkName(dc.id, z.id),
      bridge: bridgeName(dc.id, z.id),
      // Docker drops published-port traffic into an internal network, so only zones closed
      // both ways are internal; the host egress rules close the way out of inbound-only zones.
      internal: z.internet === "none" && !socEgress.some((r) => r.zone === z.id),
      addresses,
    });
  }
  checkSubnetsDisjoint(dc, problems);
  if (problems.length > 0) throw new StackInputError(problems);

  const planned = (id: string): PlannedZone => {
    const z = zones.get(id);
    if (!z) throw new Error(`zone ${id} is not planned`);
    return z;
  };
  const publications: Publication[] = resolved.pairs.map((p) => {
    const serviceAddress = planned(p.from).addresses.serviceAddresses.get(p.endpoint.id);
    if (!serviceAddress) throw new Error(`no service address for ${p.endpoint.id} in ${p.from}`);
    return { ...p, serviceAddress };
  });

  const systems = new Map(inventory.systems.map((s) => [s.id, s]));
  return {
    dc,
    inventory,
    options,
    zones,
    endpoints,
    publications,
    inbound: resolved.inbound,
    outbound: resolved.outbound,
    backupTargets,
    databaseDumps,
    evidenceDatabases,
    unmatchedFlows: resolved.unmatched,
    unusedFlows: resolved.unused,
    backupZone: planned(backupZone.id),
    monitoringZone: planned(monitoringZone.id),
    swarm: planSwarm(dc),
    ownerOf: (service) => (service.system ? systems.get(service.system)?.owner : undefined) ?? dc.owner,
    addressOf: (zone, key) => {
      const ip = planned(zone).addresses.containers.get(key);
      if (!ip) throw new Error(`no address for ${key} in zone ${zone}`);
      return ip;
    },
    hostEntriesFor: (zone) =>
      [...planned(zone).addresses.serviceAddresses].map(([host, ip]) => ({ host, ip })),
  };
}

function endpoint(
  dc: string,
  id: string,
  zone: string,
  port: number,
  proto: Proto,
  key: string,
  kind: Endpoint["kind"],
): Endpoint {
  return { id, zone, port, proto, key, container: containerName(dc, infraContainerSuffix(id)), kind };
}

/** Container name suffix of an endpoint: `attt-backup-server` runs as `attt-<dc>-backup-server`. */
export function infraContainerSuffix(id: string): string {
  return id.startsWith("attt-") ? id.slice("attt-".length) : id;
}

function checkZones(dc: Datacentre, problems: StackProblem[]): void {
  dc.zones.forEach((z, i) => {
    if (CLOSED_ZONE_KINDS.has(z.kind) && z.internet !== "none") {
      problems.push({
        path: `datacentre.zones[${i}].internet`,
        message: `a ${z.kind} zone must have no route out and take nothing from the Internet (internet: none), found "${z.internet}"`,
      });
    }
  });
}

function checkServices(dc: Datacentre, zoneById: Map<string, Zone>, problems: StackProblem[]): void {
  dc.services.forEach((svc, i) => {
    const zone = zoneById.get(svc.zone);
    if (!zone) return; // reported by the model's reference checks
    if (svc.kind === "evidence") checkEvidenceService(dc, svc, i, zone, problems);
    else if (svc.database !== undefined)
      problems.push({
        path: `datacentre.services[${i}].database`,
        message: "only a service of kind evidence names a database",
      });
    if (svc.kind === "postgres" && zone.kind !== "data") {
      problems.push({
        path: `datacentre.services[${i}].zone`,
        message: `a postgres service belongs in a data zone, found zone "${zone.id}" (${zone.kind})`,
      });
    }
    svc.publish.forEach((port, j) => {
      if (
        !PUBLISHING_ZONE_KINDS.has(zone.kind) ||
        (zone.internet !== "inbound" && zone.internet !== "both")
      ) {
        problems.push({
          path: `datacentre.services[${i}].publish[${j}]`,
          message: `only services of an edge or DMZ zone open to inbound Internet traffic may publish ports; zone "${zone.id}" is ${zone.kind} with internet: ${zone.internet}`,
        });
      } else if (
        !dc.flows.some(
          (f) =>
            f.from === "internet" &&
            f.to === zone.id &&
            f.port === port &&
            (!f.service || f.service === svc.id),
        )
      ) {
        problems.push({
          path: `datacentre.services[${i}].publish[${j}]`,
          message: `port ${port} is published but no flow from "internet" to zone "${zone.id}" allows it; add the flow with its reason, or stop publishing`,
        });
      }
    });
  });
}

interface ResolvedFlows {
  pairs: Array<Omit<Publication, "serviceAddress">>;
  inbound: InternetRule[];
  outbound: InternetRule[];
  unmatched: number[];
  unused: UnusedFlow[];
}

/** Flow index used for rules the inventory's flows did not write (the SOC connections). */
export const SOC_FLOW = -1;

/** Where Alertmanager sends: the SOC's webhook and the province's mail relay (host, port). */
export function alertDestinations(dc: Datacentre): Array<{ what: string; host: string; port: number }> {
  const alerts = dc.monitoring.alerts;
  if (!alerts) return [];
  const url = new URL(alerts.webhook);
  const [relay = "", relayPort = "25"] = alerts.email.smarthost.split(":");
  return [
    {
      what: `alerts to the SOC's webhook ${url.host}`,
      host: url.hostname,
      port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    },
    {
      what: `alert e-mail through the mail relay ${alerts.email.smarthost}`,
      host: relay,
      port: Number(relayPort),
    },
  ];
}

function alertEgress(dc: Datacentre, zone: string): InternetRule[] {
  const addresses = dc.monitoring.alerts?.addresses;
  return alertDestinations(dc).map((d) => ({
    flow: SOC_FLOW,
    zone,
    port: d.port,
    proto: "tcp" as const,
    reason: d.what,
    ...(addresses ? { addresses: [...addresses].sort() } : {}),
  }));
}

function socEgressRules(dc: Datacentre, zone: string): InternetRule[] {
  const { provincialSoc, nationalSoc } = dc.monitoring;
  const socs = [
    { soc: provincialSoc, what: "provincial SOC (layer 2)" },
    { soc: nationalSoc, what: "national monitoring system (layer 4)" },
  ];
  // One rule per port; it names destinations only when every SOC on that port names its own.
  const ports = [...new Set(socs.map(({ soc }) => soc.port))];
  const alerts = alertEgress(dc, zone);
  return [
    ...ports.map((port) => {
      const on = socs.filter(({ soc }) => soc.port === port);
      const pinned = on.every(({ soc }) => soc.addresses !== undefined);
      return {
        flow: SOC_FLOW,
        zone,
        port,
        proto: "tcp" as const,
        reason: on
          .map(({ soc, what }) => `${soc.protocol} to the ${what} at ${soc.host}:${soc.port}`)
          .join("; "),
        ...(pinned ? { addresses: [...new Set(on.flatMap(({ soc }) => soc.addresses ?? []))].sort() } : {}),
      };
    }),
    ...alerts,
  ];
}

function resolveFlows(
  dc: Datacentre,
  zoneById: Map<string, Zone>,
  endpoints: Map<string, Endpoint>,
  usersOf: (e: Endpoint) => string[],
  problems: StackProblem[],
): ResolvedFlows {
  const out: ResolvedFlows = { pairs: [], inbound: [], outbound: [], unmatched: [], unused: [] };
  dc.flows.forEach((f, i) => {
    const path = `datacentre.flows[${i}]`;
    if (f.from === "internet") {
      const zone = zoneById.get(f.to);
      if (zone && zone.internet !== "inbound" && zone.internet !== "both") {
        problems.push({
          path: `${path}.to`,
          message: `zone "${zone.id}" takes no traffic from the Internet (internet: ${zone.internet})`,
        });
      }
      out.inbound.push({
        flow: i,
        zone: f.to,
        port: f.port,
        proto: f.proto,
        reason: f.reason,
        ...(f.service ? { service: f.service } : {}),
      });
      return;
    }
    if (f.to === "internet") {
      const zone = zoneById.get(f.from);
      if (zone && zone.internet !== "outbound" && zone.internet !== "both") {
        problems.push({
          path: `${path}.from`,
          message: `zone "${zone.id}" has no route out (internet: ${zone.internet}); it cannot be allowed to the Internet`,
        });
      }
      out.outbound.push({ flow: i, zone: f.from, port: f.port, proto: f.proto, reason: f.reason });
      return;
    }
    const targets = f.service
      ? [endpoints.get(f.service)].filter((e): e is Endpoint => e !== undefined)
      : [...endpoints.values()]
          .filter((e) => e.zone === f.to && e.port === f.port && e.proto === f.proto)
          .sort(byId);
    const source = zoneById.get(f.from);
    if (targets.length === 0) out.unmatched.push(i);
    for (const e of targets) {
      const users = usersOf(e);
      if (!users.includes(f.from)) {
        out.unused.push({ flow: i, endpoint: e.id, usedFrom: users });
        continue;
      }
      const targetZone = zoneById.get(e.zone);
      if (targetZone?.kind === "data" && e.kind === "service" && source?.kind !== "app") {
        problems.push({
          path: `${path}.from`,
          message: `services of the data zone are reachable only from an application zone; "${f.from}" is ${source?.kind ?? "unknown"}`,
        });
        continue;
      }
      out.pairs.push({ flow: i, from: f.from, endpoint: e, port: f.port, proto: f.proto, reason: f.reason });
    }
  });
  return out;
}

/** attt serve: in an application zone, reached only through the reverse proxy, with a flow to its database. */
function checkEvidenceService(dc: Datacentre, svc: Service, i: number, zone: Zone, problems: StackProblem[]) {
  const at = `datacentre.services[${i}]`;
  if (zone.kind !== "app")
    problems.push({
      path: `${at}.zone`,
      message: `the evidence service belongs in an application zone (the reverse proxy forwards to it), found zone "${zone.id}" (${zone.kind})`,
    });
  if (svc.publish.length > 0)
    problems.push({
      path: `${at}.publish`,
      message: "the evidence service publishes no port: the reverse proxy in the DMZ forwards to it",
    });
  const db = dc.services.find((d) => d.id === svc.database);
  if (db?.kind !== "postgres") {
    problems.push({
      path: `${at}.database`,
      message: `the postgres service holding the evidence database, found ${svc.database === undefined ? "nothing" : `"${svc.database}"`}`,
    });
    return;
  }
  if (
    !dc.flows.some(
      (f) =>
        f.from === svc.zone &&
        f.to === db.zone &&
        f.port === db.port &&
        (f.proto ?? "tcp") === "tcp" &&
        (!f.service || f.service === db.id),
    )
  )
    problems.push({
      path: `${at}.database`,
      message: `no flow from zone "${svc.zone}" to ${db.id} (zone "${db.zone}", port ${db.port}): add it with its reason`,
    });
}

function checkSubnetsDisjoint(dc: Datacentre, problems: StackProblem[]): void {
  const ranges = dc.zones.map((z) => {
    const [addr = "", prefix = "32"] = z.subnet.split("/");
    const base = addr.split(".").reduce((a, o) => a * 256 + Number(o), 0);
    const size = 2 ** (32 - Number(prefix));
    const start = base - (base % size);
    return { start, end: start + size - 1 };
  });
  ranges.forEach((a, i) => {
    ranges.forEach((b, j) => {
      if (j <= i) return;
      if (a.start <= b.end && b.start <= a.end) {
        problems.push({
          path: `datacentre.zones[${j}].subnet`,
          message: `overlaps the subnet of zone "${dc.zones[i]?.id}"`,
        });
      }
    });
  });
}
