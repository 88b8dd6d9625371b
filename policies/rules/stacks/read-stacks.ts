/**
 * What the stacks policies read out of synthesized Terraform JSON: containers, volumes
 * and networks across every stack, with their attt.* labels decoded. A swarm's services
 * (docker_service) are read as the containers they run (workloads), so every policy
 * holds them to the same rules.
 */
import type { StacksInput, SynthStack } from "../../inputs.js";

export interface Resource {
  stack: string;
  name: string;
  body: Record<string, unknown>;
  labels: Map<string, string>;
}

export interface Exception {
  setting: string;
  reason: string;
  /** Vietnamese wording; labels written before it existed have none (the English reason stands in). */
  reason_vi?: string;
}

function labelsOf(body: Record<string, unknown>): Map<string, string> {
  const list = (body.labels ?? []) as Array<{ label: string; value: string }>;
  return new Map(list.map((l) => [l.label, l.value]));
}

export function resources(input: Pick<StacksInput, "stacks">, type: string): Resource[] {
  const out: Resource[] = [];
  for (const [stack, json] of [...input.stacks].sort(([a], [b]) => a.localeCompare(b))) {
    const ofType = (json as SynthStack).resource?.[type] ?? {};
    for (const [name, body] of Object.entries(ofType).sort(([a], [b]) => a.localeCompare(b))) {
      out.push({ stack, name, body, labels: labelsOf(body) });
    }
  }
  return out;
}

/**
 * Every container and Swarm service, a service's task spec read into a container's
 * fields (user, read_only, capabilities, memory in MiB, mounts, networks, ports, env ...).
 */
export function workloads(
  input: Pick<StacksInput, "stacks"> & Partial<Pick<StacksInput, "configFiles">>,
): Resource[] {
  const engine = engineRefusesNewPrivileges(input.configFiles);
  return [
    ...resources(input, "docker_container"),
    ...resources(input, "docker_service").map((r) => ({ ...r, body: serviceAsContainer(r.body, engine) })),
  ];
}

/**
 * Whether the engines' settings the synth output carries (config/host/daemon.json, to be
 * installed on every host of the swarm) refuse new privileges to every container.
 */
/** Where synth writes the engines' settings (stacks/config/engine.ts). */
const ENGINE_CONFIG_FILE = "config/host/daemon.json";

function engineRefusesNewPrivileges(configFiles: ReadonlyMap<string, string> | undefined): boolean {
  const text = configFiles?.get(ENGINE_CONFIG_FILE);
  if (text === undefined) return false;
  try {
    return (JSON.parse(text) as Record<string, unknown>)["no-new-privileges"] === true;
  } catch {
    return false;
  }
}

type Json = Record<string, unknown>;

function serviceAsContainer(service: Json, engineRefusesNewPrivileges: boolean): Json {
  const task = (service.task_spec ?? {}) as Json;
  const spec = (task.container_spec ?? {}) as Json;
  const limits = ((task.resources ?? {}) as { limits?: { memory_bytes?: number } }).limits ?? {};
  const log = (task.log_driver ?? {}) as { name?: string; options?: Record<string, string> };
  const labels = new Map(
    ((service.labels ?? []) as Array<{ label: string; value: string }>).map((l) => [l.label, l.value]),
  );
  return {
    name: service.name,
    labels: service.labels,
    user: spec.user,
    read_only: spec.read_only,
    capabilities: { drop: spec.cap_drop ?? [], add: spec.cap_add ?? [] },
    // The provider's service spec has no no-new-privileges: every engine of the swarm sets
    // it for all containers (daemon.json, in the output), which the service's label records.
    security_opts:
      labels.get("attt.no-new-privileges") === "engine" && engineRefusesNewPrivileges
        ? ["no-new-privileges:true"]
        : [],
    memory: limits.memory_bytes ? limits.memory_bytes / (1024 * 1024) : undefined,
    log_driver: log.name,
    log_opts: log.options ?? {},
    restart: ((task.restart_policy ?? {}) as { condition?: string }).condition,
    healthcheck: spec.healthcheck,
    entrypoint: spec.command,
    command: spec.args,
    env: Object.entries((spec.env ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`),
    mounts: spec.mounts ?? [],
    networks_advanced: task.networks_advanced ?? [],
    ports: ((service.endpoint_spec ?? {}) as { ports?: unknown[] }).ports ?? [],
    mode: service.mode,
  };
}

/** The reasoned exceptions a construct declared (label attt.exceptions). */
export function exceptionsOf(r: Resource): Exception[] {
  try {
    return JSON.parse(r.labels.get("attt.exceptions") ?? "[]") as Exception[];
  } catch {
    return [];
  }
}

/** A readable subject: the Docker name if there is one, else the Terraform name. */
export const subjectOf = (r: Resource, kind = "container"): string =>
  `${kind} ${String(r.body.name ?? r.name)}`;

/** The zone networks of each zone kind, by Docker network name. */
export function zoneKinds(input: Pick<StacksInput, "stacks">): Map<string, string> {
  return new Map(
    resources(input, "docker_network").map((n) => [
      String(n.body.name),
      n.labels.get("attt.zone-kind") ?? "",
    ]),
  );
}

export const networksOf = (c: Resource): string[] =>
  ((c.body.networks_advanced ?? []) as Array<{ name: string }>).map((n) => n.name);

/**
 * Where in the inventory a stacks finding comes from, for reports that need a file and
 * line (SARIF code scanning refuses a result without one): the service a resource runs,
 * else the zone it belongs to, else the data centre section.
 */
export function inventoryLocation(input: StacksInput, subject: string): string {
  const dc = input.inventory.datacentre;
  const name = subject.split(" ").slice(1).join(" ");
  const resource = [
    ...workloads(input),
    ...resources(input, "docker_volume"),
    ...resources(input, "docker_network"),
  ].find((r) => String(r.body.name ?? r.name) === name);
  // Nested entries are located through the data centre section, which the loader records.
  const service = dc.services.findIndex((s) => s.id === resource?.labels.get("attt.service"));
  if (service >= 0) return input.where(dc, ["services", service]);
  const zone = dc.zones.findIndex((z) => z.id === resource?.labels.get("attt.zone"));
  if (zone >= 0) return input.where(dc, ["zones", zone]);
  return input.where(dc);
}
