/**
 * The real Debian 12 root the Linux tests apply bundles into: built once by
 * linux-prepare.sh (debootstrap + the controls' packages) and cached as a tarball,
 * unpacked once beside it; each test gets a fresh copy as an overlay on that unpacked
 * root (what it writes goes to its own upper directory). Also: a snapshot of the root's
 * configuration (every file's mode, owner and sha256, every symlink's target) to compare runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "..", "..");
const PREPARE = join(REPO, "test", "helpers", "linux-prepare.sh");

/** Why the real-root tests cannot run here, or undefined when they can. */
export function rootTestsUnavailable(): string | undefined {
  if (process.platform !== "linux") return "needs Linux";
  if (process.getuid?.() !== 0) return "needs root (chroot, mount, network namespaces)";
  return undefined;
}

let tarball: string | undefined;

/** Builds the cached root when missing (minutes, once) and returns the tarball's path. */
export function rootTarball(): string {
  if (tarball) return tarball;
  const out = execFileSync("bash", [PREPARE], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 1_500_000,
  });
  tarball = out.trim().split("\n").pop() as string;
  return tarball;
}

export interface ScratchRoot {
  dir: string;
  /** The root directory itself (dir/root). */
  root: string;
  remove: () => void;
}

/**
 * The cached root unpacked (read only from here on: the lower layer of every scratch
 * root), beside its tarball and named after it, so linux-prepare.sh removes it with an
 * outdated tarball. Unpacked into a temporary directory and renamed into place, so test
 * files running at the same time never see half of it.
 */
function unpackedRoot(): string {
  const tarball = rootTarball();
  const lower = tarball.replace(/\.tar\.zst$/, ".unpacked");
  if (existsSync(lower)) return lower;
  const partial = mkdtempSync(join(dirname(tarball), ".unpacking-"));
  try {
    execFileSync("tar", ["-I", "zstd", "-xf", tarball, "-C", partial, "--numeric-owner"]);
    renameSync(partial, lower);
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(lower)) throw e; // else another test file unpacked it first
  }
  return lower;
}

/**
 * A fresh copy of the cached root in a temporary directory: an overlay of the unpacked
 * root (an instant copy; unpacking took seconds of CPU per test). Where overlayfs cannot
 * be mounted, the tarball is unpacked into the directory instead.
 */
export function scratchRoot(): ScratchRoot {
  const dir = mkdtempSync(join(tmpdir(), "attt-root-"));
  const root = join(dir, "root");
  const upper = join(dir, "upper");
  const work = join(dir, "work");
  for (const d of [root, upper, work]) mkdirSync(d);
  const mounted = run("mount", [
    "-t",
    "overlay",
    "overlay",
    "-o",
    `lowerdir=${unpackedRoot()},upperdir=${upper},workdir=${work}`,
    root,
  ]);
  if (mounted.status !== 0) {
    console.warn(`scratch root unpacked, not overlaid (mount -t overlay: ${mounted.stderr.trim()})`);
    execFileSync("tar", ["-I", "zstd", "-xf", rootTarball(), "-C", root, "--numeric-owner"]);
  }
  const remove = () => {
    // Lazily: a test's bind mounts below root (the Docker socket) may still be going away.
    if (mounted.status === 0) run("umount", ["-R", "-l", root]);
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, root, remove };
}

/** The parts of a root that apply.sh may touch: all of /etc, the PAM state, PAM profiles. */
/**
 * What an alternate root cannot show, so these controls fail there (test/linux-booted.test.ts
 * measures them): anti-malware's running services and signatures, the mounts of /tmp and
 * /dev/shm, and AIDE's database, which only aideinit builds.
 */
export const OFFLINE_FAILS = [
  "linux.aide.integrity",
  "linux.antimalware.scanner",
  "linux.filesystems.tmp-shm",
];

export const SNAPSHOT_DIRS = ["etc", "var/lib/pam", "usr/share/pam-configs"];

export type Snapshot = Map<string, string>;

export function snapshot(root: string, dirs: string[] = SNAPSHOT_DIRS): Snapshot {
  const out: Snapshot = new Map();
  const walk = (rel: string) => {
    const full = join(root, rel);
    const st = lstatSync(full);
    const owner = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
    if (st.isSymbolicLink()) out.set(rel, `link -> ${readlinkSync(full)}`);
    else if (st.isDirectory()) {
      out.set(rel, `dir ${owner}`);
      for (const name of readdirSync(full).sort()) walk(`${rel}/${name}`);
    } else if (st.isFile())
      out.set(rel, `file ${owner} ${createHash("sha256").update(readFileSync(full)).digest("hex")}`);
    else out.set(rel, `special ${owner}`);
  };
  for (const d of dirs) walk(d);
  return out;
}

/** Paths whose entry differs between two snapshots (added, removed or changed). */
export function changedPaths(a: Snapshot, b: Snapshot): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Run {
  const r = spawnSync(cmd, args, {
    encoding: "utf8",
    env: opts.env ?? process.env,
    timeout: opts.timeout ?? 120_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** Runs a command chrooted into the root with /proc and /dev mounted in a private mount namespace. */
export function inRoot(root: string, command: string, timeout = 300_000): Run {
  const script = 'mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" && shift && exec chroot "$@"';
  return run(
    "unshare",
    ["-m", "--propagation", "private", "sh", "-c", script, "sh", root, root, "sh", "-c", command],
    { timeout },
  );
}
