/**
 * Evidence reaches the province's database through the data centre as the stacks deploy
 * it, end to end on the real Docker engine: from the demo province's generated stacks,
 * the zone firewall, the sector PostgreSQL, the evidence service's database job, its
 * migration job and `attt serve` (the image `attt images build` makes), and the reverse
 * proxy running the nginx.conf `attt template render reverse-proxy` writes from
 * examples/vendor-values/reverse-proxy-evidence.yaml, built into an image FROM
 * attt/nginx:bookworm as stacks/README.md tells the operator to. Then, as the Department
 * and a school's machine would: a credential made by `attt credential create` against
 * that database, a record uploaded with the machine's curl over HTTPS to the proxy's
 * published port, the row read back from PostgreSQL and by `attt check --evidence
 * postgres://` (same verdict as the same record read from a directory), and a zone the
 * flows do not let in refused by the zone firewall.
 */
import { spawnSync } from "node:child_process";
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
import { syntheticEvidence } from "../../bench/synthetic-evidence.js";
import type { Inventory } from "../../model/inventory.js";
import { buildDatacentre } from "../../stacks/app.js";
import { synthToDir } from "../../stacks/synth.js";
import { runCli } from "../helpers/cli.js";
import { applyStack, waitHealthy } from "../helpers/dc-apply.js";
import {
  acquireMachineLock,
  baseImage,
  builtImages,
  docker,
  dockerOk,
  dockerUnavailableReason,
  removeLabelled,
} from "../helpers/dc-docker.js";
import { demoInventory } from "../helpers/dc-inventory.js";
import { selfSignedCert } from "../helpers/evidence-service.js";

const DC = "ttdl-hung-yen";
const LABEL = "attt.test-run=evidence-through-proxy";
const SVC = "thu-nhan-minh-chung";
const DB = "postgres-csdl-nganh";
const PROXY = "reverse-proxy";
/** The public name in the values file: the certificate the machines trust names it. */
const PUBLIC_NAME = "attt.hungyen.edu.vn";
const VALUES = "examples/vendor-values/reverse-proxy-evidence.yaml";
const SERVICE_PASSWORD = "service-pw-for-tests";
const OWNER_PASSWORD = "owner-pw-for-tests";
const name = (n: string) => `attt-${DC}-${n}`;

const reason = dockerUnavailableReason();
if (reason) console.log(`evidence through the reverse proxy skipped: ${reason}`);
const suite = reason ? describe.skip : describe;

