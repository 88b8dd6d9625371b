/** The zone firewall's rules and start script, and the Docker host's egress rules, from the plan. */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import { type DatacentrePlan, SOC_FLOW } from "../datacentre-plan.js";
import { type ConfigFile, data, script } from "./files.js";

export function firewallConfig(plan: DatacentrePlan): ConfigFile[] {
  const zones = [...plan.zones.values()].map((z) => ({
    id: z.zone.id,
    kind: z.zone.kind,
    subnet: z.addresses.subnet,
  }));
  const publications = plan.publications.map((p) => {
    const target = plan.zones.get(p.endpoint.zone);
    const from = plan.zones.get(p.from);
    if (!target || !from)
      throw new Error(`publication ${p.from} -> ${p.endpoint.id} names an unplanned zone`);
    return {
      flow: p.flow,
      from: p.from,
      fromSubnet: from.addresses.subnet,
      endpoint: p.endpoint.id,
      serviceAddress: p.serviceAddress,
      targetIp: plan.addressOf(p.endpoint.zone, p.endpoint.key),
      targetSubnet: target.addresses.subnet,
      // Swarm's DNS name for the running tasks of the service (its alias on the zone's overlay).
      target: `tasks.${p.endpoint.id}`,
      port: p.port,
      proto: p.proto,
      reason: p.reason,
    };
  });
  const serviceAddresses = [...plan.zones.values()].flatMap((z) =>
    [...z.addresses.serviceAddresses].map(([endpoint, address]) => ({
      zone: z.zone.id,
      endpoint,
      leg: z.addresses.firewall,
      subnet: z.addresses.subnet,
      address,
    })),
  );
  const openZones = [...plan.zones.values()]
    .filter((z) => !z.internal)
    .map((z) => ({
      id: z.zone.id,
      // A zone the inventory closes (internet: none) has a route out only for the SOC connections.
      routeOut:
        z.zone.internet === "none"
          ? "internet: none in the inventory; a route out for the SOC connections only"
          : `internet: ${z.zone.internet}`,
      bridge: z.bridge,
      allowed: plan.outbound
        .filter((o) => o.zone === z.zone.id)
        .map((o) => ({
          ...o,
          // nft keeps 128 bytes of a comment: the rule names its source, the line above says why.
          label: o.flow === SOC_FLOW ? "attt: SOC connections" : `attt: datacentre.flows[${o.flow}]`,
        })),
    }));
  const dc = plan.dc.id;
  const swarm = plan.swarm !== undefined;
  return [
    data(
      "firewall/rules.nft",
      renderServiceTemplate("firewall-rules.nft", { dc, zones, publications, swarm }),
    ),
    // On a swarm the legs and the targets have no fixed address: a start script that finds them.
    script(
      "firewall/start.sh",
      renderServiceTemplate(swarm ? "firewall-start-swarm.sh" : "firewall-start.sh", {
        dc,
        serviceAddresses,
        publications,
      }),
    ),
    data(
      "host/attt-egress.nft",
      renderServiceTemplate("host-egress.nft", { dc, zones, openZones, swarm, gwbridge: "docker_gwbridge" }),
    ),
  ];
}
