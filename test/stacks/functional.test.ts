import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Inventory } from "../../model/inventory.js";
import { buildDatacentre } from "../../stacks/app.js";
import { INFRA } from "../../stacks/datacentre-plan.js";
import { synthToDir } from "../../stacks/synth.js";
import { applyStack, waitHealthy } from "../helpers/dc-apply.js";
import {
  acquireMachineLock,
  baseImage,
  docker,
  dockerOk,
  dockerUnavailableReason,
  everyImage,
  removeLabelled,
  selfSignedCert,
  waitFor,
} from "../helpers/dc-docker.js";
import { fixtureInventory } from "../helpers/dc-inventory.js";
import { SocStandIn } from "../helpers/soc-stand-in.js";

const DC = "dc-func";
const RUN_LABEL = `attt.test-run=${DC}`;
const skipReason = dockerUnavailableReason();
if (skipReason) console.log(`functional data-centre tests skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;

const name = (n: string) => `attt-${DC}-${n}`;
const net = (zone: string) => `attt-${DC}-${zone}`;
const CLIENT_PASSWORD = "client-pw-for-tests";
const REPO_PASSWORD = "repository-pw-for-tests";
const PG_PASSWORD = "pg-pw-for-tests";
/** The monitoring zone's gateway in the fixture (10.231.50.0/24): the Docker host, where the SOC's stand-ins listen. */
const MON_GATEWAY = "10.231.50.1";

/**
 * The test waits seconds, not the minutes a province wants before it is alerted: the
 * rules' `for:` becomes 0s and Prometheus scrapes and evaluates every 5 s. Every
 * expression, label, route, grouping and inhibition is the generated one.
 */
function compressTime(prometheusDir: string): void {
  const yml = join(prometheusDir, "prometheus.yml");
  writeFileSync(
    yml,
    readFileSync(yml, "utf8").replace(/(scrape|evaluation)_interval: 30s/g, "$1_interval: 5s"),
  );
  const rules = join(prometheusDir, "rules", "attt-alerts.yml");
  writeFileSync(rules, readFileSync(rules, "utf8").replace(/^(\s+)for: .*$/gm, '$1for: "0s"'));
}

suite("the data centre on a real Docker engine", () => {
  let image = "";
  let base = "";
  let out = "";
  let secrets = "";
  let offline = "";
  let inventory: Inventory;
  let plan: ReturnType<typeof buildDatacentre>["plan"];

  /** Runs a throw-away probe container (not part of the stacks) and returns its result. */
  const probe = (args: string[], script: string, timeoutMs = 60_000) =>
    docker(["run", "--rm", "--label", RUN_LABEL, ...args, image, "sh", "-c", script], { timeoutMs });
  const hostsOf = (zone: string) =>
    plan.hostEntriesFor(zone).flatMap((h) => ["--add-host", `${h.host}:${h.ip}`]);
  const secretMount = `type=bind,source=${"SECRETS"}/backup,target=/run/secrets/attt/backup,readonly`;

  let release: (() => void) | undefined;
  const soc = new SocStandIn();
  let loopDisk: string | undefined;
  let diskDir: string | undefined;

  beforeAll(async () => {
    release = await acquireMachineLock("dc-functional");
    image = await baseImage();
    await removeLabelled(RUN_LABEL);
    base = mkdtempSync("/var/tmp/attt-dc-func-");
    out = join(base, "out");
    secrets = join(base, "secrets");
    offline = join(base, "offline");
    writeSecrets(secrets);
    mkdirSync(offline);
    chownSync(offline, 10002, 10002);
    await soc.start();
    inventory = fixtureInventory({
      offlinePath: offline,
      mutate: (dc) => {
        dc.id = DC;
        // The SOC's stand-in receivers listen on the Docker host, reached at the monitoring
        // zone's gateway (the bridge's own address).
        (dc.monitoring as Record<string, unknown>).alerts = {
          webhook: `http://${MON_GATEWAY}:${soc.webhookPort}/alerts`,
          email: {
            to: ["soc@soc.test"],
            from: `attt@${DC}.test`,
            smarthost: `${MON_GATEWAY}:${soc.smtpPort}`,
            requireTls: false,
          },
        };
      },
    });
    const options = {
      images: everyImage(image),
      configDir: join(out, "config"),
      secretsDir: secrets,
      protectDataVolumes: false,
    };
    synthToDir(inventory, out, options);
    plan = buildDatacentre(inventory, options).plan;
    // The rules as generated, for promtool's unit tests; the running Prometheus gets them compressed.
    copyFileSync(
      join(out, "config", "prometheus", "rules", "attt-alerts.yml"),
      join(base, "attt-alerts.yml"),
    );
    compressTime(join(out, "config", "prometheus"));
    const apply = (stack: string, only?: (n: string) => boolean) =>
      applyStack(out, stack, { label: RUN_LABEL, healthInterval: "1s", ...(only ? { only } : {}) });
    // Networks and the firewall; the services' volumes and the PostgreSQL service (the
    // web, proxy and file-store images are vendors' and are not built here); the whole
    // backup stack; Prometheus and node-exporter (cAdvisor runs only under the upstream
    // image) and the log relay.
    await apply("network");
    await apply("storage");
    await apply("data", (n) => [name("records-db"), name("dump-records-db")].includes(n));
    await apply("backup");
    await apply("monitoring");
    await Promise.all(
      [
        name("zone-firewall"),
        name("records-db"),
        name("backup-server"),
        name("prometheus"),
        name("node-exporter"),
        name("alertmanager"),
      ].map((n) => waitHealthy(n)),
    );
  }, 900_000);

  afterAll(async () => {
    if (skipReason) return;
    await soc.stop();
    if (loopDisk) await execa("umount", ["-R", loopDisk], { reject: false });
    if (diskDir) rmSync(diskDir, { recursive: true, force: true });
    if (!process.env.ATTT_KEEP_DC_TEST) await removeLabelled(RUN_LABEL);
    if (base && !process.env.ATTT_KEEP_DC_TEST) rmSync(base, { recursive: true, force: true });
    release?.();
  });

  describe("backup", () => {
    const volume = `attt-${DC}-files-scans`;
    const manifest = () =>
      probe(
        ["--mount", `type=volume,source=${volume},target=/v,readonly`],
        "cd /v && find . -printf '%p %y %m %U:%G %s %l\\n' | sort && find . -type f -exec sha256sum {} + | sort -k2",
      );

    it("restores every file byte-identical, with owners and modes, after the data is deleted", async () => {
      // Data as the file store would write it (uid 101), with awkward names, modes and a symlink.
      const seed = randomBytes(8).toString("hex");
      const write = await probe(
        ["--mount", `type=volume,source=${volume},target=/v`],
        [
          "set -e; cd /v",
          "mkdir -p 'hồ sơ/2026' .hidden empty-dir",
          `head -c 3000000 /dev/urandom > 'hồ sơ/2026/scan 1.pdf'`,
          `printf '%s\\n' ${seed} > 'hồ sơ/note.txt'`,
          "printf 'x' > .hidden/dot; : > empty-file",
          "ln -s 'hồ sơ/note.txt' link-to-note",
          "chmod 0600 'hồ sơ/note.txt'; chmod 0750 'hồ sơ/2026'",
          "chown -R 101:101 /v; chown -h 101:101 link-to-note",
        ].join("; "),
      );
      expect(write.exitCode, write.stderr).toBe(0);
      const before = await manifest();
      expect(before.stdout).toContain("scan 1.pdf");

      const backup = await docker(["start", "-a", name("backup-job-files")], { timeoutMs: 120_000 });
      expect(backup.exitCode, backup.stderr + backup.stdout).toBe(0);

      const wipe = await probe(
        ["--mount", `type=volume,source=${volume},target=/v`],
        "rm -rf /v/* /v/.[!.]* && ls -A /v | wc -l",
      );
      expect(wipe.stdout.trim()).toBe("0");
      expect((await manifest()).stdout).not.toEqual(before.stdout);

      const restore = await docker(["start", "-a", name("restore-job-files")], { timeoutMs: 120_000 });
      expect(restore.exitCode, restore.stderr + restore.stdout).toBe(0);
      expect((await manifest()).stdout).toEqual(before.stdout);

      // The job recorded its outcome for Prometheus.
      const metrics = await probe(
        ["--mount", `type=volume,source=attt-${DC}.jobs-metrics,target=/m,readonly`],
        "cat /m/backup-job-files.prom",
      );
      expect(metrics.stdout).toMatch(
        /^attt_backup_last_exit_code\{datacentre="dc-func",service="files"\} 0$/m,
      );
      expect(metrics.stdout).toMatch(/^attt_backup_last_success_timestamp_seconds\{[^}]*\} \d+$/m);
    });

    it("keeps backups safe from the client credential (append-only)", async () => {
      const client = [
        "--network",
        net("bak"),
        "--mount",
        secretMount.replace("SECRETS", secrets),
        "--env",
        "RESTIC_REPOSITORY_FILE=/run/secrets/attt/backup/client-repository",
        "--env",
        "RESTIC_PASSWORD_FILE=/run/secrets/attt/backup/repository-password",
      ];
      const listed = await probe(client, "restic --no-cache snapshots --json");
      expect(listed.exitCode, listed.stderr).toBe(0);
      const snapshots = JSON.parse(listed.stdout) as Array<{ id: string; short_id: string }>;
      expect(snapshots.length).toBeGreaterThan(0);
      const first = snapshots[0]!;

      // restic retries a refused request for a while before it gives up: this takes ~25 s.
      const forget = await probe(
        client,
        `restic --no-cache forget --prune ${first.id}; echo "exit=$?"; restic --no-cache snapshots --json`,
        120_000,
      );
      expect(forget.stdout).toMatch(/^exit=[1-9]/m);
      const after = JSON.parse(
        forget.stdout
          .split("\n")
          .filter((l) => l.startsWith("["))
          .pop() ?? "[]",
      ) as unknown[];
      expect(after.length).toBe(snapshots.length);

      // Straight at the REST API: deleting or overwriting an existing snapshot object is forbidden.
      const url = `http://client:${CLIENT_PASSWORD}@attt-backup-server:8000/${DC}/snapshots/${first.id}`;
      const http = await probe(
        ["--network", net("bak")],
        `curl -s -o /dev/null -w '%{http_code}\\n' -X DELETE '${url}'; curl -s -o /dev/null -w '%{http_code}\\n' -X POST --data-binary overwritten '${url}'; curl -s -o /dev/null -w '%{http_code}\\n' '${url}'`,
      );
      expect(http.stdout.trim().split("\n")).toEqual(["403", "403", "200"]);
      const check = await probe(client, "restic --no-cache check");
      expect(check.exitCode, check.stdout + check.stderr).toBe(0);
    });

    const start = (job: string) => docker(["start", "-a", name(job)], { timeoutMs: 180_000 });
    const dumpVolume = `attt-${DC}-records-db.dump`;
    /** psql from the application zone, through the firewall, over TLS; `sql` must not hold a single quote. */
    const psqlFromApp = (sql: string) =>
      probe(
        ["--network", net("app"), ...hostsOf("app")],
        `PGPASSWORD=${PG_PASSWORD} psql "host=records-db port=5432 user=postgres dbname=postgres sslmode=require" -v ON_ERROR_STOP=1 -tAc '${sql}'`,
      );

    it("backs up the database through a consistent dump that restores into a fresh server", async () => {
      const seed = randomBytes(6).toString("hex");
      const written = await psqlFromApp(
        `create table if not exists hoc_sinh (id serial primary key, ho_ten text, ghi_chu text); insert into hoc_sinh (ho_ten, ghi_chu) values ($q$Nguyễn Thị Ánh$q$, $q$${seed}$q$)`,
      );
      expect(written.exitCode, written.stderr).toBe(0);

      const dump = await start("dump-records-db");
      expect(dump.exitCode, dump.stdout + dump.stderr).toBe(0);
      const backup = await start("backup-job-records-db");
      expect(backup.exitCode, backup.stdout + backup.stderr).toBe(0);

      // Lose the dump, then bring it back with the generated restore job.
      const wipe = await probe(
        ["--mount", `type=volume,source=${dumpVolume},target=/v`],
        "rm -rf /v/* /v/.[!.]* && ls -A /v | wc -l",
      );
      expect(wipe.stdout.trim()).toBe("0");
      const restore = await start("restore-job-records-db");
      expect(restore.exitCode, restore.stdout + restore.stderr).toBe(0);

      // Load the restored dump into a brand-new server, as after losing the database.
      const loaded = await probe(
        [
          "--user",
          "999:999",
          "--mount",
          `type=volume,source=${dumpVolume},target=/v,readonly`,
          "--tmpfs",
          "/pg:rw,size=512m,uid=999,gid=999",
        ],
        [
          "set -e",
          "bin=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)",
          '"$bin/initdb" -D /pg/d -U postgres -A trust >/dev/null',
          `"$bin/pg_ctl" -D /pg/d -o "-c listen_addresses= -c unix_socket_directories=/pg" -l /pg/log -w start >/dev/null`,
          // As below, dropping and recreating the role psql runs as fails, harmlessly.
          "psql -h /pg -U postgres -q -f /v/records-db.sql postgres >/dev/null 2>/pg/errors || true",
          'psql -h /pg -U postgres -tAc "select ho_ten || chr(124) || ghi_chu from hoc_sinh order by id desc limit 1" postgres',
        ].join("; "),
        180_000,
      );
      expect(loaded.exitCode, loaded.stderr).toBe(0);
      expect(loaded.stdout.trim()).toBe(`Nguyễn Thị Ánh|${seed}`);

      // And into the running server after a table is lost, exactly as stacks/README.md says.
      expect((await psqlFromApp("drop table hoc_sinh")).exitCode).toBe(0);
      const load = await execa(
        "sh",
        [
          "-c",
          `docker run --rm --network none --mount type=volume,source=${dumpVolume},target=/dump,readonly ${image} cat /dump/records-db.sql | docker exec -i ${name("records-db")} sh -c 'PGPASSWORD=$(cat /run/secrets/attt/postgres/password) psql -h /tmp -U postgres -q postgres'`,
        ],
        { reject: false, timeout: 180_000 },
      );
      // The dump drops and recreates every role; for the one psql runs as, both statements fail, harmlessly.
      const unexpected = load.stderr
        .split("\n")
        .filter((l) => /ERROR/.test(l))
        .filter((l) => !/current user cannot be dropped|role "postgres" already exists/.test(l));
      expect(unexpected).toEqual([]);
      const back = await psqlFromApp(
        "select ho_ten || chr(124) || ghi_chu from hoc_sinh order by id desc limit 1",
      );
      expect(back.stdout.trim()).toBe(`Nguyễn Thị Ánh|${seed}`);
    });

    it("fails the backup, for Prometheus to see, when the dump before it fails", async () => {
      await dockerOk(["stop", name("records-db")]);
      try {
        const dump = await start("dump-records-db");
        expect(dump.exitCode).not.toBe(0);
        expect(dump.stderr).toMatch(/pg_dumpall of service records-db failed/);
        const backup = await start("backup-job-records-db");
        expect(backup.exitCode).not.toBe(0);
        expect(backup.stderr).toMatch(/the dump of service records-db did not complete/);
        const metrics = await probe(
          ["--mount", `type=volume,source=attt-${DC}.jobs-metrics,target=/m,readonly`],
          "cat /m/backup-job-records-db.prom",
        );
        expect(metrics.stdout).toMatch(
          /^attt_backup_last_exit_code\{datacentre="dc-func",service="records-db"\} 1$/m,
        );
      } finally {
        await dockerOk(["start", name("records-db")]);
        await waitHealthy(name("records-db"));
      }
      // Once the database is back, the next scheduled pair succeeds again.
      expect((await start("dump-records-db")).exitCode).toBe(0);
      expect((await start("backup-job-records-db")).exitCode).toBe(0);
    });

    it("runs the restore drill, and retention only server-side", async () => {
      const drill = await docker(["start", "-a", name("restore-drill")], { timeoutMs: 180_000 });
      expect(drill.exitCode, drill.stdout + drill.stderr).toBe(0);
      const retention = await docker(["start", "-a", name("retention")], { timeoutMs: 120_000 });
      expect(retention.exitCode, retention.stdout + retention.stderr).toBe(0);
      const metrics = await probe(
        ["--mount", `type=volume,source=attt-${DC}.jobs-metrics,target=/m,readonly`],
        "cat /m/restore-drill.prom /m/retention.prom",
      );
      expect(metrics.stdout).toMatch(/^attt_restore_drill_last_exit_code\{datacentre="dc-func"\} 0$/m);
      expect(metrics.stdout).toMatch(/^attt_retention_last_exit_code\{datacentre="dc-func"\} 0$/m);
    });

    it("copies offline only to an attached target, and the copy restores", async () => {
      // No marker: the target is not attached; the job refuses and records the failure.
      const refused = await docker(["start", "-a", name("offline-copy")], { timeoutMs: 120_000 });
      expect(refused.exitCode).toBe(2);
      writeFileSync(join(offline, "ATTT-OFFLINE-TARGET"), "offline target for the test\n");
      const copied = await docker(["start", "-a", name("offline-copy")], { timeoutMs: 180_000 });
      expect(copied.exitCode, copied.stdout + copied.stderr).toBe(0);
      const listed = await probe(
        [
          "--mount",
          `type=bind,source=${offline},target=/offline,readonly`,
          "--mount",
          secretMount.replace("SECRETS", secrets),
        ],
        "restic --no-cache --no-lock -r /offline/restic --password-file /run/secrets/attt/backup/repository-password snapshots --json",
      );
      expect(listed.exitCode, listed.stderr).toBe(0);
      expect((JSON.parse(listed.stdout) as unknown[]).length).toBeGreaterThan(0);
    });
  });

  describe("zone firewall", () => {
    const pg = (sslmode: string) =>
      `PGPASSWORD=${PG_PASSWORD} PGCONNECT_TIMEOUT=5 psql "host=records-db port=5432 user=postgres dbname=postgres sslmode=${sslmode}" -tAc "select ssl from pg_stat_ssl where pid = pg_backend_pid()"`;

    it("lets the application zone reach the database, over TLS only", async () => {
      const tls = await probe(["--network", net("app"), ...hostsOf("app")], pg("require"));
      expect(tls.exitCode, tls.stderr).toBe(0);
      expect(tls.stdout.trim()).toBe("t");
      const plain = await probe(["--network", net("app"), ...hostsOf("app")], pg("disable"));
      expect(plain.exitCode).not.toBe(0);
      expect(plain.stderr).toMatch(/pg_hba\.conf rejects connection|no pg_hba\.conf entry/);
    });

    it("stops the DMZ from reaching the database, whichever way it tries", async () => {
      const fwDmz = plan.zones.get("dmz")!.addresses.firewall;
      const dbIp = plan.addressOf("data", "svc:records-db");
      // No name for the database exists in the DMZ, its firewall leg answers nothing, and
      // the database's own address is not routed.
      const tries = await probe(
        ["--network", net("dmz"), ...hostsOf("dmz")],
        `getent hosts records-db || echo no-name; nc -z -w 3 ${fwDmz} 5432 && echo leg-open || echo leg-closed; nc -z -w 3 ${dbIp} 5432 && echo direct-open || echo direct-closed`,
      );
      expect(tries.stdout.trim().split("\n")).toEqual(["no-name", "leg-closed", "direct-closed"]);
    });

    it("is the generated rules that drop a routed attempt: with them replaced, it passes", async () => {
      const fwDmz = plan.zones.get("dmz")!.addresses.firewall;
      const dbIp = plan.addressOf("data", "svc:records-db");
      const dataSubnet = plan.zones.get("data")!.addresses.subnet;
      // A DMZ host that routes the data zone through the firewall (an attacker's shortcut).
      const routed = () =>
        probe(
          ["--network", net("dmz"), "--cap-add", "NET_ADMIN"],
          `ip route add ${dataSubnet} via ${fwDmz} && nc -z -w 3 ${dbIp} 5432 && echo open || echo closed`,
        );
      expect((await routed()).stdout.trim()).toBe("closed");
      const counter = await dockerOk([
        "exec",
        name("zone-firewall"),
        "nft",
        "list",
        "chain",
        "inet",
        "attt_zone_firewall",
        "forward",
      ]);
      expect(counter).toMatch(/counter packets [1-9]\d* bytes \d+ drop/);

      // Control: the same firewall with an accept-all ruleset lets it through.
      const acceptAll =
        "flush ruleset\ntable inet control {\n chain forward { type filter hook forward priority filter; policy accept; }\n chain post { type nat hook postrouting priority srcnat; policy accept; masquerade; }\n}\n";
      await dockerOk(["exec", "-i", name("zone-firewall"), "nft", "-f", "-"], { input: acceptAll });
      try {
        expect((await routed()).stdout.trim()).toBe("open");
      } finally {
        await dockerOk(["exec", name("zone-firewall"), "nft", "-f", "/etc/attt/firewall/rules.nft"]);
      }
      expect((await routed()).stdout.trim()).toBe("closed");
    });

    it("lets monitoring reach the backup server's metrics through the firewall; the application zone cannot", async () => {
      const allowed = await probe(
        ["--network", net("mon"), ...hostsOf("mon")],
        `curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://${INFRA.backupServer.id}:8000/metrics`,
      );
      expect(allowed.stdout).toBe("200");
      // Another port of the backup server is not a flow of the matrix: with a real listener
      // on it (reachable inside the backup zone), the monitoring zone still cannot reach it.
      const listener = execa(
        "docker",
        ["exec", name("backup-server"), "sh", "-c", "exec nc -lk -p 2222 -s 0.0.0.0 </dev/null >/dev/null"],
        { reject: false },
      );
      try {
        const serverIp = plan.addressOf("bak", INFRA.backupServer.id);
        const inside = await waitFor(
          async () =>
            (
              await probe(
                ["--network", net("bak")],
                `nc -z -w 2 ${serverIp} 2222 && echo open || echo closed`,
              )
            ).stdout.trim() === "open",
          20_000,
        );
        expect(inside, "the listener answers inside the backup zone").toBe(true);
        const vip = plan.hostEntriesFor("mon").find((h) => h.host === INFRA.backupServer.id)!.ip;
        const other = await probe(
          ["--network", net("mon")],
          `nc -z -w 3 ${vip} 2222 && echo open || echo closed`,
        );
        expect(other.stdout.trim()).toBe("closed");
      } finally {
        listener.kill();
        await docker(["exec", name("backup-server"), "sh", "-c", "pkill -f 'nc -lk -p 2222' || true"]);
      }
      // The application zone has no flow to the backup zone at all.
      const fwApp = plan.zones.get("app")!.addresses.firewall;
      const fromApp = await probe(
        ["--network", net("app")],
        `nc -z -w 3 ${fwApp} 8000 && echo open || echo closed`,
      );
      expect(fromApp.stdout.trim()).toBe("closed");
    });
  });

  describe("monitoring", () => {
    it("writes a configuration and rules that promtool accepts, and alerts that fire as meant", async () => {
      const config = join(out, "config", "prometheus");
      const checkConfig = await execa("promtool", ["check", "config", join(config, "prometheus.yml")], {
        reject: false,
      });
      expect(checkConfig.exitCode, String(checkConfig.stderr)).toBe(0);
      const generatedRules = join(base, "attt-alerts.yml");
      const checkRules = await execa("promtool", ["check", "rules", generatedRules], { reject: false });
      expect(checkRules.exitCode, String(checkRules.stderr)).toBe(0);
      const checkAlertmanager = await execa(
        "amtool",
        ["check-config", join(out, "config", "alertmanager", "alertmanager.yml")],
        { reject: false },
      );
      expect(checkAlertmanager.exitCode, String(checkAlertmanager.stdout + checkAlertmanager.stderr)).toBe(0);
      const tests = join(base, "alert-tests.yml");
      writeFileSync(tests, alertTests(generatedRules));
      const unit = await execa("promtool", ["test", "rules", tests], { reject: false });
      expect(unit.exitCode, `${unit.stdout}\n${unit.stderr}`).toBe(0);
    });

    it("scrapes node-exporter, the backup jobs' outcomes and the backup server through the firewall", async () => {
      const query = (q: string) =>
        probe(
          ["--network", net("mon")],
          `curl -s --max-time 5 'http://${INFRA.prometheus.id}:9090/api/v1/query' --data-urlencode 'query=${q}'`,
        );
      const value = async (q: string) => {
        const r = await query(q);
        try {
          const body = JSON.parse(r.stdout) as { data: { result: Array<{ value: [number, string] }> } };
          return body.data.result[0]?.value[1];
        } catch {
          return undefined;
        }
      };
      const scraped = await waitFor(
        async () =>
          (await value('up{job="node"}')) === "1" && (await value('up{job="backup-server"}')) === "1",
        100_000,
        2000,
      );
      expect(scraped, "node-exporter and the backup server are up in Prometheus").toBe(true);
      expect(Number(await value('node_filesystem_size_bytes{mountpoint="/"}'))).toBeGreaterThan(0);
      expect(await value('attt_backup_last_exit_code{service="files"}')).toBe("0");
    });
  });

  describe("log forwarding", () => {
    it("forwards container logs to the provincial SOC and security events toward the national one", async () => {
      for (const [soc, port] of [
        ["soc-provincial", 5140],
        ["soc-national", 5141],
      ] as const) {
        await dockerOk([
          "run",
          "-d",
          "--name",
          `${name(soc)}-receiver`,
          "--label",
          RUN_LABEL,
          "--network",
          net("mon"),
          "--network-alias",
          soc,
          image,
          "sh",
          "-c",
          `printf '%s\\n' 'module(load="imtcp")' 'input(type="imtcp" port="${port}")' 'action(type="omfile" file="/tmp/received.log")' > /tmp/r.conf && exec rsyslogd -n -iNONE -f /tmp/r.conf`,
        ]);
      }
      await waitHealthy(name("log-relay")).catch(() => undefined); // health is liveness only; logs tell more below
      const marker = `attt-container-log-${randomBytes(6).toString("hex")}`;
      // An ordinary container's stdout: Docker's json-file log, read by the relay.
      await dockerOk([
        "run",
        "--name",
        `${name("logger")}`,
        "--label",
        RUN_LABEL,
        image,
        "sh",
        "-c",
        `echo ${marker}`,
      ]);
      // A security event sent to the relay's syslog port from the data centre.
      const security = `attt-security-event-${randomBytes(6).toString("hex")}`;
      const sent = await probe(
        ["--network", net("mon")],
        `logger --tcp -n ${INFRA.logRelay.id} -P ${INFRA.logRelay.port} -p authpriv.warning ${security}`,
      );
      expect(sent.exitCode, sent.stderr).toBe(0);

      const received = (soc: string) =>
        docker(["exec", `${name(soc)}-receiver`, "cat", "/tmp/received.log"]).then((r) => r.stdout);
      const arrived = await waitFor(
        async () => {
          const p = await received("soc-provincial");
          const n = await received("soc-national");
          return p.includes(marker) && p.includes(security) && n.includes(security);
        },
        60_000,
        1000,
      );
      const relayLogs = await docker(["logs", "--tail", "20", name("log-relay")]);
      expect(arrived, `relay output:\n${relayLogs.stdout}${relayLogs.stderr}`).toBe(true);
      // The national export carries security events only, not ordinary container output.
      expect(await received("soc-national")).not.toContain(marker);
    });
  });

  // The two alerts are independent (alert names, groups, the services they touch): they
  // wait for Alertmanager side by side rather than one after the other.
  describe.concurrent("alerts", () => {
    const runContainerState = async () => {
      const r = await execa("sh", [join(out, "config", "host", `attt-${DC}-container-state`)], {
        reject: false,
      });
      expect(r.exitCode, String(r.stderr)).toBe(0);
    };

    it("routes a full disk to the SOC's webhook and mailbox through Alertmanager, once, however often it is mounted", async () => {
      // A small real disk on the host, mounted twice (a bind mount is the same file system
      // again), then filled past 90 %.
      // node-exporter runs as nobody: it sees a file system whose mount point it can reach
      // (base is root's 0700), as on a real host.
      const disks = mkdtempSync("/var/tmp/attt-dc-func-disk-");
      chmodSync(disks, 0o755);
      diskDir = disks;
      const disk = join(disks, "disk");
      const again = join(disks, "disk-again");
      mkdirSync(disk);
      mkdirSync(again);
      const image = join(disks, "disk.img");
      await execa("truncate", ["-s", "16M", image]);
      await execa("mkfs.ext4", ["-q", "-m", "0", image]);
      await execa("mount", ["-o", "loop", image, disk]);
      loopDisk = disk;
      const device = (await execa("findmnt", ["-no", "SOURCE", disk])).stdout.trim();
      expect(device).toMatch(/^\/dev\/loop\d+$/);
      await execa("mount", ["--bind", disk, again]);
      await execa("dd", ["if=/dev/zero", `of=${join(disk, "fill")}`, "bs=1M", "count=15"], { reject: false });
      try {
        const mine = (n: { groupLabels: Record<string, string> }) => n.groupLabels.device === device;
        const arrived = await waitFor(
          async () =>
            soc.notifications("AtttDiskAlmostFull").some(mine) &&
            soc.mails("AtttDiskAlmostFull").some((m) => m.includes(device)),
          180_000,
          2000,
        );
        if (!arrived) {
          const seen = await probe(
            ["--network", net("mon")],
            `curl -s 'http://${INFRA.prometheus.id}:9090/api/v1/query' --data-urlencode 'query=node_filesystem_avail_bytes{device="${device}"}'; echo; curl -s http://${INFRA.prometheus.id}:9090/api/v1/alerts; echo; curl -s http://${INFRA.alertmanager.id}:9093/api/v2/alerts`,
          );
          expect.fail(
            `no notification for ${device}: ${seen.stdout}\nwebhook: ${JSON.stringify(soc.posts)}\nmails: ${soc.mailTexts.length}`,
          );
        }
        // Long enough for a second notification, had grouping or the mounts let one through.
        await new Promise((r) => setTimeout(r, 20_000));
        const notifications = soc.notifications("AtttDiskAlmostFull").filter(mine);
        expect(notifications).toHaveLength(1);
        expect(notifications[0]?.alerts.map((a) => a.labels.device)).toEqual([device]);
        expect(notifications[0]?.alerts[0]?.labels.datacentre).toBe(DC);
        expect(soc.mails("AtttDiskAlmostFull").filter((m) => m.includes(device))).toHaveLength(1);
      } finally {
        await execa("umount", [again], { reject: false });
        await execa("umount", [disk], { reject: false });
        loopDisk = undefined;
        rmSync(disks, { recursive: true, force: true });
        diskDir = undefined;
      }
    }, 300_000);

    it("routes a stopped service to the SOC once, from the Docker engine's own state", async () => {
      await runContainerState();
      await dockerOk(["stop", name("records-db")]);
      try {
        await runContainerState();
        const forService = (n: { groupLabels: Record<string, string> }) =>
          n.groupLabels.service === "records-db";
        const arrived = await waitFor(
          async () =>
            soc.notifications("AtttServiceDown").some(forService) &&
            soc.mails("AtttServiceDown").some((m) => m.includes("records-db")),
          180_000,
          2000,
        );
        expect(arrived, `webhook: ${JSON.stringify(soc.posts)}`).toBe(true);
        await runContainerState();
        await new Promise((r) => setTimeout(r, 20_000));
        const notifications = soc.notifications("AtttServiceDown").filter(forService);
        expect(notifications).toHaveLength(1);
        expect(notifications[0]?.alerts.map((a) => a.labels.container)).toEqual([name("records-db")]);
        // Running services raise nothing: the zone firewall runs and is healthy.
        expect(
          soc.notifications("AtttServiceDown").some((n) => n.groupLabels.service === "zone-firewall"),
        ).toBe(false);
      } finally {
        await dockerOk(["start", name("records-db")]);
      }
    }, 300_000);
  });

  function writeSecrets(dir: string): void {
    const file = (path: string, content: string, uid: number, gid: number, mode: number) => {
      const full = join(dir, path);
      mkdirSync(join(full, ".."), { recursive: true });
      writeFileSync(full, content);
      chownSync(full, uid, gid);
      chmodSync(full, mode);
    };
    const sha = createHash("sha1").update(CLIENT_PASSWORD).digest("base64");
    file("backup/repository-password", REPO_PASSWORD, 0, 10100, 0o640);
    file("backup/htpasswd", `client:{SHA}${sha}\n`, 0, 10100, 0o640);
    file(
      "backup/client-repository",
      `rest:http://client:${CLIENT_PASSWORD}@${INFRA.backupServer.id}:8000/${DC}/`,
      0,
      10100,
      0o640,
    );
    file("postgres/records-db/password", PG_PASSWORD, 0, 999, 0o640);
    selfSignedCert(join(dir, "tls", "records-db"), "records-db", 999);
    for (const svc of ["portal", "records-web", "files"])
      mkdirSync(join(dir, "tls", svc), { recursive: true });
  }
});

/** promtool unit tests for the generated alert rules (failed backup, service down, target down). */
function alertTests(rulesFile: string): string {
  return `rule_files:
  - ${JSON.stringify(rulesFile)}
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'attt_backup_last_exit_code{datacentre="dc-func",service="files"}'
        values: '1x10'
      - series: 'up{job="node",instance="attt-node-exporter:9100"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: AtttBackupFailed
        exp_alerts:
          - exp_labels: { severity: critical, datacentre: dc-func, service: files }
            exp_annotations:
              summary: "The last backup of a service failed"
              summary_vi: "Lần sao lưu gần nhất của một dịch vụ bị lỗi"
      - eval_time: 5m
        alertname: AtttTargetDown
        exp_alerts:
          - exp_labels: { severity: critical, job: node, instance: "attt-node-exporter:9100" }
            exp_annotations:
              summary: "A monitored target does not answer Prometheus"
              summary_vi: "Một đối tượng giám sát không phản hồi Prometheus"
      - eval_time: 1m
        alertname: AtttTargetDown
        exp_alerts: []
`;
}