suite("a machine's evidence through the stacks' reverse proxy into PostgreSQL (demo province)", () => {
  let base = "";
  let probeImage = "";
  let plan: ReturnType<typeof buildDatacentre>["plan"];
  let inventory: Inventory;
  let release: (() => void) | undefined;
  const images = new Map<string, string>();
  const started = Date.now();
  /**
   * Built FROM attt/nginx:bookworm, so removed when done (and before building, after a killed
   * run): a child image left behind stops images.test.ts from removing the images it reloads.
   */
  const proxyImage = "attt-test/reverse-proxy-evidence:latest";
  const removeProxyImage = () => execa("docker", ["rmi", "-f", proxyImage], { reject: false });

  beforeAll(async () => {
    // The images test removes and reloads the built images: not while they run here.
    release = await acquireMachineLock("dc-images", 1_800_000);
    for (const [tag, id] of await builtImages()) images.set(tag, id);
    probeImage = await baseImage();
    await removeLabelled(LABEL);
    base = mkdtempSync("/var/tmp/attt-evidence-proxy-");
    const out = join(base, "out");
    const secrets = join(base, "secrets");
    writeSecrets(secrets);

    // The proxy: the rendered configuration, unchanged, in an image FROM attt/nginx:bookworm.
    await removeProxyImage();
    const context = join(base, "proxy-image");
    const rendered = await runCli([
      "template",
      "render",
      "reverse-proxy",
      "--values",
      VALUES,
      "--out",
      context,
    ]);
    expect(rendered.exitCode, rendered.stderr).toBe(0);
    writeFileSync(
      join(context, "Dockerfile"),
      `FROM ${images.get("attt/nginx:bookworm")}\nCOPY nginx.conf /etc/nginx/nginx.conf\n`,
    );
    const built = await execa("docker", ["build", "-q", "-t", proxyImage, context], {
      reject: false,
      all: true,
      env: { DOCKER_BUILDKIT: "0" },
    });
    expect(built.exitCode, String(built.all)).toBe(0);

    // The demo as the stacks deploy it, with images built here: the proxy's, and the
    // default PostgreSQL instead of the vendor's alpine one the demo names.
    inventory = demoInventory();
    for (const svc of inventory.datacentre.services) {
      if (svc.id === PROXY) svc.image = proxyImage;
      if (svc.id === DB) delete svc.image;
    }
    const options = {
      configDir: join(out, "config"),
      secretsDir: secrets,
      protectDataVolumes: false,
    };
    synthToDir(inventory, out, options);
    plan = buildDatacentre(inventory, options).plan;
    const ours = [DB, `evidence-db-${SVC}`, `evidence-migrate-${SVC}`, SVC, PROXY].map(name);
    const apply = (stack: string, only?: (n: string) => boolean) =>
      applyStack(out, stack, { label: LABEL, healthInterval: "1s", ...(only ? { only } : {}) });
    await apply("network");
    await apply("storage");
    // The jobs run attached: a failing database or migration job stops here with its output.
    await apply("data", (n) => ours.includes(n));
    await Promise.all([name("zone-firewall"), name(DB), name(SVC), name(PROXY)].map((n) => waitHealthy(n)));
    console.log(`evidence through the proxy: deployed in ${Math.round((Date.now() - started) / 1000)} s`);
  }, 1_800_000);

  afterAll(async () => {
    if (reason) return;
    if (!process.env.ATTT_KEEP_DC_TEST) {
      await removeLabelled(LABEL);
      await removeProxyImage();
    }
    if (base && !process.env.ATTT_KEEP_DC_TEST) rmSync(base, { recursive: true, force: true });
    release?.();
    console.log(`evidence through the proxy: ${Math.round((Date.now() - started) / 1000)} s in all`);
  });

  /** The evidence service's own image on the application zone, as the Department runs attt there. */
  const atttInApp = (args: string[], mounts: string[], env: string[] = []) =>
    docker(
      [
        "run",
        "--rm",
        "--label",
        LABEL,
        "--network",
        name("app"),
        ...plan.hostEntriesFor("app").flatMap((h) => ["--add-host", `${h.host}:${h.ip}`]),
        "--read-only",
        "--cap-drop",
        "ALL",
        "--user",
        "10200:10200",
        "--env",
        "NODE_EXTRA_CA_CERTS=/run/secrets/attt/evidence/ca.pem",
        ...env.flatMap((e) => ["--env", e]),
        ...mounts.flatMap((m) => ["--mount", m]),
        images.get("attt/evidence-service:0.1.0") as string,
        ...args,
      ],
      { timeoutMs: 300_000 },
    );
  const secretsOf = (file: string) =>
    `type=bind,source=${join(base, "secrets", "evidence", SVC, file)},target=/run/secrets/attt/evidence/${file},readonly`;
  const dbUrl = (role: string) => `postgres://${role}@${DB}:5432/attt?sslmode=verify-full`;
  const psql = (sql: string) =>
    dockerOk([
      "exec",
      name(DB),
      "sh",
      "-c",
      `PGPASSWORD=$(cat /run/secrets/attt/postgres/password) psql -h /tmp -U postgres -d attt -XAtc "${sql}"`,
    ]);

  it("takes a record from a machine's curl at the proxy's published port into PostgreSQL; attt check reads it back", async () => {
    const unit = inventory.units[0]?.id as string;
    const record = syntheticEvidence(inventory, { failShare: 0 }).find((r) => r.unit === unit);
    expect(record, `a machine of ${unit}`).toBeDefined();

    // The Department makes the school's credential against the database, as attt_owner.
    const creds = join(base, "credentials");
    mkdirSync(creds);
    chownSync(creds, 10200, 10200);
    const made = await atttInApp(
      [
        "credential",
        "create",
        "--db",
        dbUrl("attt_owner"),
        "--unit",
        unit,
        "--url",
        `https://${PUBLIC_NAME}`,
        "--out",
        "/out/school.credential",
      ],
      [secretsOf("ca.pem"), `type=bind,source=${creds},target=/out`],
      [`PGPASSWORD=${OWNER_PASSWORD}`],
    );
    expect(made.exitCode, made.stderr).toBe(0);
    const token = readFileSync(join(creds, "school.credential"), "utf8")
      .split("\n")
      .find((l) => l && !l.startsWith("#")) as string;

    // The machine: runtime-audit.sh's curl, trusting the Department's public certificate,
    // at the Docker host's published port 443 under the public name.
    const body = join(base, "record.json");
    writeFileSync(body, JSON.stringify(record));
    const upload = (bearer: string) =>
      execa(
        "curl",
        [
          "--silent",
          "--show-error",
          "--proto",
          "=https",
          "--tlsv1.2",
          "--max-time",
          "60",
          "--cacert",
          join(base, "public-ca.pem"),
          "--resolve",
          `${PUBLIC_NAME}:443:127.0.0.1`,
          "-H",
          "@-",
          "-H",
          "Content-Type: application/json",
          "--data-binary",
          `@${body}`,
          "--write-out",
          "\n%{http_code}",
          `https://${PUBLIC_NAME}/api/v1/evidence`,
        ],
        { input: `Authorization: Bearer ${bearer}\n`, reject: false },
      );
    const sent = await upload(token);
    const logs = async () =>
      `${(await docker(["logs", "--tail", "20", name(PROXY)])).stderr}\n${(await docker(["logs", "--tail", "20", name(SVC)])).stdout}`;
    expect(sent.stdout.split("\n").pop(), `${sent.stdout}\n${sent.stderr}\n${await logs()}`).toBe("201");

    // The row, read by PostgreSQL itself.
    expect((await psql("SELECT unit || '|' || machine || '|' || machine_id FROM evidence")).trim()).toBe(
      `${unit}|${record?.machine}|${record?.machineId}`,
    );
    // The same record again is a replay: refused at the service behind the proxy, nothing stored.
    const again = await upload(token);
    expect(again.stdout.split("\n").pop()).toBe("409");
    expect((await psql("SELECT count(*) FROM evidence")).trim()).toBe("1");

    // attt check from the database (as the service's role) gives the verdict the same
    // record gives read from a directory.
    const reports = join(base, "reports");
    mkdirSync(reports);
    chownSync(reports, 10200, 10200);
    const inventoryJson = join(base, "out", "config", "evidence", SVC, "inventory.json");
    const fromDb = await atttInApp(
      [
        "check",
        `/etc/attt/evidence/inventory.json`,
        "--evidence",
        dbUrl("attt_service"),
        "--format",
        "json",
        // The reports are written beside, then moved into place: inside the mounted directory.
        "--out",
        "/out/db",
      ],
      [
        secretsOf("ca.pem"),
        `type=bind,source=${inventoryJson},target=/etc/attt/evidence/inventory.json,readonly`,
        `type=bind,source=${reports},target=/out`,
      ],
      // check reads the password as psql does (PGPASSWORD, ~/.pgpass): service/database.ts.
      [`PGPASSWORD=${SERVICE_PASSWORD}`],
    );
    expect([0, 1], fromDb.stderr).toContain(fromDb.exitCode);
    const dir = join(base, "evidence-dir");
    mkdirSync(dir);
    writeFileSync(join(dir, "record.json"), JSON.stringify(record));
    // The same inventory file at the same path relative to the working directory: the
    // verdict names findings' locations relative to it.
    const hostRoot = join(base, "host-root");
    mkdirSync(join(hostRoot, "etc/attt/evidence"), { recursive: true });
    copyFileSync(inventoryJson, join(hostRoot, "etc/attt/evidence/inventory.json"));
    const fromDir = await runCli(
      [
        "check",
        join(hostRoot, "etc/attt/evidence/inventory.json"),
        "--evidence",
        dir,
        "--format",
        "json",
        "--out",
        join(base, "reports-dir"),
      ],
      { cwd: hostRoot },
    );
    expect(fromDir.exitCode, fromDir.stderr).toBe(fromDb.exitCode);
    const verdict = (d: string) => readFileSync(join(d, "verdict.json"), "utf8");
    expect(verdict(join(reports, "db"))).toEqual(verdict(join(base, "reports-dir")));
    // The record counts: its machine is not among its unit's machines that sent none
    // (its unit has another machine, which is).
    const silent = verdict(join(reports, "db")).match(/"message": "[^"]* sent no evidence: [^"]*"/g) ?? [];
    const unitName = inventory.units[0]?.name as string;
    expect(silent.filter((m) => m.includes(unitName)).length).toBe(1);
    expect(silent.filter((m) => new RegExp(`[:,] ${record?.machine}\\b`).test(m))).toEqual([]);
  }, 600_000);

  it("refuses the evidence service to a zone the flows do not let in; the DMZ reaches it", async () => {
    const serviceIp = plan.addressOf("app", `svc:${SVC}`);
    const appSubnet = plan.zones.get("app")?.addresses.subnet as string;
    const probe = (zone: string, script: string) =>
      docker(
        [
          "run",
          "--rm",
          "--label",
          LABEL,
          "--network",
          name(zone),
          "--cap-add",
          "NET_ADMIN",
          probeImage,
          "sh",
          "-c",
          script,
        ],
        { timeoutMs: 60_000 },
      );
    const https = (url: string) =>
      `curl -sk -o /dev/null -w '%{http_code}' --connect-timeout 3 --max-time 5 ${url} || echo refused`;
    // The management zone, routed through its firewall leg (an operator's shortcut): no flow.
    const fwMgmt = plan.zones.get("management")?.addresses.firewall as string;
    const fromMgmt = await probe(
      "management",
      `ip route add ${appSubnet} via ${fwMgmt} && ${https(`https://${serviceIp}:8443/healthz`)}`,
    );
    expect(fromMgmt.stdout.trim(), fromMgmt.stderr).toMatch(/^(000)?refused$/);
    // The data zone has no flow to the application zone either.
    const fwData = plan.zones.get("data")?.addresses.firewall as string;
    const fromData = await probe(
      "data",
      `ip route add ${appSubnet} via ${fwData} && ${https(`https://${serviceIp}:8443/healthz`)}`,
    );
    expect(fromData.stdout.trim(), fromData.stderr).toMatch(/^(000)?refused$/);
    // Control: the DMZ, the flow's source, reaches it at the firewall's address for it.
    const dmzAddress = plan.publications.find((p) => p.endpoint.id === SVC && p.from === "dmz")
      ?.serviceAddress as string;
    const fromDmz = await probe("dmz", https(`https://${dmzAddress}:8443/healthz`));
    expect(fromDmz.stdout.trim()).toBe("200");
  }, 120_000);

  function writeSecrets(dir: string): void {
    const file = (path: string, content: string, uid: number, gid: number, mode: number) => {
      const full = join(dir, path);
      mkdirSync(join(full, ".."), { recursive: true });
      writeFileSync(full, content);
      chownSync(full, uid, gid);
      chmodSync(full, mode);
    };
    // The province's CA signs the services' certificates inside the data centre; the
    // Department's public certificate (here from its own throwaway CA) is what machines trust.
    const ca = join(base, "province-ca");
    const publicCa = join(base, "public-ca");
    makeCa(ca, "Province CA");
    makeCa(publicCa, "Public CA");
    writeFileSync(join(base, "public-ca.pem"), readFileSync(join(publicCa, "ca.pem")));
    file(`postgres/${DB}/password`, "pg-pw-for-tests", 0, 999, 0o640);
    issue(ca, join(dir, "tls", DB), DB, [DB], 999);
    file(`evidence/${SVC}/owner-password`, OWNER_PASSWORD, 0, 10200, 0o640);
    file(`evidence/${SVC}/service-password`, SERVICE_PASSWORD, 0, 10200, 0o640);
    file(`evidence/${SVC}/ca.pem`, readFileSync(join(ca, "ca.pem"), "utf8"), 0, 0, 0o644);
    issue(ca, join(dir, "tls", SVC), SVC, [SVC], 10200);
    issue(publicCa, join(dir, "tls", PROXY), PUBLIC_NAME, [PUBLIC_NAME], 101);
  }
});

