/**
 * Creates on a real Docker engine what a synthesized stack (stacks/<name>/cdk.tf.json)
 * declares, with the docker CLI, for the functional tests. The kreuzwerker provider
 * cannot be installed here, so this stands in for `terraform apply`: it maps each
 * attribute the stacks use to its `docker create` flag, one for one, so the hardened
 * settings the tests exercise (read-only root, dropped capabilities, users, mounts,
 * networks with fixed addresses, host entries, sysctls) are exactly the synthesized ones.
 * An attribute it does not know makes it throw: it never silently drops one.
 * The deploy test (test/stacks/deploy.test.ts) runs the real provider where a mirror exists.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { docker, dockerOk, dockerOk as dockerOkOn, docker as dockerOn } from "./dc-docker.js";

interface TfNetwork {
  name: string;
  driver?: string;
  internal?: boolean;
  ipam_config?: Array<{ subnet?: string; gateway?: string; aux_address?: Record<string, string> }>;
  options?: Record<string, string>;
  labels?: Array<{ label: string; value: string }>;
}

interface TfVolume {
  name: string;
  labels?: Array<{ label: string; value: string }>;
  lifecycle?: unknown;
}

export interface TfContainer {
  name: string;
  image: string;
  [key: string]: unknown;
}

interface TfStack {
  resource: {
    docker_network?: Record<string, TfNetwork>;
    docker_volume?: Record<string, TfVolume>;
    docker_image?: Record<string, { name: string }>;
    docker_container?: Record<string, TfContainer>;
  };
}

const HANDLED = new Set([
  "//",
  "name",
  "image",
  "user",
  "read_only",
  "security_opts",
  "capabilities",
  "memory",
  "memory_swap",
  "cpu_period",
  "cpu_quota",
  "log_driver",
  "log_opts",
  "tmpfs",
  "env",
  "labels",
  "mounts",
  "entrypoint",
  "command",
  "group_add",
  "sysctls",
  "depends_on",
  "network_mode",
  "networks_advanced",
  "host",
  "ports",
  "restart",
  "healthcheck",
  "start",
  "must_run",
  "attach",
]);

/** The keys of each nested block it maps to a flag. */
const HANDLED_NESTED: Record<string, ReadonlySet<string>> = {
  mounts: new Set(["type", "source", "target", "read_only", "bind_options"]),
  networks_advanced: new Set(["name", "ipv4_address", "aliases"]),
  healthcheck: new Set(["test", "interval", "timeout", "retries", "start_period"]),
  capabilities: new Set(["add", "drop"]),
  ports: new Set(["internal", "external", "protocol"]),
  host: new Set(["host", "ip"]),
  labels: new Set(["label", "value"]),
};

export function readStack(outDir: string, stack: string): TfStack {
  return JSON.parse(readFileSync(join(outDir, "stacks", stack, "cdk.tf.json"), "utf8")) as TfStack;
}

/** The synthesized containers of a stack, by container name. */
export function containersOf(outDir: string, stack: string): Map<string, TfContainer> {
  return new Map(
    Object.values(readStack(outDir, stack).resource.docker_container ?? {}).map((c) => [c.name, c]),
  );
}

export interface ApplyOptions {
  /** Which containers to create (by name); all when absent. Networks and volumes are always created. */
  only?: (containerName: string) => boolean;
  /** Extra label on everything created, for cleanup. */
  label: string;
  /**
   * Health check interval to use instead of the synthesized one. Docker runs the first
   * check only after one interval (30 s in the stacks); tests wait for health, so they
   * shorten it. The check command itself is unchanged.
   */
  healthInterval?: string;
}

