/**
 * A swarm of real Docker engines on this one machine, for the swarm test: each dockerd runs
 * in its own network namespace (its own address, on a bridge that lives in a namespace of
 * its own, so the machine's firewall never sees the traffic), its own UTS namespace (the
 * hostname is the inventory's host ID, as swarm-nodes.sh expects), and its own data root,
 * exec root, pid file and unix socket. The machine's own dockerd (/var/run/docker.sock) is
 * never touched: images come from it by `docker save`, nothing else.
 *
 * `ip netns exec` is not used to start dockerd: it remounts /sys, hiding the cgroup mounts
 * dockerd needs; nsenter enters the network namespace only.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { type DockerOptions, docker, dockerOk } from "./dc-docker.js";

export interface Engine {
  id: string;
  /** The host's address on the test bridge (advertised to the swarm). */
  address: string;
  /** DOCKER_HOST of its engine. */
  host: string;
  dir: string;
  netns: string;
  process?: ChildProcess;
}

const sh = (cmd: string) => execa("sh", ["-c", cmd], { reject: false, stdin: "ignore" });
const mustSh = async (cmd: string) => {
  const r = await sh(cmd);
  if (r.exitCode !== 0) throw new Error(`${cmd}: ${r.stderr}`);
};

export class SwarmEngines {
  readonly engines: Engine[];
  private readonly bridgeNs: string;

  /**
   * @param prefix names the namespaces (short: interface names are at most 15 bytes)
   * @param subnet the first three octets of the hosts' /24 (the bridge gets .1, hosts .11 on)
   */
  constructor(
    private readonly prefix: string,
    ids: string[],
    subnet: string,
    private readonly base: string,
  ) {
    this.bridgeNs = `${prefix}-br`;
    this.engines = ids.map((id, i) => {
      const dir = join(base, id);
      return {
        id,
        address: `${subnet}.${11 + i}`,
        host: `unix://${join(dir, "docker.sock")}`,
        dir,
        netns: `${prefix}-${i + 1}`,
      };
    });
  }

  engine(id: string): Engine {
    const e = this.engines.find((x) => x.id === id);
    if (!e) throw new Error(`no engine ${id}`);
    return e;
  }

  /** docker on one engine. */
  run(id: string, args: string[], options: Omit<DockerOptions, "host"> = {}) {
    return docker(args, { ...options, host: this.engine(id).host });
  }
  runOk(id: string, args: string[], options: Omit<DockerOptions, "host"> = {}) {
    return dockerOk(args, { ...options, host: this.engine(id).host });
  }

  /** Namespaces, bridge, and one dockerd each, started with `daemonJson` as its configuration file. */
  async start(daemonJson: string): Promise<void> {
    await this.removeNetwork();
    await mustSh(
      `ip netns add ${this.bridgeNs} && ip netns exec ${this.bridgeNs} sh -c 'ip link add br0 type bridge && ip link set br0 up && ip link set lo up'`,
    );
    for (const [i, e] of this.engines.entries()) {
      mkdirSync(join(e.dir, "data"), { recursive: true });
      mkdirSync(join(e.dir, "exec"), { recursive: true });
      await mustSh(
        [
          `ip netns add ${e.netns}`,
          `ip link add eth0 netns ${e.netns} type veth peer name h${i + 1} netns ${this.bridgeNs}`,
          `ip netns exec ${this.bridgeNs} ip link set h${i + 1} master br0 up`,
          `ip netns exec ${e.netns} sh -c 'ip addr add ${e.address}/24 dev eth0 && ip link set eth0 up && ip link set lo up'`,
        ].join(" && "),
      );
      this.launch(e, daemonJson);
    }
    for (const e of this.engines) await this.waitUp(e);
  }

  private launch(e: Engine, daemonJson: string): void {
    const log = openSync(join(e.dir, "dockerd.log"), "a");
    const dockerd = [
      "dockerd",
      `--config-file=${daemonJson}`,
      `--data-root=${join(e.dir, "data")}`,
      `--exec-root=${join(e.dir, "exec")}`,
      `--pidfile=${join(e.dir, "dockerd.pid")}`,
      `-H=${e.host}`,
      "--bridge=none",
      `--cgroup-parent=${this.prefix}-${e.id}`,
      "--log-level=warn",
    ].join(" ");
    e.process = spawn(
      "nsenter",
      [
        `--net=/var/run/netns/${e.netns}`,
        "unshare",
        "--uts",
        "sh",
        "-c",
        `hostname ${e.id} && exec ${dockerd}`,
      ],
      { stdio: ["ignore", log, log], detached: true },
    );
  }

