/**
 * The stacks deploy `attt serve` (a service of kind evidence, the demo province's
 * `thu-nhan-minh-chung`): a hardened container in the application zone, reached only
 * through the reverse proxy's declared flow, with its own database and roles on the data
 * centre's PostgreSQL (a job beside the server makes them; a job from the service's image
 * migrates the schema as the owner; the service connects as the least-privileged role).
 * Each container mounts only the password it uses. Synth only: the image itself is built
 * and run by test/stacks/images.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { bundleSpecs } from "../../baselines/bundle-spec.js";
import { bundleHash } from "../../baselines/generate.js";
import { loadInventory } from "../../model/load-inventory.js";
import { buildDatacentre } from "../../stacks/app.js";
import { StackInputError } from "../../stacks/errors.js";
import { demoInventory, fixtureInventory } from "../helpers/dc-inventory.js";

interface Container {
  name: string;
  user: string;
  read_only: boolean;
  security_opts: string[];
  capabilities: { add: string[]; drop: string[] };
  memory: number;
  entrypoint?: string[];
  command?: string[];
  env?: string[];
  healthcheck?: { test: string[] };
  labels: Array<{ label: string; value: string }>;
  mounts?: Array<{ type: string; source: string; target: string; read_only: boolean }>;
  networks_advanced?: Array<{ name: string; ipv4_address: string }>;
  ports?: unknown[];
  depends_on?: string[];
  group_add?: string[];
  must_run?: boolean;
  attach?: boolean;
}

const SVC = "thu-nhan-minh-chung";
const DB = "postgres-csdl-nganh";

describe("attt serve in the data centre (demo province)", () => {
  const inventory = demoInventory();
  const built = buildDatacentre(inventory, { configDir: "/opt/attt/test/config" });
  const resources = JSON.parse(Testing.synth(built.stacks.data)).resource.docker_container as Record<
    string,
    Container
  >;
  const byName = (suffix: string) => {
    const entry = Object.entries(resources).find(([, c]) => c.name === `attt-ttdl-hung-yen-${suffix}`);
    if (!entry) throw new Error(`no container ${suffix}`);
    return { key: `docker_container.${entry[0]}`, c: entry[1] };
  };
  const service = byName(SVC);
  const migrate = byName(`evidence-migrate-${SVC}`);
  const dbJob = byName(`evidence-db-${SVC}`);
  const database = byName(DB);
  const secretsOf = (c: Container) =>
    (c.mounts ?? []).filter((m) => m.source.includes("/secrets")).map((m) => `${m.source} -> ${m.target}`);

  it("runs hardened: read-only root, no capabilities, not root, no new privileges, limits, a health check, no published port", () => {
    const c = service.c;
    expect(c.user).toBe("10200:10200");
    expect(c.read_only).toBe(true);
    expect(c.capabilities).toEqual({ add: [], drop: ["ALL"] });
    expect(c.security_opts).toContain("no-new-privileges:true");
    expect(c.memory).toBeGreaterThan(0);
    expect(c.healthcheck?.test).toEqual([
      "CMD",
      "curl",
      "-fsSk",
      "-o",
      "/dev/null",
      "https://127.0.0.1:8443/healthz",
    ]);
    expect(c.ports ?? []).toEqual([]);
    expect(c.labels.find((l) => l.label === "attt.exceptions")?.value ?? "[]").toBe("[]");
    expect(c.networks_advanced?.map((n) => n.name)).toEqual(["attt-ttdl-hung-yen-app"]);
  });

  it("connects as the service's role over verified TLS, holding only that role's password", () => {
    expect(service.c.command).toEqual([
      "serve",
      `/etc/attt/evidence/${SVC}/inventory.json`,
      "--db",
      `postgres://attt_service@${DB}:5432/attt?sslmode=verify-full`,
      "--db-password-file",
      "/run/secrets/attt/evidence/service-password",
      "--tls-cert",
      "/run/secrets/attt/tls/server.crt",
      "--tls-key",
      "/run/secrets/attt/tls/server.key",
      "--listen",
      "0.0.0.0:8443",
    ]);
    expect(service.c.env).toContain("NODE_EXTRA_CA_CERTS=/run/secrets/attt/evidence/ca.pem");
    expect(secretsOf(service.c).sort()).toEqual([
      `/etc/attt/ttdl-hung-yen/secrets/evidence/${SVC}/ca.pem -> /run/secrets/attt/evidence/ca.pem`,
      `/etc/attt/ttdl-hung-yen/secrets/evidence/${SVC}/service-password -> /run/secrets/attt/evidence/service-password`,
      `/etc/attt/ttdl-hung-yen/secrets/tls/${SVC} -> /run/secrets/attt/tls`,
    ]);
    expect(service.c.mounts?.filter((m) => m.source.includes("/secrets")).every((m) => m.read_only)).toBe(
      true,
    );
  });

  it("makes the database and roles beside the server, then migrates as the owner, before the service starts", () => {
    expect(service.c.depends_on).toEqual([migrate.key]);
    expect(migrate.c.depends_on).toEqual([dbJob.key]);
    expect(dbJob.c.depends_on).toEqual([database.key]);
    for (const job of [migrate.c, dbJob.c]) {
      expect([job.must_run, job.attach]).toEqual([false, true]); // runs once at deploy, Terraform waits
      expect(job.read_only).toBe(true);
      expect(job.capabilities.drop).toEqual(["ALL"]);
      expect(job.user).not.toMatch(/^(0|root)\b/);
    }
    expect(migrate.c.command).toEqual([
      "db",
      "migrate",
      "--db",
      `postgres://attt_owner@${DB}:5432/attt?sslmode=verify-full`,
      "--db-password-file",
      "/run/secrets/attt/evidence/owner-password",
      "--grant-to",
      "attt_service",
    ]);
    expect(secretsOf(migrate.c).map((m) => m.split(" -> ")[1])).toEqual([
      "/run/secrets/attt/evidence/owner-password",
      "/run/secrets/attt/evidence/ca.pem",
    ]);
    // The database job: in the data zone, as the server's user, from the server's image.
    expect(dbJob.c.networks_advanced?.map((n) => n.name)).toEqual(["attt-ttdl-hung-yen-data"]);
    expect(dbJob.c.user).toBe(database.c.user);
    expect(dbJob.c.group_add).toEqual(["10200"]);
    const script = built.files.find((f) => f.path === `evidence-db/${SVC}.sh`)?.content ?? "";
    expect(script).toMatch(/ALTER ROLE attt_service WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE/);
    expect(script).toContain("REVOKE ALL ON DATABASE attt FROM PUBLIC;");
    expect(script).toContain("GRANT CONNECT ON DATABASE attt TO attt_service;");
    expect(script).not.toMatch(/-v \w*password/); // passwords never on a command line
  });

  it("pg_hba admits the database job as postgres to the postgres database from its own address only", () => {
    const hba = built.files.find((f) => f.path === `postgres/${DB}/pg_hba.conf`)?.content ?? "";
    const address = dbJob.c.networks_advanced?.[0]?.ipv4_address;
    const lines = hba.split("\n").filter((l) => l.includes(`${address}/32`));
    expect(lines.map((l) => l.split(/\s+/).slice(0, 3).join(" "))).toEqual(["hostssl postgres postgres"]);
  });

  it("is reached only from the DMZ's reverse proxy on its port, through the declared flow", () => {
    const pubs = built.plan.publications.filter((p) => p.endpoint.id === SVC);
    expect(pubs.map((p) => [p.from, p.port])).toEqual([["dmz", 8443]]);
    const rules = built.files.find((f) => f.path === "firewall/rules.nft")?.content ?? "";
    expect(rules).toContain(`${pubs[0]?.serviceAddress}`);
  });

  it("gives the DMZ's reverse proxy the province's CA to verify the service, and none of its passwords", () => {
    const proxy = byName("reverse-proxy").c;
    expect(secretsOf(proxy).sort()).toEqual([
      `/etc/attt/ttdl-hung-yen/secrets/evidence/${SVC}/ca.pem -> /run/secrets/attt/evidence/${SVC}/ca.pem`,
      "/etc/attt/ttdl-hung-yen/secrets/tls/reverse-proxy -> /run/secrets/attt/tls",
    ]);
    // The web application in the application zone is no client of the service: no CA.
    expect(secretsOf(byName("web-hoc-ba-so").c).some((m) => m.includes("/evidence/"))).toBe(false);
  });

  it("serves the inventory the province's bundles were made from (same bundles, same hashes)", () => {
    const file = built.files.find((f) => f.path === `evidence/${SVC}/inventory.json`);
    const dir = mkdtempSync(join(tmpdir(), "attt-evidence-inv-"));
    try {
      writeFileSync(join(dir, "inventory.json"), file?.content ?? "");
      const served = loadInventory(join(dir, "inventory.json")).inventory;
      const hashes = (inv: typeof inventory) => bundleSpecs(inv).map((s) => [s.id, bundleHash(s)]);
      expect(hashes(served)).toEqual(hashes(inventory));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("refusing an evidence service the stacks cannot run safely", () => {
  const evidence = {
    id: "thu-nhan",
    kind: "evidence",
    zone: "app",
    level: 3,
    port: 8443,
    database: "records-db",
  };
  const refuses = (
    change: (svc: Record<string, unknown>, dc: { flows: unknown[] }) => void,
    message: RegExp,
  ) => {
    let error: unknown;
    try {
      buildDatacentre(
        fixtureInventory({
          mutate: (dc) => {
            const svc: Record<string, unknown> = { ...evidence };
            change(svc, dc);
            dc.services.push(svc);
          },
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StackInputError);
    expect((error as StackInputError).problems.map((p) => `${p.path}: ${p.message}`).join("\n")).toMatch(
      message,
    );
  };
  it("in a data zone", () =>
    refuses((s) => Object.assign(s, { zone: "data" }), /belongs in an application zone/));
  it("without a database", () =>
    refuses((s) => Object.assign(s, { database: undefined }), /postgres service holding/));
  it("publishing a port", () => refuses((s) => Object.assign(s, { publish: [8443] }), /publishes no port/));
  it("with no flow from its zone to its database", () =>
    refuses((_s, dc) => {
      dc.flows.splice(0, dc.flows.length, ...dc.flows.filter((f) => (f as { to: string }).to !== "data"));
    }, /no flow from zone "app" to records-db/));
});