export async function applyStack(outDir: string, stack: string, options: ApplyOptions): Promise<void> {
  const tf = readStack(outDir, stack);
  const [labelKey, labelValue] = options.label.split("=") as [string, string];
  for (const n of Object.values(tf.resource.docker_network ?? {})) {
    const ipam = n.ipam_config?.[0] ?? {};
    await dockerOk([
      "network",
      "create",
      "--driver",
      n.driver ?? "bridge",
      ...(n.internal ? ["--internal"] : []),
      ...(ipam.subnet ? ["--subnet", ipam.subnet] : []),
      ...(ipam.gateway ? ["--gateway", ipam.gateway] : []),
      ...Object.entries(ipam.aux_address ?? {}).flatMap(([k, v]) => ["--aux-address", `${k}=${v}`]),
      ...Object.entries(n.options ?? {}).flatMap(([k, v]) => ["-o", `${k}=${v}`]),
      ...(n.labels ?? []).flatMap((l) => ["--label", `${l.label}=${l.value}`]),
      "--label",
      `${labelKey}=${labelValue}`,
      n.name,
    ]);
  }
  for (const v of Object.values(tf.resource.docker_volume ?? {})) {
    await dockerOk([
      "volume",
      "create",
      ...(v.labels ?? []).flatMap((l) => ["--label", `${l.label}=${l.value}`]),
      "--label",
      `${labelKey}=${labelValue}`,
      v.name,
    ]);
  }
  const images = new Map(
    Object.entries(tf.resource.docker_image ?? {}).map(([id, i]) => [
      `\${docker_image.${id}.image_id}`,
      i.name,
    ]),
  );
  const containers = Object.entries(tf.resource.docker_container ?? {});
  for (const [, c] of inDependencyOrder(containers)) {
    if (options.only && !options.only(c.name)) continue;
    await createContainer(c, images, `${labelKey}=${labelValue}`, options.healthInterval);
  }
}

function inDependencyOrder(containers: Array<[string, TfContainer]>): Array<[string, TfContainer]> {
  const done = new Set<string>();
  const out: Array<[string, TfContainer]> = [];
  const visit = ([id, c]: [string, TfContainer]) => {
    if (done.has(id)) return;
    done.add(id);
    for (const dep of (c.depends_on as string[] | undefined) ?? []) {
      const found = containers.find(([other]) => dep === `docker_container.${other}`);
      if (found) visit(found);
    }
    out.push([id, c]);
  };
  containers.forEach(visit);
  return out;
}