  private async waitUp(e: Engine): Promise<void> {
    const deadline = Date.now() + 60_000;
    while ((await docker(["info", "--format", "{{.ID}}"], { host: e.host })).exitCode !== 0) {
      if (Date.now() > deadline || e.process?.exitCode != null)
        throw new Error(`dockerd of ${e.id} did not start:\n${this.log(e)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  log(e: Engine): string {
    const f = join(e.dir, "dockerd.log");
    return existsSync(f) ? readFileSync(f, "utf8").split("\n").slice(-30).join("\n") : "";
  }

  /** swarm init on the first manager, the others join with their role's token. */
  async formSwarm(roles: Record<string, "manager" | "worker">): Promise<void> {
    const [first, ...rest] = this.engines.filter((e) => roles[e.id] === "manager");
    if (!first) throw new Error("no manager");
    await this.runOk(first.id, ["swarm", "init", "--advertise-addr", first.address]);
    const token = async (role: string) =>
      (await this.runOk(first.id, ["swarm", "join-token", "-q", role])).trim();
    const tokens = { manager: await token("manager"), worker: await token("worker") };
    for (const e of [...rest, ...this.engines.filter((x) => roles[x.id] === "worker")])
      await this.runOk(
        e.id,
        [
          "swarm",
          "join",
          "--token",
          tokens[roles[e.id] ?? "worker"],
          "--advertise-addr",
          e.address,
          `${first.address}:2377`,
        ],
        { timeoutMs: 60_000 },
      );
  }

  /** Loads an image archive (docker save of the machine's engine) into every engine at once. */
  async load(archive: string): Promise<void> {
    await Promise.all(
      this.engines.map((e) => this.runOk(e.id, ["load", "-q", "-i", archive], { timeoutMs: 600_000 })),
    );
  }

  /** Stops one engine as a host would shut down: dockerd stops its containers, then exits. */
  async stop(id: string): Promise<void> {
    const e = this.engine(id);
    const pid = this.pidOf(e);
    if (pid === undefined) return;
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + 60_000;
    while (existsSync(`/proc/${pid}`)) {
      if (Date.now() > deadline) process.kill(pid, "SIGKILL");
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private pidOf(e: Engine): number | undefined {
    const f = join(e.dir, "dockerd.pid");
    if (!existsSync(f)) return undefined;
    const pid = Number(readFileSync(f, "utf8").trim());
    return pid > 0 && existsSync(`/proc/${pid}`) ? pid : undefined;
  }

  /** Every engine stopped, the namespaces and the directories removed. */
  async teardown(): Promise<void> {
    await Promise.all(this.engines.map((e) => this.stop(e.id).catch(() => undefined)));
    await this.removeNetwork();
    // dockerd unmounts what it mounted on a clean stop; anything left is unmounted before removal.
    await sh(`findmnt -rn -o TARGET | grep '^${this.base}/' | sort -r | xargs -r umount -l`);
    rmSync(this.base, { recursive: true, force: true });
  }

  private async removeNetwork(): Promise<void> {
    for (const ns of [this.bridgeNs, ...this.engines.map((e) => e.netns)])
      await sh(`ip netns del ${ns} 2>/dev/null`);
  }
}

/**
 * Why encrypted overlays cannot carry traffic here, or null when they can: Docker encrypts
 * an overlay with IPsec ESP (AES-GCM) in the kernel, and a kernel without it refuses the
 * security associations (dockerd logs "function not implemented"; the overlay then drops
 * every packet between hosts). Checked by adding one such association in a scratch namespace.
 */
export function ipsecUnavailableReason(): string | null {
  const ns = `attt-esp-${process.pid}`;
  const run = (args: string[]) => spawnSync("ip", args, { encoding: "utf8" });
  if (run(["netns", "add", ns]).status !== 0) return "cannot create a network namespace";
  try {
    const r = run([
      "netns",
      "exec",
      ns,
      "ip",
      "xfrm",
      "state",
      "add",
      ...[
        "src",
        "10.0.0.1",
        "dst",
        "10.0.0.2",
        "proto",
        "esp",
        "spi",
        "0x100",
        "reqid",
        "1",
        "mode",
        "transport",
      ],
      ...["aead", "rfc4106(gcm(aes))", "0x0102030405060708090a0b0c0d0e0f1011121314", "64"],
    ]);
    return r.status === 0
      ? null
      : `this kernel cannot do IPsec ESP with AES-GCM, which Docker's encrypted overlays need (${r.stderr.trim()})`;
  } finally {
    run(["netns", "del", ns]);
  }
}
