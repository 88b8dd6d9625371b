/** pg_hba.conf for each PostgreSQL service: TLS only, from the zone firewall's leg only. */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import type { DatacentrePlan } from "../datacentre-plan.js";
import { type ConfigFile, data } from "./files.js";

export function postgresConfig(plan: DatacentrePlan): ConfigFile[] {
  return plan.dc.services
    .filter((s) => s.kind === "postgres")
    .map((svc) => {
      const zone = plan.zones.get(svc.zone);
      if (!zone) throw new Error(`service ${svc.id} names an unplanned zone`);
      const sources = [
        ...new Set(plan.publications.filter((p) => p.endpoint.id === svc.id).map((p) => p.from)),
      ].sort();
      const allowed =
        sources.length > 0
          ? [
              {
                address: `${zone.addresses.firewall}/32`,
                why: `clients of zone(s) ${sources.join(", ")}, through the zone firewall`,
              },
            ]
          : [];
      return data(
        `postgres/${svc.id}/pg_hba.conf`,
        renderServiceTemplate("pg_hba.conf", { service: svc.id, allowed }),
      );
    });
}
