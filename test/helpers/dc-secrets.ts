/**
 * The operator's secrets (stacks/README.md, "Secrets") for a data centre that runs the
 * database only, as the deploy and image tests apply it: the backup credentials and the
 * database's password and certificate, each owned by the group that reads it.
 */
import { createHash } from "node:crypto";
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Inventory } from "../../model/inventory.js";
import { INFRA } from "../../stacks/datacentre-plan.js";
import { selfSignedCert } from "./dc-docker.js";
import { fixtureInventory } from "./dc-inventory.js";

export function writeDatabaseOnlySecrets(secrets: string, dc: string, db = "records-db"): void {
  for (const dir of ["backup", `postgres/${db}`, `tls/${db}`])
    mkdirSync(join(secrets, dir), { recursive: true });
  const secret = (path: string, content: string, gid: number) => {
    writeFileSync(join(secrets, path), content);
    chownSync(join(secrets, path), 0, gid);
    chmodSync(join(secrets, path), 0o640);
  };
  secret("backup/repository-password", "deploy-test", 10100);
  secret("backup/htpasswd", `client:{SHA}${createHash("sha1").update("x").digest("base64")}\n`, 10100);
  secret("backup/client-repository", `rest:http://client:x@${INFRA.backupServer.id}:8000/${dc}/`, 10100);
  secret(`postgres/${db}/password`, "deploy-test", 999);
  selfSignedCert(join(secrets, `tls/${db}`), db, 999);
}

/**
 * The fixture with its database only (the vendors' web, proxy and file-store images are
 * not built here), on its own subnets 10.<octet>.x.0/24.
 */
export function databaseOnlyInventory(dc: string, octet: number, offlinePath: string): Inventory {
  return fixtureInventory({
    offlinePath,
    mutate: (raw) => {
      raw.id = dc;
      raw.zones.forEach((z, i) => {
        z.subnet = `10.${octet}.${(i + 1) * 10}.0/24`;
      });
      raw.services = raw.services.filter((s) => s.id === "records-db");
      raw.flows = raw.flows.filter((f) => f.service === undefined || f.service === "records-db");
      raw.flows = raw.flows.filter((f) => f.from !== "internet");
    },
  });
}