function openssl(args: string[]): void {
  const r = spawnSync("openssl", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
}

function makeCa(dir: string, cn: string): void {
  mkdirSync(dir, { recursive: true });
  selfSignedCert({
    subject: `/CN=${cn}`,
    extensions: ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign"],
    key: join(dir, "ca.key"),
    cert: join(dir, "ca.pem"),
  });
}

/** server.crt (with the CA after it) and server.key, the key readable by `gid` only. */
function issue(caDir: string, dir: string, cn: string, names: string[], gid: number): void {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, "server.key");
  const csr = join(dir, "server.csr");
  const ext = join(dir, "ext.cnf");
  openssl([
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-subj",
    `/CN=${cn}`,
    "-keyout",
    key,
    "-out",
    csr,
  ]);
  writeFileSync(
    ext,
    `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
  );
  openssl([
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    join(caDir, "ca.pem"),
    "-CAkey",
    join(caDir, "ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    ext,
    "-out",
    join(dir, "server.crt"),
  ]);
  writeFileSync(
    join(dir, "server.crt"),
    readFileSync(join(dir, "server.crt"), "utf8") + readFileSync(join(caDir, "ca.pem"), "utf8"),
  );
  rmSync(csr);
  rmSync(ext);
  chownSync(key, 0, gid);
  chmodSync(key, 0o640);
  chmodSync(dir, 0o755);
}
