/**
 * Docker for the data-centre functional tests: makes sure an engine runs and the local
 * base image exists (test/helpers/dc-prepare.sh, idempotent and cached by content hash),
 * and runs docker commands without throwing so tests can assert on exit codes.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { packageRoot } from "../../model/package-root.js";
import { DEFAULT_IMAGES, type ImageRefs } from "../../stacks/options.js";

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface DockerOptions {
  input?: string;
  timeoutMs?: number;
  /** Another engine than the machine's own (DOCKER_HOST, e.g. unix:///…/docker.sock of a test swarm's host). */
  host?: string;
}

export async function docker(args: string[], options: DockerOptions = {}): Promise<Run> {
  const r = await execa("docker", args, {
    reject: false,
    ...(options.host ? { env: { DOCKER_HOST: options.host } } : {}),
    ...(options.input !== undefined ? { input: options.input } : { stdin: "ignore" }),
    timeout: options.timeoutMs ?? 120_000,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs docker and throws with its output when it fails (setup steps, not assertions). */
export async function dockerOk(args: string[], options: DockerOptions = {}): Promise<string> {
  const r = await docker(args, options);
  if (r.exitCode !== 0)
    throw new Error(`docker ${args.join(" ")} failed (${r.exitCode}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

let prepared: Promise<string> | undefined;

/**
 * Why Docker tests cannot run here, or null when they can. Only a machine where we are
 * not root (no dockerd, no debootstrap) is a reason: everything else is prepared.
 */
export function dockerUnavailableReason(): string | null {
  if (process.getuid?.() !== 0)
    return "the functional tests start dockerd and build images with debootstrap: they need root";
  return null;
}

/** Prepares the machine once per process and returns the base image tag. */
export function baseImage(): Promise<string> {
  prepared ??= (async () => {
    const script = join(packageRoot, "test/helpers/dc-prepare.sh");
    const cache = process.env.ATTT_DC_CACHE ?? "/var/cache/attt-dc";
    const r = await execa("bash", [script], { reject: false, stdin: "ignore", timeout: 900_000, all: true });
    if (r.exitCode !== 0) throw new Error(`dc-prepare.sh failed:\n${r.all}`);
    return readFileSync(join(cache, "base-image"), "utf8").trim();
  })();
  return prepared;
}

let built: Promise<Map<string, string>> | undefined;

/**
 * The stacks' default images, built by the real `attt images build` (from the Debian
 * root; Docker's build cache makes a repeat take seconds), as tag -> image ID. The
 * rest-server binary is the one dc-prepare.sh built.
 */
export function builtImages(): Promise<Map<string, string>> {
  built ??= (async () => {
    await baseImage();
    const cache = process.env.ATTT_DC_CACHE ?? "/var/cache/attt-dc";
    const cli = join(packageRoot, "bin/attt.ts");
    const r = await execa(
      "node",
      ["--import", "tsx", cli, "images", "build", "--rest-server", join(cache, "rest-server-v0.14.0")],
      { cwd: packageRoot, reject: false, all: true, stdin: "ignore", timeout: 1_500_000 },
    );
    if (r.exitCode !== 0) throw new Error(`attt images build failed (${r.exitCode}):\n${r.all}`);
    return new Map(
      String(r.stdout)
        .trim()
        .split("\n")
        .map((line) => {
          const [id = "", tag = ""] = line.split(/\s+/);
          return [tag, id] as [string, string];
        }),
    );
  })();
  return built;
}

/** Removes every container, network and volume carrying a label (a test run's leftovers). */
export async function removeLabelled(label: string): Promise<void> {
  const ids = (out: string) => out.split("\n").filter(Boolean);
  const containers = ids(await dockerOk(["ps", "-aq", "--filter", `label=${label}`]));
  if (containers.length > 0) await docker(["rm", "-f", "-v", ...containers]);
  const networks = ids(await dockerOk(["network", "ls", "-q", "--filter", `label=${label}`]));
  if (networks.length > 0) await docker(["network", "rm", ...networks]);
  const volumes = ids(await dockerOk(["volume", "ls", "-q", "--filter", `label=${label}`]));
  if (volumes.length > 0) await docker(["volume", "rm", "-f", ...volumes]);
}

/** Polls until `check` returns true or the time runs out; returns the last result. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * A machine-wide lock held for a whole test file: two runs of the same functional test
 * (two developers, or a full `vitest run` beside a single file) would otherwise create the
 * same networks on one Docker engine and clean up each other's containers. A lock whose
 * holder died is taken over; the holder is named by PID and start time, so a PID reused
 * by another process after a crash does not keep the lock forever. Returns the release
 * function; throws, naming the holder, after `timeoutMs`.
 */
export async function acquireMachineLock(name: string, timeoutMs = 600_000): Promise<() => void> {
  const dir = join(process.env.ATTT_DC_CACHE ?? "/var/cache/attt-dc", "locks");
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, name);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "holder"), processIdentity(process.pid) ?? String(process.pid));
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder: string | undefined;
      try {
        holder = readFileSync(join(lock, "holder"), "utf8");
      } catch {
        // the holder is between mkdir and writing its identity: wait
      }
      if (holder !== undefined && processIdentity(Number(holder.split(" ")[0])) !== holder)
        rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`lock ${lock} is still held by process ${holder} after ${timeoutMs / 1000} s`);
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** "PID start-time" of a live process (from /proc), or undefined when it does not exist. */
function processIdentity(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime); fields are counted after the parenthesised command name.
    const startTime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    return `${pid} ${startTime}`;
  } catch {
    return undefined;
  }
}

/**
 * A throw-away self-signed TLS key and certificate for a service, the key readable by the
 * service's group (PostgreSQL refuses a key others can read).
 */
export function selfSignedCert(dir: string, commonName: string, gid: number): { key: string; crt: string } {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, "server.key");
  const crt = join(dir, "server.crt");
  const args = [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    `/CN=${commonName}`,
    "-keyout",
    key,
    "-out",
    crt,
  ];
  if ((spawnSync("openssl", args, { stdio: "ignore" }).status ?? 1) !== 0)
    throw new Error("openssl could not make the test certificate");
  chownSync(key, 0, gid);
  chmodSync(key, 0o640);
  return { key, crt };
}

/** Every image role of the stacks set to one locally built image. */
export const everyImage = (image: string): ImageRefs =>
  Object.fromEntries(Object.keys(DEFAULT_IMAGES).map((role) => [role, image])) as unknown as ImageRefs;