const shellQuote = (s: string) => (/^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/** Creates (and, unless it is a job, starts) one synthesized container, on `host`'s engine when given. */
export async function createContainer(
  c: TfContainer,
  images: Map<string, string>,
  label: string,
  healthInterval?: string,
  host?: string,
): Promise<void> {
  const dockerOk = (args: string[], o: { timeoutMs?: number } = {}) => dockerOkOn(args, { ...o, host });
  const docker = (args: string[], o: { timeoutMs?: number } = {}) => dockerOn(args, { ...o, host });
  for (const key of Object.keys(c))
    if (!HANDLED.has(key)) throw new Error(`dc-apply does not know attribute ${key} of ${c.name}`);
  // Nested blocks too: an attribute it would drop silently must stop the test instead.
  for (const [block, known] of Object.entries(HANDLED_NESTED)) {
    const value = c[block];
    for (const item of Array.isArray(value) ? value : value ? [value] : [])
      for (const key of Object.keys(item as object))
        if (!known.has(key)) throw new Error(`dc-apply does not know ${block}.${key} of ${c.name}`);
  }
  const image = images.get(c.image) ?? c.image;
  const networks =
    (c.networks_advanced as Array<{ name: string; ipv4_address?: string; aliases?: string[] }> | undefined) ??
    [];
  const [first, ...rest] = networks;
  const caps = c.capabilities as { add?: string[]; drop?: string[] } | undefined;
  const hc = c.healthcheck as
    | { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string }
    | undefined;
  const entrypoint = (c.entrypoint as string[] | undefined) ?? [];
  const command = (c.command as string[] | undefined) ?? [];
  const args = [
    "create",
    "--name",
    c.name,
    "--label",
    label,
    ...((c.labels as Array<{ label: string; value: string }> | undefined) ?? []).flatMap((l) => [
      "--label",
      `${l.label}=${l.value}`,
    ]),
    ...(c.user ? ["--user", String(c.user)] : []),
    ...(c.read_only ? ["--read-only"] : []),
    ...((c.security_opts as string[] | undefined) ?? []).flatMap((o) => ["--security-opt", o]),
    ...(caps?.drop ?? []).flatMap((x) => ["--cap-drop", x]),
    ...(caps?.add ?? []).flatMap((x) => ["--cap-add", x]),
    ...(c.memory ? ["--memory", `${c.memory}m`] : []),
    ...(c.memory_swap ? ["--memory-swap", `${c.memory_swap}m`] : []),
    ...(c.cpu_period ? ["--cpu-period", String(c.cpu_period)] : []),
    ...(c.cpu_quota ? ["--cpu-quota", String(c.cpu_quota)] : []),
    ...(c.log_driver ? ["--log-driver", String(c.log_driver)] : []),
    ...Object.entries((c.log_opts as Record<string, string> | undefined) ?? {}).flatMap(([k, v]) => [
      "--log-opt",
      `${k}=${v}`,
    ]),
    ...Object.entries((c.tmpfs as Record<string, string> | undefined) ?? {}).flatMap(([k, v]) => [
      "--tmpfs",
      `${k}:${v}`,
    ]),
    ...((c.env as string[] | undefined) ?? []).flatMap((e) => ["--env", e]),
    ...((c.group_add as string[] | undefined) ?? []).flatMap((g) => ["--group-add", g]),
    ...Object.entries((c.sysctls as Record<string, string> | undefined) ?? {}).flatMap(([k, v]) => [
      "--sysctl",
      `${k}=${v}`,
    ]),
    ...((c.host as Array<{ host: string; ip: string }> | undefined) ?? []).flatMap((h) => [
      "--add-host",
      `${h.host}:${h.ip}`,
    ]),
    ...(
      (c.ports as Array<{ internal: number; external: number; protocol?: string }> | undefined) ?? []
    ).flatMap((p) => ["--publish", `${p.external}:${p.internal}/${p.protocol ?? "tcp"}`]),
    ...(
      (c.mounts as
        | Array<{
            type: string;
            source: string;
            target: string;
            read_only?: boolean;
            bind_options?: { propagation?: string };
          }>
        | undefined) ?? []
    ).flatMap((m) => [
      "--mount",
      [
        `type=${m.type}`,
        `source=${m.source}`,
        `target=${m.target}`,
        ...(m.read_only ? ["readonly"] : []),
        ...(m.bind_options?.propagation ? [`bind-propagation=${m.bind_options.propagation}`] : []),
      ].join(","),
    ]),
    ...(c.restart ? ["--restart", String(c.restart)] : []),
    ...(hc
      ? [
          "--health-cmd",
          hc.test[0] === "CMD-SHELL" ? (hc.test[1] ?? "") : hc.test.slice(1).map(shellQuote).join(" "),
          ...((healthInterval ?? hc.interval)
            ? ["--health-interval", healthInterval ?? hc.interval ?? ""]
            : []),
          ...(hc.timeout ? ["--health-timeout", hc.timeout] : []),
          ...(hc.retries !== undefined ? ["--health-retries", String(hc.retries)] : []),
          ...(hc.start_period ? ["--health-start-period", hc.start_period] : []),
        ]
      : []),
    ...(c.network_mode ? ["--network", String(c.network_mode)] : []),
    ...(first
      ? [
          "--network",
          first.name,
          ...(first.ipv4_address ? ["--ip", first.ipv4_address] : []),
          ...(first.aliases ?? []).flatMap((a) => ["--network-alias", a]),
        ]
      : []),
    // The CLI takes one entrypoint word; the rest of the synthesized entrypoint leads the command.
    ...(entrypoint[0] ? ["--entrypoint", entrypoint[0]] : []),
    image,
    ...entrypoint.slice(1),
    ...command,
  ];
  await dockerOk(args);
  for (const n of rest) {
    await dockerOk([
      "network",
      "connect",
      ...(n.ipv4_address ? ["--ip", n.ipv4_address] : []),
      ...(n.aliases ?? []).flatMap((a) => ["--alias", a]),
      n.name,
      c.name,
    ]);
  }
  if (c.start === false) return; // a job: the host's schedule (here: the test) starts it
  if (c.attach) {
    const r = await docker(["start", "-a", c.name], { timeoutMs: 120_000 });
    if (r.exitCode !== 0) throw new Error(`${c.name} exited ${r.exitCode}: ${r.stderr}${r.stdout}`);
    return;
  }
  await dockerOk(["start", c.name]);
}

/** Waits until a container's health check passes; throws with its logs when it does not. */
export async function waitHealthy(name: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await docker([
      "inspect",
      "-f",
      "{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}",
      name,
    ]);
    const [status, health] = r.stdout.trim().split(" ");
    if (health === "healthy") return;
    if (status === "exited" || status === "dead" || Date.now() > deadline) {
      const logs = await docker(["logs", "--tail", "40", name]);
      throw new Error(`${name} is ${status}/${health ?? "no health"}:\n${logs.stdout}${logs.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
