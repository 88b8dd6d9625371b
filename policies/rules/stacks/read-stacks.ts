/**
 * What the stacks policies read out of synthesized Terraform JSON: containers, volumes
 * and networks across every stack, with their attt.* labels decoded.
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
  const resource = ["docker_container", "docker_volume", "docker_network"]
    .flatMap((type) => resources(input, type))
    .find((r) => String(r.body.name ?? r.name) === name);
  // Nested entries are located through the data centre section, which the loader records.
  const service = dc.services.findIndex((s) => s.id === resource?.labels.get("attt.service"));
  if (service >= 0) return input.where(dc, ["services", service]);
  const zone = dc.zones.findIndex((z) => z.id === resource?.labels.get("attt.zone"));
  if (zone >= 0) return input.where(dc, ["zones", zone]);
  return input.where(dc);
}
