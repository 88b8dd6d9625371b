/**
 * A small data centre for the stacks' tests, built through the model's own zod schemas
 * (so defaults apply exactly as for a YAML inventory). `overrides` lets a test break one
 * thing at a time.
 */
import { join } from "node:path";
import { Datacentre, type Inventory, Province } from "../../model/inventory.js";
import { loadInventory } from "../../model/load-inventory.js";
import { packageRoot } from "../../model/package-root.js";

export interface FixtureOptions {
  /** Host names the relay forwards to (the tests run receivers under these names). */
  provincialSoc?: { host: string; port: number };
  nationalSoc?: { host: string; port: number };
  offlinePath?: string;
  /** Applied to the raw datacentre object before parsing. */
  mutate?: (
    dc: Record<string, unknown> & {
      zones: Array<Record<string, unknown>>;
      flows: Array<Record<string, unknown>>;
      services: Array<Record<string, unknown>>;
    },
  ) => void;
}

export function fixtureInventory(options: FixtureOptions = {}): Inventory {
  const raw = {
    id: "dc-test",
    name: "Test data centre",
    owner: "so-gddt-test",
    level: 3,
    hosts: [{ id: "docker-1", endpoint: "unix:///var/run/docker.sock" }],
    zones: [
      { id: "dmz", kind: "dmz", subnet: "10.231.10.0/24", internet: "inbound" },
      { id: "app", kind: "app", subnet: "10.231.20.0/24", internet: "outbound" },
      { id: "data", kind: "data", subnet: "10.231.30.0/24" },
      { id: "mgmt", kind: "management", subnet: "10.231.40.0/24" },
      { id: "mon", kind: "monitoring", subnet: "10.231.50.0/24" },
      { id: "bak", kind: "backup", subnet: "10.231.60.0/24" },
    ],
    flows: [
      {
        from: "internet",
        to: "dmz",
        service: "portal",
        port: 443,
        reason: "Parents and teachers reach the portal over HTTPS",
      },
      {
        from: "dmz",
        to: "app",
        service: "records-web",
        port: 8080,
        reason: "The portal forwards to the records application",
      },
      {
        from: "app",
        to: "data",
        service: "records-db",
        port: 5432,
        reason: "The records application uses its database",
      },
      {
        from: "app",
        to: "data",
        service: "files",
        port: 8081,
        reason: "The records application stores scans",
      },
      { from: "mon", to: "bak", port: 8000, reason: "Prometheus scrapes the backup server's metrics" },
      { from: "app", to: "internet", port: 443, reason: "Vendor updates over HTTPS" },
    ],
    services: [
      { id: "portal", kind: "reverse-proxy", zone: "dmz", level: 3, port: 8443, publish: [443] },
      { id: "records-web", kind: "web", zone: "app", level: 3, port: 8080, system: "records" },
      {
        id: "records-db",
        kind: "postgres",
        zone: "data",
        level: 3,
        port: 5432,
        system: "records",
        volumes: [{ id: "pgdata", mount: "/var/lib/postgresql/data" }],
      },
      {
        id: "files",
        kind: "file-store",
        zone: "data",
        level: 3,
        port: 8081,
        volumes: [
          { id: "scans", mount: "/srv/files" },
          { id: "cache", mount: "/var/cache/files", data: false },
        ],
      },
    ],
    backup: {
      schedule: "0 1 * * *",
      keep: { daily: 7, weekly: 4, monthly: 12 },
      offline: { path: options.offlinePath ?? "/mnt/offline-backup", schedule: "0 3 * * 0" },
      restoreDrill: "0 8 1 * *",
    },
    monitoring: {
      provincialSoc: {
        host: options.provincialSoc?.host ?? "soc-provincial",
        port: options.provincialSoc?.port ?? 5140,
        protocol: "syslog-tcp",
      },
      nationalSoc: {
        host: options.nationalSoc?.host ?? "soc-national",
        port: options.nationalSoc?.port ?? 5141,
        protocol: "syslog-tcp",
      },
    },
  };
  options.mutate?.(raw as unknown as Parameters<NonNullable<FixtureOptions["mutate"]>>[0]);
  return {
    province: Province.parse({
      id: "test-province",
      name: "Test province",
      plans: ["HY-EDU"],
      asOf: "2026-11-20",
      department: "so-gddt-test",
    }),
    datacentre: Datacentre.parse(raw),
    units: [],
    systems: [
      {
        id: "records",
        name: "Digital school records",
        owner: "so-gddt-records",
        level: 3,
        levelApprovedOn: null,
        liveSince: null,
        lastAssessmentOn: null,
        hosting: "provincial-dc",
        service: "records-db",
        sharedData: true,
        personalData: true,
        stateSecret: false,
        reviews: [],
        protection: { socMonitored: true, nationalSocConnected: true },
      },
    ],
    staff: [],
    budgets: [],
    vendors: [],
    trainings: [],
    incidents: [],
  };
}

export const DEMO_INVENTORY = join(packageRoot, "examples", "demo-province");

/** The bundled demo province. */
export function demoInventory(): Inventory {
  return loadInventory(DEMO_INVENTORY).inventory;
}
