/**
 * The demo province's data centre on a real swarm of three Docker engines on this machine
 * (test/helpers/swarm-engines.ts: each dockerd in its own network namespace, with its own
 * address, data root and socket; the machine's own dockerd only lends its images). The
 * demo's datacentre.yaml with three swarm hosts (test/helpers/swarm-demo.ts: one manager
 * holding the sector database and the backup repository, two workers holding nothing; the
 * vendors' images replaced by the ones the stacks build) is synthesized and deployed with
 * `terraform apply` when ATTT_TF_PROVIDER_MIRROR names a provider mirror
 * (tf-apply-swarm.ts), else with the docker CLI stand-in (dc-apply-swarm.ts); each engine
 * runs with the daemon.json the synth emitted. Then, across hosts: the allowed flows pass
 * the zone firewall, others are dropped; a worker's engine stops: the stateless web keeps
 * serving from the other hosts (the time is measured and printed), no acknowledged
 * PostgreSQL write is lost, the backup still runs, and the container-state job reports the
 * missing replica.
 *
 * Deployed from the demo: the zone firewall, Học bạ số's web application (web-hoc-ba-so,
 * one replica per host), the sector database (postgres-csdl-nganh) with its dump, the
 * backup server and the database's backup job. Not deployed (each is tested on one host
 * by the functional, evidence-service and deploy tests; here they would add images and
 * minutes, not another cross-host path): the reverse proxy (the test's client in the DMZ
 * stands in for it), the file store, the evidence service, the monitoring stack.
 */

