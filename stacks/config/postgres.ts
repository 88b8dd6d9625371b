/**
 * Per PostgreSQL service: pg_hba.conf (TLS only, from the zone firewall's leg, the
 * service's own dump job and the evidence service's database job only) and the dump job's script.
 */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import type { DatabaseDump, DatacentrePlan } from "../datacentre-plan.js";
import { PATHS } from "../runtime.js";
import { type ConfigFile, data, script } from "./files.js";

/** What the dump job leaves in its volume, read by the backup job. */
export const DUMP_FILES = {
  dump: (service: string) => `${service}.sql`,
  /** Written only when the dump completed; the backup job refuses to run without it. */
  stamp: "DUMP-COMPLETE",
} as const;

export function postgresConfig(plan: DatacentrePlan): ConfigFile[] {
  return plan.dc.services
    .filter((s) => s.kind === "postgres")
    .flatMap((svc) => {
      const zone = plan.zones.get(svc.zone);
      if (!zone) throw new Error(`service ${svc.id} names an unplanned zone`);
      const sources = [
        ...new Set(plan.publications.filter((p) => p.endpoint.id === svc.id).map((p) => p.from)),
      ].sort();
      const allowed =
        sources.length > 0
          ? [
              {
                // On a swarm the firewall's tasks get their leg addresses from Swarm: the
                // zone's subnet, where only the zone's own services and those legs live.
                address: plan.swarm ? zone.addresses.subnet : `${zone.addresses.firewall}/32`,
                why: plan.swarm
                  ? `clients of zone(s) ${sources.join(", ")}, through the zone firewall (its legs on the swarm: any address of the zone)`
                  : `clients of zone(s) ${sources.join(", ")}, through the zone firewall`,
              },
            ]
          : [];
      const dump = plan.databaseDumps.find((d) => d.service.id === svc.id);
      const evidenceJobs = plan.evidenceDatabases
        .filter((e) => e.database.id === svc.id)
        .map((e) => ({ service: e.service.id, address: `${plan.addressOf(svc.zone, e.key)}/32` }));
      return [
        data(
          `postgres/${svc.id}/pg_hba.conf`,
          renderServiceTemplate("pg_hba.conf", {
            service: svc.id,
            allowed,
            ...(dump ? { dump: `${plan.addressOf(svc.zone, dump.key)}/32` } : {}),
            evidenceJobs,
          }),
        ),
        ...(dump ? [dumpScript(plan, dump)] : []),
      ];
    });
}

/**
 * Apart from the server's own configuration, so that changing the dump job never
 * replaces the database container (a config change does, through its hash label).
 */
export const dumpScriptPath = (service: string) => `postgres-dump/${service}.sh`;

function dumpScript(plan: DatacentrePlan, dump: DatabaseDump): ConfigFile {
  const svc = dump.service;
  return script(
    dumpScriptPath(svc.id),
    renderServiceTemplate("pg-dump.sh", {
      dc: plan.dc.id,
      service: svc.id,
      dir: dump.mount,
      file: DUMP_FILES.dump(svc.id),
      stampFile: DUMP_FILES.stamp,
      passwordFile: `${PATHS.secrets}/postgres/password`,
      // Within the zone, by the service's network alias; TLS as for every other client.
      connection: `host=${svc.id} port=${svc.port} user=postgres sslmode=require connect_timeout=10`,
    }),
  );
}
