/**
 * attt's collection service (kind evidence): the inventory it serves (the units, bundles
 * and machines it expects; JSON, which the inventory loader reads as YAML) and the job
 * that makes its database and roles on the data centre's PostgreSQL.
 */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import { type DatacentrePlan, EVIDENCE_DB, type EvidenceDatabase } from "../datacentre-plan.js";
import { PATHS } from "../runtime.js";
import { type ConfigFile, data, script } from "./files.js";

/** Where secrets are mounted in the evidence containers (each gets only the file it needs). */
export const EVIDENCE_SECRETS = {
  dir: `${PATHS.secrets}/evidence`,
  ownerPassword: `${PATHS.secrets}/evidence/owner-password`,
  servicePassword: `${PATHS.secrets}/evidence/service-password`,
  /** The province's CA: verifies the database's certificate. */
  ca: `${PATHS.secrets}/evidence/ca.pem`,
} as const;

export const evidenceConfigDir = (service: string) => `evidence/${service}`;
export const evidenceInventoryPath = (service: string) => `${evidenceConfigDir(service)}/inventory.json`;
/** Apart from the server's own configuration, so that changing it never replaces the database container. */
export const evidenceDbScriptPath = (service: string) => `evidence-db/${service}.sh`;

export function evidenceConfig(plan: DatacentrePlan): ConfigFile[] {
  return plan.evidenceDatabases.flatMap((e) => [
    data(evidenceInventoryPath(e.service.id), `${JSON.stringify(plan.inventory, null, 2)}\n`),
    databaseJob(plan, e),
  ]);
}

function databaseJob(plan: DatacentrePlan, e: EvidenceDatabase): ConfigFile {
  return script(
    evidenceDbScriptPath(e.service.id),
    renderServiceTemplate("evidence-db.sh", {
      dc: plan.dc.id,
      service: e.service.id,
      database: e.database.id,
      name: EVIDENCE_DB.name,
      owner: EVIDENCE_DB.owner,
      serviceRole: EVIDENCE_DB.service,
      superuserPasswordFile: `${PATHS.secrets}/postgres/password`,
      connection: `host=${e.database.id} port=${e.database.port} user=postgres dbname=postgres sslmode=require connect_timeout=10`,
    }),
  );
}

/** The URL attt serve and attt db migrate connect with: TLS, the database's certificate verified. */
export const evidenceDbUrl = (e: EvidenceDatabase, role: string) =>
  `postgres://${role}@${e.database.id}:${e.database.port}/${EVIDENCE_DB.name}?sslmode=verify-full`;
