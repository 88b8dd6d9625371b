/**
 * The collection service as it runs in the data centre, for tests: a throwaway
 * PostgreSQL cluster (Debian's, initdb into a temporary directory, its own port), the
 * service's database owned by one role and used by another that may only read
 * credentials and add evidence, `attt db migrate`, a self-signed TLS certificate made by
 * openssl, and `attt serve` itself as a child process speaking HTTPS.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { runCli } from "./cli.js";
import { ThrowawayCluster } from "./vendor-postgres.js";
import { freePort, postgresBinDir, tempDir, toolPath, userIds } from "./vendor-tools.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Why these tests cannot run here, or undefined. */
export function serviceTestsUnavailable(): string | undefined {
  if (!postgresBinDir()) return "PostgreSQL is not installed (Debian package postgresql)";
  if (!userIds("postgres")) return "there is no postgres user to run the cluster as";
  if (!toolPath("openssl")) return "openssl is not installed";
  if (process.getuid?.() !== 0)
    return "initdb must run as the postgres user: the tests need root to switch to it";
  return undefined;
}

export interface ServiceDatabase {
  cluster: ThrowawayCluster;
  /** The owner's URL (migrations, credentials) and the service's (serve, check). */
  ownerUrl: string;
  serviceUrl: string;
  sql: (query: string) => string;
  stop: () => void;
}

export async function startDatabase(): Promise<ServiceDatabase> {
  const dir = tempDir("svcdb");
  const port = await freePort();
  const cluster = new ThrowawayCluster(dir, port);
  cluster.init();
  const started = cluster.start();
  if (!started.ok) throw new Error(`PostgreSQL did not start: ${started.log}`);
  // Own database, owned by attt_owner; attt_service may connect and nothing more until migrate grants it.
  cluster.sql("CREATE ROLE attt_owner LOGIN");
  cluster.sql("CREATE ROLE attt_service LOGIN");
  cluster.sql("CREATE DATABASE attt OWNER attt_owner");
  cluster.sql("REVOKE ALL ON DATABASE attt FROM PUBLIC");
  cluster.sql("GRANT CONNECT ON DATABASE attt TO attt_service");
  const url = (role: string) => `postgres://${role}@127.0.0.1:${port}/attt`;
  const ownerUrl = url("attt_owner");
  const m = await runCli(["db", "migrate", "--db", ownerUrl]);
  if (m.exitCode !== 0) throw new Error(`attt db migrate failed: ${m.stderr}`);
  const sql = (query: string) => {
    const r = spawnSync(
      "runuser",
      [
        "-u",
        "postgres",
        "--",
        "psql",
        "-X",
        "-At",
        "-h",
        cluster.socketDir,
        "-p",
        String(port),
        "-d",
        "attt",
        "-c",
        query,
      ],
      // Whole tables of records come back: far past spawnSync's 1 MB default.
      { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`psql: ${r.error?.message ?? ""} ${r.stderr}`);
    return r.stdout.replace(/\n$/, "");
  };
  return {
    cluster,
    ownerUrl,
    serviceUrl: url("attt_service"),
    sql,
    stop: () => {
      cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A self-signed P-256 certificate valid two days (`openssl req -x509`): `subject`, the
 * `-addext` extensions given, the key and certificate written where asked.
 */
export function selfSignedCert(o: {
  subject: string;
  extensions: string[];
  key: string;
  cert: string;
}): void {
  const r = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "2",
      "-subj",
      o.subject,
      ...o.extensions.flatMap((e) => ["-addext", e]),
      "-keyout",
      o.key,
      "-out",
      o.cert,
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
}

/** A self-signed certificate for localhost and 127.0.0.1; the certificate is its own CA. */
export function selfSignedTls(dir: string): { cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const cert = join(dir, "tls.crt");
  const key = join(dir, "tls.key");
  selfSignedCert({
    subject: "/CN=localhost",
    extensions: ["subjectAltName=DNS:localhost,IP:127.0.0.1"],
    key,
    cert,
  });
  return { cert, key };
}

export interface RunningService {
  url: string;
  ca: Buffer;
  process: ChildProcess;
  /** SIGKILL: no chance to finish anything (a crash, a power cut). */
  kill: () => Promise<void>;
  /** SIGTERM: stop and wait. */
  stop: () => Promise<void>;
}

/** `attt serve` as a child process; resolves once it listens. */
export async function startService(o: {
  inventory: string;
  dbUrl: string;
  tls: { cert: string; key: string };
  port?: number;
}): Promise<RunningService> {
  const port = o.port ?? (await freePort());
  const child = spawn(
    "node",
    [
      "--import",
      "tsx",
      join(ROOT, "bin", "attt.ts"),
      "serve",
      o.inventory,
      "--db",
      o.dbUrl,
      "--tls-cert",
      o.tls.cert,
      "--tls-key",
      o.tls.key,
      "--listen",
      `127.0.0.1:${port}`,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  let log = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    // A province's inventory (2,000 files) takes a while to load on a busy machine.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`attt serve did not start: ${log}`));
    }, 300_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (log.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", (d: Buffer) => {
      log += d.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`attt serve exited (${code}): ${log}`));
    });
  });
  return {
    url: `https://127.0.0.1:${port}`,
    ca: readFileSync(o.tls.cert),
    process: child,
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface Answer {
  status: number;
  body: string;
  json: () => Record<string, unknown>;
}

/** One HTTPS request, trusting only the service's own certificate. */
export function call(
  service: { url: string; ca: Buffer },
  method: string,
  path: string,
  o: { token?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${service.url}${path}`,
      {
        method,
        ca: service.ca,
        agent: false,
        headers: {
          ...(o.body !== undefined ? { "content-type": "application/json" } : {}),
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...o.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (o.body !== undefined) req.end(o.body);
    else req.end();
  });
}

/** `attt credential create` for a unit; the token read back from the file it wrote. */
export async function makeCredential(
  dbUrl: string,
  unit: string,
  dir: string,
  verb: "create" | "rotate" = "create",
  extra: string[] = [],
): Promise<{ file: string; token: string; keyId: string }> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${unit}-${Date.now()}-${Math.random().toString(16).slice(2)}.credential`);
  const r = await runCli(["credential", verb, "--db", dbUrl, "--unit", unit, "--out", file, ...extra]);
  if (r.exitCode !== 0) throw new Error(`attt credential ${verb}: ${r.stderr}`);
  const token = readFileSync(file, "utf8")
    .split("\n")
    .find((l) => l && !l.startsWith("#")) as string;
  return { file, token, keyId: token.split(".")[1] as string };
}

export function writeText(file: string, text: string): string {
  writeFileSync(file, text);
  return file;
}
