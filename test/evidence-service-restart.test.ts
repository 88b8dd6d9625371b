/**
 * An acknowledged upload is never lost: 1,000 machines upload at once, the service is
 * killed (SIGKILL: no chance to finish anything) while they do, and started again. The
 * machines whose upload failed send again, as audit.sh and Test-Baseline.ps1 users would.
 * Every record the service acknowledged (201) before the kill is in the database, and
 * after the retries every machine's record is there exactly once.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticEvidence } from "../bench/synthetic-evidence.js";
import type { Evidence } from "../model/evidence.js";
import { loadInventory } from "../model/load-inventory.js";
import {
  call,
  makeCredential,
  type RunningService,
  type ServiceDatabase,
  selfSignedTls,
  serviceTestsUnavailable,
  startDatabase,
  startService,
} from "./helpers/evidence-service.js";
import { freePort, tempDir } from "./helpers/vendor-tools.js";

const unavailable = serviceTestsUnavailable();
if (unavailable) console.warn(`SKIPPED: evidence service restart test: ${unavailable}`);

const MINIMAL = join(import.meta.dirname, "fixtures/minimal/inventory.yaml");
const MACHINES = 1000;

describe.skipIf(unavailable !== undefined)(
  "1,000 concurrent uploads with a service restart in the middle",
  () => {
    const work = tempDir("svcrestart");
    const inventory = join(work, "inventory.yaml");
    // The Department's office: 1,000 machines, so that every record is one of the unit's.
    writeFileSync(
      inventory,
      readFileSync(MINIMAL, "utf8").replace(
        "{ role: office, os: windows-11, count: 10 }",
        `{ role: office, os: windows-11, count: ${MACHINES} }`,
      ),
    );
    const loaded = loadInventory(inventory);
    const records = syntheticEvidence(loaded.inventory, { failShare: 0.05 }).filter(
      (r) => r.unit === "so-gddt",
    );
    let db: ServiceDatabase;
    let svc: RunningService;
    let token: string;
    let tls: { cert: string; key: string };
    let port: number;

    beforeAll(async () => {
      expect(records).toHaveLength(MACHINES);
      db = await startDatabase();
      token = (await makeCredential(db.ownerUrl, "so-gddt", join(work, "cred"))).token;
      tls = selfSignedTls(join(work, "tls"));
      port = await freePort();
      svc = await startService({ inventory, dbUrl: db.serviceUrl, tls, port });
    });
    afterAll(async () => {
      await svc?.stop();
      db?.stop();
    });

    it("every acknowledged record is in the database, and every machine's record once retried", async () => {
      const acknowledged = new Map<string, string>(); // machineId -> stored id
      let beforeKill = 0;
      let failedAttempts = 0;
      let killed = false;
      let restarted: Promise<void> | undefined;

      const upload = async (r: Evidence): Promise<void> => {
        for (let attempt = 0; attempt < 60; attempt++) {
          try {
            const answer = await call(svc, "POST", "/api/v1/evidence", { token, body: JSON.stringify(r) });
            if (answer.status === 201) {
              acknowledged.set(r.machineId, String(answer.json().stored));
              if (!killed) beforeKill++;
              // Midway: kill the service with requests under way, and start it again.
              if (!killed && acknowledged.size >= MACHINES / 3) {
                killed = true;
                restarted = (async () => {
                  await svc.kill();
                  svc = await startService({ inventory, dbUrl: db.serviceUrl, tls, port });
                })();
              }
              return;
            }
            // The record was stored and its acknowledgement lost with the killed process.
            if (answer.status === 409 && /"replay"/.test(answer.body)) return;
            throw new Error(`refused: ${answer.status} ${answer.body}`);
          } catch (e) {
            if (e instanceof Error && e.message.startsWith("refused")) throw e;
            failedAttempts++;
            await restarted;
            await new Promise((res) => setTimeout(res, 200 + Math.random() * 300));
          }
        }
        throw new Error(`${r.machine}: never stored`);
      };

      await Promise.all(records.map(upload));
      await restarted;
      expect(killed).toBe(true);
      expect(beforeKill).toBeGreaterThanOrEqual(MACHINES / 3);
      console.log(
        `acknowledged before the kill: ${beforeKill}; failed attempts (retried): ${failedAttempts}; acknowledged in all: ${acknowledged.size}`,
      );
      // Every acknowledged record is in the database under the id the service gave.
      const rows = new Map(
        db
          .sql("SELECT machine_id || ' ' || id FROM evidence")
          .split("\n")
          .map((l) => l.split(" ") as [string, string]),
      );
      for (const [machineId, id] of acknowledged) expect(rows.get(machineId), machineId).toBe(id);
      // And after the retries every machine is there, once.
      expect(rows.size).toBe(MACHINES);
      expect(Number(db.sql("SELECT count(*) FROM evidence"))).toBe(MACHINES);
    });
  },
);
