/**
 * A booted Debian 12: the cached test root imported as a local Docker image (no
 * registry) and started with systemd as PID 1, so services really start and stop and
 * sysctl and nftables act in the container's own network namespace.
 *
 * The container gets every capability but CAP_SYS_RESOURCE (this machine's own bounding
 * set lacks it, so --privileged cannot start) and the host's cgroup tree, which systemd
 * needs. /proc/sys stays read-only as Docker mounts it, except /proc/sys/net, which is
 * per network namespace: the baseline's net.* parameters apply to the container alone,
 * and its kernel.* and fs.* ones can never reach the host's kernel.
 */
import { execFileSync } from "node:child_process";
import { basename } from "node:path";
import { execa } from "execa";
import { rootTarball, run } from "./linux-root.js";

/** Why the booted tests cannot run here, or undefined when they can. */
export function bootedUnavailable(): string | undefined {
  if (process.platform !== "linux") return "needs Linux";
  if (process.getuid?.() !== 0) return "needs root";
  if (run("docker", ["version", "--format", "{{.Server.Version}}"]).status !== 0)
    return "needs a running Docker daemon (docker version failed)";
  return undefined;
}

/** The image of the cached root (imported once per root tarball), with systemd as its command. */
export function bootImage(): string {
  const key = basename(rootTarball()).replace(/^debian12-root-|\.tar\.zst$/g, "");
  const tag = `attt-debian12-systemd:${key}`;
  if (run("docker", ["image", "inspect", tag]).status === 0) return tag;
  execFileSync(
    "sh",
    [
      "-c",
      'zstd -dc "$1" | docker import -c \'CMD ["/lib/systemd/systemd"]\' - "$2" >/dev/null',
      "sh",
      rootTarball(),
      tag,
    ],
    { stdio: ["ignore", "ignore", "inherit"], timeout: 600_000 },
  );
  return tag;
}

export interface Booted {
  name: string;
  /** Runs a shell command in the container; never throws. */
  sh: (command: string, timeout?: number) => { status: number; stdout: string; stderr: string };
  /** The container's root filesystem as the host sees it (overlay2 merged directory). */
  rootfs: string;
  remove: () => void;
}

/**
 * Starts a container from the image and waits until systemd has finished starting up.
 * Asynchronous, so that a test file can boot its machines side by side: a boot is mostly
 * systemd waiting for services.
 */
export async function boot(name: string): Promise<Booted> {
  const image = bootImage();
  await execa("docker", ["rm", "-f", name], { reject: false });
  const started = await execa(
    "docker",
    [
      "run",
      "-d",
      "--name",
      name,
      "--hostname",
      "attt-test-host",
      "--cap-add=ALL",
      "--cap-drop=SYS_RESOURCE",
      "--security-opt",
      "seccomp=unconfined",
      "--security-opt",
      "apparmor=unconfined",
      "--cgroupns=host",
      "-v",
      "/sys/fs/cgroup:/sys/fs/cgroup:rw",
      "--tmpfs",
      "/run",
      "--tmpfs",
      "/run/lock",
      "-e",
      "container=docker",
      image,
    ],
    { reject: false },
  );
  if (started.exitCode !== 0) throw new Error(`docker run ${name}: ${started.stderr}`);
  const sh = (command: string, timeout = 300_000) =>
    run("docker", ["exec", name, "bash", "-c", command], { timeout });
  // "degraded" is fine: auditd cannot run in a container (the kernel's audit belongs to the host).
  const waited = await execa(
    "docker",
    [
      "exec",
      name,
      "bash",
      "-c",
      "for i in $(seq 120); do s=$(systemctl is-system-running 2>/dev/null); case $s in running|degraded) exit 0;; esac; sleep 0.5; done; echo $s; exit 1",
    ],
    { reject: false, timeout: 300_000 },
  );
  if (waited.exitCode !== 0)
    throw new Error(`${name} did not finish booting: ${waited.stdout}${waited.stderr}`);
  const net = sh("mount --bind /proc/sys/net /proc/sys/net && mount -o remount,bind,rw /proc/sys/net");
  if (net.status !== 0) throw new Error(`${name}: /proc/sys/net not writable: ${net.stderr}`);
  const rootfs = run("docker", ["inspect", "-f", "{{.GraphDriver.Data.MergedDir}}", name]).stdout.trim();
  return { name, sh, rootfs, remove: () => void run("docker", ["rm", "-f", name]) };
}