import { spawnSync } from "node:child_process";
import {
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
import { buildDatacentre } from "../../stacks/app.js";
import { containerStateScript } from "../../stacks/config/container-state.js";
import { stackImages } from "../../stacks/host-scripts.js";
import { synthToDir } from "../../stacks/synth.js";
import { applySwarmStack } from "../helpers/dc-apply-swarm.js";
import {
  acquireMachineLock,
  builtImages,
  docker,
  dockerOk,
  dockerUnavailableReason,
  selfSignedCert,
  waitFor,
} from "../helpers/dc-docker.js";
import { writeDatabaseOnlySecrets } from "../helpers/dc-secrets.js";
import { DEMO_SWARM_HOSTS, demoSwarmInventory } from "../helpers/swarm-demo.js";
import { ipsecUnavailableReason, SwarmEngines } from "../helpers/swarm-engines.js";
import {
  terraformApplyStack,
  terraformUnavailableReason,
  terraformWithMirror,
} from "../helpers/tf-apply-swarm.js";

const DC = "ttdl-hung-yen";
const HOSTS = DEMO_SWARM_HOSTS;
const [MANAGER, STOPPED, CLIENT_HOST] = HOSTS;
/** The demo's web application (stateless, replicated) and its database (held by the manager). */
const WEB = "web-hoc-ba-so";
const DB = "postgres-csdl-nganh";
const PG_PASSWORD = "deploy-test"; // writeDatabaseOnlySecrets
/** With a provider mirror the stacks are applied by `terraform apply`, else by the docker CLI stand-in. */
const mirror = process.env.ATTT_TF_PROVIDER_MIRROR;
const noTerraform = terraformUnavailableReason(mirror);

function missingTool(): string | null {
  for (const tool of ["nsenter", "unshare", "ip", "dockerd"])
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  return null;
}

const skipReason = dockerUnavailableReason() ?? missingTool();
if (skipReason) console.log(`swarm tests skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;
if (!skipReason)
  console.log(
    noTerraform
      ? `swarm test: stacks applied with the docker CLI stand-in, not Terraform: ${noTerraform}`
      : `swarm test: stacks applied with terraform apply (provider from ${mirror})`,
  );
/** Encrypted overlays need IPsec in the kernel: without it they are deployed plain, saying so. */
const plainReason = skipReason ? null : ipsecUnavailableReason();
if (plainReason)
  console.log(
    `swarm test: overlays deployed without encryption (the synthesized ones ask for it; test/stacks/swarm-synth.test.ts checks that): ${plainReason}`,
  );

suite("the data centre on a real swarm of three Docker engines", () => {
  let base = "";
  let out = "";
  let engines: SwarmEngines;
  let release: (() => void) | undefined;
  let plan: ReturnType<typeof buildDatacentre>["plan"];
  const timings: Record<string, number> = {};
  const name = (n: string) => `attt-${DC}-${n}`;
  const net = (zone: string) => `attt-${DC}-${zone}`;

  /** A throw-away container on one host, attached to a zone's overlay with its host entries. */
  const probe = (
    host: string,
    zone: string,
    script: string,
    extra: string[] = [],
    image = "attt/postgres:15-bookworm",
  ) =>
    engines.run(
      host,
      [
        "run",
        "--rm",
        "--network",
        net(zone),
        ...plan.hostEntriesFor(zone).flatMap((h) => ["--add-host", `${h.host}:${h.ip}`]),
        ...extra,
        "--entrypoint",
        "bash",
        image,
        "-c",
        script,
      ],
      { timeoutMs: 120_000 },
    );
  /** Ten HTTP requests in a row from the DMZ to the web, through the zone firewall: exit 0 when all answer 200. */
  const webFromDmz = () =>
    probe(
      CLIENT_HOST,
      "dmz",
      `for i in 1 2 3 4 5 6 7 8 9 10; do timeout 2 bash -c 'exec 3<>/dev/tcp/${WEB}/8080; printf "GET / HTTP/1.0\\r\\n\\r\\n" >&3; head -n 1 <&3' | grep -q ' 200 ' || exit 1; done`,
    );
  const psql = (sql: string) =>
    `PGPASSWORD=${PG_PASSWORD} psql "host=${DB} port=5432 user=postgres dbname=postgres sslmode=require connect_timeout=5" -v ON_ERROR_STOP=1 -tAc '${sql}'`;
  /** Running tasks of a service, as "<node hostname>" lines. */
  const runningOn = async (service: string) =>
    (
      await engines.runOk(MANAGER, [
        "service",
        "ps",
        name(service),
        "--filter",
        "desired-state=running",
        "--format",
        "{{.Node}} {{.CurrentState}}",
      ])
    )
      .split("\n")
      .filter((l) => / Running /.test(l))
      .map((l) => l.split(" ")[0] ?? "")
      .sort();

  /** The firewall tasks' log (each map update, with the targets it loaded): what a failed flow needs to be explained. */
  const firewallLog = async () => {
    const r = await engines.run(MANAGER, ["service", "logs", "--timestamps", "--raw", name("zone-firewall")]);
    return (r.stdout + r.stderr).split("\n").slice(-40).join("\n");
  };

  beforeAll(async () => {
    const t0 = Date.now();
    release = await acquireMachineLock("dc-swarm");
    base = mkdtempSync("/var/tmp/attt-swarm-");
    out = join(base, "out");
    const secrets = join(base, "secrets");
    writeDatabaseOnlySecrets(secrets, DC, DB);
    // The secrets of the services not deployed are written too: the stacks declare them
    // (Swarm secrets are created with their stack), no task reads them.
    for (const svc of [WEB, "reverse-proxy", "file-store-ho-so", "thu-nhan-minh-chung"])
      selfSignedCert(join(secrets, "tls", svc), svc, 101);
    mkdirSync(join(secrets, "evidence", "thu-nhan-minh-chung"), { recursive: true });
    copyFileSync(
      join(secrets, "tls", DB, "server.crt"),
      join(secrets, "evidence", "thu-nhan-minh-chung", "ca.pem"),
    );
    writeFileSync(join(secrets, "evidence", "thu-nhan-minh-chung", "service-password"), "deploy-test");
    const offline = join(base, "offline");
    mkdirSync(offline);
    chownSync(offline, 10002, 10002);
    // The engines' sockets are the hosts' endpoints: the providers of the stacks name them.
    engines = new SwarmEngines("attsw", [...HOSTS], "10.235.0", join(base, "engines"));
    const inventory = demoSwarmInventory((id) => engines.engine(id).host, offline);
    const options = { configDir: join(out, "config"), secretsDir: secrets, protectDataVolumes: false };
    synthToDir(inventory, out, options);
    plan = buildDatacentre(inventory, options).plan;

    // The stacks' images, built from Debian by `attt images build` (cached), saved once.
    const releaseImages = await acquireMachineLock("dc-images", 1_800_000);
    const archive = join(base, "images.tar");
    try {
      // The evidence service (its database, migration and service) is not deployed: its image is not carried.
      const images = stackImages(out, ["network", "storage", "data", "backup"]).filter(
        (i) => !i.startsWith("attt/evidence-service:"),
      );
      // `attt images build` takes minutes even when cached (it checks every recipe): when
      // the images test or the deploy test built them already, this test uses theirs.
      const present = await Promise.all(images.map((i) => docker(["image", "inspect", i])));
      if (present.some((r) => r.exitCode !== 0)) await builtImages();
      timings.imagesBuilt = Date.now() - t0;
      await dockerOk(["save", "-o", archive, ...images], { timeoutMs: 600_000 });
    } finally {
      releaseImages();
    }
    await engines.start(join(out, "config", "host", "daemon.json"));
    await engines.formSwarm(Object.fromEntries(HOSTS.map((h, i) => [h, i === 0 ? "manager" : "worker"])));
    timings.imagesSaved = Date.now() - t0;
    await engines.load(archive);
    rmSync(archive);
    timings.enginesAndImages = Date.now() - t0;

    // The generated node labels, from the manager.
    const labels = await execa("sh", [join(out, "swarm-nodes.sh")], {
      env: { DOCKER_HOST: engines.engine(MANAGER).host },
      reject: false,
    });
    if (labels.exitCode !== 0) throw new Error(`swarm-nodes.sh: ${labels.stderr}`);

    const target = {
      manager: engines.engine(MANAGER).host,
      hosts: new Map(engines.engines.map((e) => [e.id, e.host])),
    };
    const tf = noTerraform ? undefined : terraformWithMirror(mirror as string, base);
    const apply = (stack: string, only?: (n: string) => boolean) => {
      const options = { plainOverlays: plainReason !== null, ...(only ? { only } : {}) };
      return tf
        ? terraformApplyStack(tf, out, stack, options)
        : applySwarmStack(out, stack, target, { ...options, healthInterval: "1s" });
    };
    await apply("network");
    await apply("storage");
    await apply("data", (n) => [name(WEB), name(DB), name(`dump-${DB}`)].includes(n));
    await apply("backup", (n) => [name("backup-server"), name(`backup-job-${DB}`)].includes(n));
    const converged = await waitFor(
      async () =>
        (await runningOn("zone-firewall")).length === 3 &&
        (await runningOn(WEB)).length === 3 &&
        (await runningOn(DB)).length === 1 &&
        (await runningOn("backup-server")).length === 1,
      240_000,
      1000,
    );
    if (!converged) {
      const ps = await engines.run(MANAGER, [
        "service",
        "ps",
        "--no-trunc",
        ...["zone-firewall", WEB, DB, "backup-server"].map(name),
      ]);
      throw new Error(`the services did not converge:\n${ps.stdout}${ps.stderr}`);
    }
    timings.deployed = Date.now() - t0;
    // The firewall tasks read the targets' addresses every 2 s: the first allowed flow may
    // need a moment after the services converged, as a container needs its first health check.
    const flowing = await waitFor(
      async () => (await probe(CLIENT_HOST, "app", psql("select 1"))).exitCode === 0,
      60_000,
      1000,
    );
    if (!flowing)
      throw new Error(
        `the application zone never reached the database through the firewall; its tasks' map updates:\n${await firewallLog()}`,
      );
    timings.flowsReady = Date.now() - t0;
  }, 900_000);

  afterAll(async () => {
    if (skipReason) return;
    console.log(`swarm test timings (ms): ${JSON.stringify(timings)}`);
    if (!process.env.ATTT_KEEP_DC_TEST) {
      await engines?.teardown();
      if (base) rmSync(base, { recursive: true, force: true });
    }
    release?.();
  }, 180_000);

  it("places the stateful services on their holder and a web replica on every host", async () => {
    expect(await runningOn(DB)).toEqual([MANAGER]);
    expect(await runningOn("backup-server")).toEqual([MANAGER]);
    expect(await runningOn(WEB)).toEqual([...HOSTS]);
    expect(await runningOn("zone-firewall")).toEqual([...HOSTS]);
  });

  it("runs every task without new privileges (the engines' daemon.json from synth)", async () => {
    const id = (
      await engines.runOk(CLIENT_HOST, [
        "ps",
        "-q",
        "--filter",
        `label=com.docker.swarm.service.name=${name(WEB)}`,
      ])
    ).trim();
    const status = await engines.runOk(CLIENT_HOST, ["exec", id, "grep", "NoNewPrivs", "/proc/1/status"]);
    expect(status).toMatch(/NoNewPrivs:\s+1/);
  });

  it("lets the application zone reach its database on another host, through the zone firewall", async () => {
    const r = await probe(CLIENT_HOST, "app", psql("create table if not exists ghi (id int primary key)"));
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it("lets the DMZ reach the web's replicas on every host, through the zone firewall", async () => {
    const r = await webFromDmz();
    expect(r.exitCode, r.stderr).toBe(0);
  });

  it("drops what the inventory does not allow: another port, and the data zone without the firewall's translation", async () => {
    const svc = plan.hostEntriesFor("app").find((h) => h.host === DB)?.ip;
    expect(svc).toBeDefined();
    const other = await probe(
      CLIENT_HOST,
      "app",
      `timeout 4 bash -c '</dev/tcp/${svc}/5433' && echo OPEN || echo CLOSED`,
    );
    expect(other.stdout.trim()).toBe("CLOSED");

    // Straight at the database task's address, routed through this host's firewall leg in the app zone.
    const fw = (
      await engines.runOk(CLIENT_HOST, [
        "ps",
        "-q",
        "--filter",
        `label=com.docker.swarm.service.name=${name("zone-firewall")}`,
      ])
    ).trim();
    const legs = JSON.parse(
      await engines.runOk(CLIENT_HOST, ["inspect", "--format", "{{json .NetworkSettings.Networks}}", fw]),
    ) as Record<string, { IPAddress: string }>;
    const appLeg = legs[net("app")]?.IPAddress;
    const dbTask = (
      await probe(
        CLIENT_HOST,
        "data",
        `getent ahostsv4 tasks.${DB} | awk '{ print $1 }' | sort -u | head -n 1`,
      )
    ).stdout.trim();
    const dropped = () =>
      engines
        .runOk(CLIENT_HOST, ["exec", fw, "nft", "list", "chain", "inet", "attt_zone_firewall", "forward"])
        .then((t) => Number(/counter packets (\d+) bytes \d+ drop/.exec(t)?.[1] ?? "NaN"));
    const before = await dropped();
    const direct = await probe(
      CLIENT_HOST,
      "app",
      `ip route add ${plan.zones.get("data")?.addresses.subnet} via ${appLeg} && (timeout 4 bash -c '</dev/tcp/${dbTask}/5432' && echo OPEN || echo CLOSED)`,
      ["--cap-add", "NET_ADMIN"],
      "attt/zone-firewall:bookworm",
    );
    expect(direct.stdout.trim(), direct.stderr).toBe("CLOSED");
    expect(await dropped()).toBeGreaterThan(before);
  });

  it("stops a worker's engine: the web keeps serving from the other hosts, no acknowledged write is lost, backups run", async () => {
    // A client on the third host that writes a row every 200 ms through the firewall and
    // prints each acknowledged one, while the second host's engine stops.
    const writer = probe(
      CLIENT_HOST,
      "app",
      // psql's SQL is single-quoted: the row number is spliced in outside the quotes.
      `for i in $(seq 1 60); do ${psql("insert into ghi values (ROW)").replace("ROW", "'$i'")} >/dev/null 2>&1 && echo "ACK $i"; sleep 0.2; done`,
    );
    await new Promise((r) => setTimeout(r, 3000));
    const stoppedAt = Date.now();
    await engines.stop(STOPPED);
    timings.engineStopped = Date.now() - stoppedAt;

    // The swarm sees the node down and the web service one task short (its replicas are one per host).
    const seen = await waitFor(
      async () =>
        (
          await engines.runOk(MANAGER, ["node", "inspect", "--format", "{{.Status.State}}", STOPPED])
        ).trim() === "down",
      120_000,
      500,
    );
    expect(seen).toBe(true);
    timings.nodeDown = Date.now() - stoppedAt;
    expect(await runningOn(WEB)).toEqual([MANAGER, CLIENT_HOST]);

    // Ten answers in a row from the web, through the DMZ's firewall translation, each
    // connection from another source port (so spread over the buckets of every task).
    const serving = await waitFor(async () => (await webFromDmz()).exitCode === 0, 120_000, 500);
    expect(serving).toBe(true);
    timings.webServing = Date.now() - stoppedAt;

    const acked = (await writer).stdout
      .split("\n")
      .filter((l) => l.startsWith("ACK "))
      .map((l) => Number(l.slice(4)));
    if (acked.length <= 30)
      console.log(`few writes acknowledged; the firewall's map updates:\n${await firewallLog()}`);
    expect(acked.length).toBeGreaterThan(30);
    const stored = await probe(CLIENT_HOST, "app", psql("select id from ghi order by id"));
    expect(stored.exitCode, stored.stderr).toBe(0);
    const rows = new Set(stored.stdout.trim().split("\n").map(Number));
    expect(acked.filter((id) => !rows.has(id))).toEqual([]);

    // The backup of the database still runs on its holder: dump, then restic to the repository.
    const dump = await engines.run(MANAGER, ["start", "-a", name(`dump-${DB}`)], { timeoutMs: 180_000 });
    expect(dump.exitCode, dump.stdout + dump.stderr).toBe(0);
    const backup = await engines.run(MANAGER, ["start", "-a", name(`backup-job-${DB}`)], {
      timeoutMs: 180_000,
    });
    expect(backup.exitCode, backup.stdout + backup.stderr).toBe(0);

    // The container-state job on the manager: the web runs, one task short; the database is whole.
    const job = await execa("sh", [join(out, "config", containerStateScript(DC))], {
      env: { DOCKER_HOST: engines.engine(MANAGER).host },
      reject: false,
    });
    expect(job.exitCode, job.stderr).toBe(0);
    const metricsDir = (
      await engines.runOk(MANAGER, [
        "volume",
        "inspect",
        "--format",
        "{{.Mountpoint}}",
        `attt-${DC}.jobs-metrics`,
      ])
    ).trim();
    const prom = readFileSync(join(metricsDir, "attt-containers.prom"), "utf8");
    expect(prom).toContain(`attt_container_running{container="${name(WEB)}",service="${WEB}"} 1`);
    expect(prom).toContain(`attt_container_healthy{container="${name(WEB)}",service="${WEB}"} 0`);
    expect(prom).toContain(`attt_container_healthy{container="${name(DB)}",service="${DB}"} 1`);
    const backupProm = readFileSync(join(metricsDir, `backup-job-${DB}.prom`), "utf8");
    expect(backupProm).toMatch(/^attt_backup_last_exit_code\{[^}]*\} 0$/m);
  }, 600_000);
});
