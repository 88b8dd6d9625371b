/**
 * Creates on a real swarm what a synthesized swarm stack declares, with the docker CLI, as
 * dc-apply.ts does for one engine (the swarm test's stand-in for `terraform apply`):
 * overlay networks, secrets and services on the manager, volumes and containers on the
 * host their provider alias names. Each attribute maps to its `docker service create`
 * flag one for one; an attribute it does not know makes it throw, never drops silently.
 */
import { readFileSync } from "node:fs";
import { createContainer, readStack, type TfContainer } from "./dc-apply.js";
import { dockerOk } from "./dc-docker.js";

type Json = Record<string, unknown>;
type Labels = Array<{ label: string; value: string }>;

export interface SwarmTarget {
  /** DOCKER_HOST of the manager (the stacks' default provider). */
  manager: string;
  /** DOCKER_HOST by provider alias (the inventory's host ID). */
  hosts: Map<string, string>;
}

export interface SwarmApplyOptions {
  /** Which services and containers to create (by name); all when absent. */
  only?: (name: string) => boolean;
  /** As in dc-apply: the first health check runs after one interval, so tests shorten it. */
  healthInterval?: string;
  /**
   * Create the overlays without `encrypted` (only where the kernel has no IPsec ESP: the
   * caller prints why). Every other attribute is applied as synthesized.
   */
  plainOverlays?: boolean;
}

const SERVICE_KEYS = new Set(["//", "name", "labels", "mode", "task_spec", "endpoint_spec", "depends_on"]);
const TASK_KEYS = new Set([
  "container_spec",
  "resources",
  "restart_policy",
  "log_driver",
  "networks_advanced",
  "placement",
]);
const SPEC_KEYS = new Set([
  "image",
  "user",
  "read_only",
  "cap_drop",
  "cap_add",
  "command",
  "args",
  "env",
  "groups",
  "sysctl",
  "hosts",
  "healthcheck",
  "labels",
  "mounts",
  "secrets",
]);

function known(what: string, value: unknown, keys: ReadonlySet<string>): void {
  for (const key of Object.keys((value ?? {}) as Json))
    if (!keys.has(key)) throw new Error(`dc-apply-swarm does not know ${what}.${key}`);
}

const labelFlags = (flag: string, labels: Labels | undefined) =>
  (labels ?? []).flatMap((l) => [flag, `${l.label}=${l.value}`]);

const shellQuote = (s: string) => (/^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/** `docker service create` arguments for one synthesized docker_service. */
export function serviceCreateArgs(s: Json, images: Map<string, string>, healthInterval?: string): string[] {
  known("docker_service", s, SERVICE_KEYS);
  const task = s.task_spec as Json;
  known("task_spec", task, TASK_KEYS);
  const spec = task.container_spec as Json;
  known("container_spec", spec, SPEC_KEYS);
  const mode = s.mode as { global?: boolean; replicated?: { replicas: number } };
  const hc = spec.healthcheck as
    | { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string }
    | undefined;
  const limits = ((task.resources as Json | undefined)?.limits ?? {}) as {
    memory_bytes?: number;
    nano_cpus?: number;
  };
  const restart = (task.restart_policy ?? {}) as { condition?: string; delay?: string };
  const log = (task.log_driver ?? {}) as { name?: string; options?: Record<string, string> };
  const placement = (task.placement ?? {}) as {
    constraints?: string[];
    prefs?: string[];
    max_replicas?: number;
  };
  const image = String(spec.image);
  return [
    "service",
    "create",
    "--detach",
    "--name",
    String(s.name),
    ...labelFlags("--label", s.labels as Labels),
    ...labelFlags("--container-label", spec.labels as Labels),
    ...(mode.global ? ["--mode", "global"] : ["--replicas", String(mode.replicated?.replicas ?? 1)]),
    ...(spec.user ? ["--user", String(spec.user)] : []),
    ...(spec.read_only ? ["--read-only"] : []),
    ...((spec.cap_drop as string[] | undefined) ?? []).flatMap((c) => ["--cap-drop", c]),
    ...((spec.cap_add as string[] | undefined) ?? []).flatMap((c) => ["--cap-add", c]),
    ...(spec.command ? ["--entrypoint", (spec.command as string[]).map(shellQuote).join(" ")] : []),
    ...Object.entries((spec.env ?? {}) as Record<string, string>).flatMap(([k, v]) => ["--env", `${k}=${v}`]),
    ...((spec.groups as string[] | undefined) ?? []).flatMap((g) => ["--group", g]),
    ...Object.entries((spec.sysctl ?? {}) as Record<string, string>).flatMap(([k, v]) => [
      "--sysctl",
      `${k}=${v}`,
    ]),
    ...((spec.hosts as Array<{ host: string; ip: string }> | undefined) ?? []).flatMap((h) => [
      "--host",
      `${h.host}:${h.ip}`,
    ]),
    ...(hc
      ? [
          "--health-cmd",
          hc.test[0] === "CMD-SHELL" ? (hc.test[1] ?? "") : hc.test.slice(1).map(shellQuote).join(" "),
          "--health-interval",
          healthInterval ?? hc.interval ?? "30s",
          ...(hc.timeout ? ["--health-timeout", hc.timeout] : []),
          ...(hc.retries !== undefined ? ["--health-retries", String(hc.retries)] : []),
          ...(hc.start_period ? ["--health-start-period", hc.start_period] : []),
        ]
      : []),
    ...((spec.mounts as Json[] | undefined) ?? []).flatMap((m) => {
      known("mounts", m, new Set(["type", "source", "target", "read_only", "tmpfs_options", "bind_options"]));
      const size = (m.tmpfs_options as { size_bytes?: number } | undefined)?.size_bytes;
      const propagation = (m.bind_options as { propagation?: string } | undefined)?.propagation;
      return [
        "--mount",
        [
          `type=${m.type}`,
          ...(m.source ? [`source=${m.source}`] : []),
          `target=${m.target}`,
          ...(m.read_only ? ["readonly"] : []),
          ...(size ? [`tmpfs-size=${size}`] : []),
          ...(propagation ? [`bind-propagation=${propagation}`] : []),
        ].join(","),
      ];
    }),
    ...(
      (spec.secrets as
        | Array<{
            secret_name: string;
            file_name: string;
            file_uid: string;
            file_gid: string;
            file_mode: number;
          }>
        | undefined) ?? []
    ).flatMap((x) => [
      "--secret",
      `source=${x.secret_name},target=${x.file_name},uid=${x.file_uid},gid=${x.file_gid},mode=0${x.file_mode.toString(8)}`,
    ]),
    ...(limits.memory_bytes ? ["--limit-memory", String(limits.memory_bytes)] : []),
    ...(limits.nano_cpus ? ["--limit-cpu", String(limits.nano_cpus / 1e9)] : []),
    ...(restart.condition ? ["--restart-condition", restart.condition] : []),
    ...(restart.delay ? ["--restart-delay", restart.delay] : []),
    ...(log.name ? ["--log-driver", log.name] : []),
    ...Object.entries(log.options ?? {}).flatMap(([k, v]) => ["--log-opt", `${k}=${v}`]),
    ...((task.networks_advanced as Array<{ name: string; aliases?: string[] }> | undefined) ?? []).flatMap(
      (n) => ["--network", [`name=${n.name}`, ...(n.aliases ?? []).map((a) => `alias=${a}`)].join(",")],
    ),
    ...(placement.constraints ?? []).flatMap((c) => ["--constraint", c]),
    ...(placement.prefs ?? []).flatMap((p) => ["--placement-pref", p]),
    ...(placement.max_replicas ? ["--replicas-max-per-node", String(placement.max_replicas)] : []),
    ...((s.endpoint_spec as { mode?: string } | undefined)?.mode
      ? ["--endpoint-mode", String((s.endpoint_spec as { mode: string }).mode)]
      : []),
    ...(
      ((s.endpoint_spec as Json | undefined)?.ports as
        | Array<{ target_port: number; published_port?: number; protocol?: string; publish_mode?: string }>
        | undefined) ?? []
    ).flatMap((p) => [
      "--publish",
      `published=${p.published_port},target=${p.target_port},protocol=${p.protocol ?? "tcp"},mode=${p.publish_mode ?? "ingress"}`,
    ]),
    images.get(image) ?? image,
    ...((spec.args as string[] | undefined) ?? []),
  ];
}

/** The file a docker_secret reads when Terraform applies: `${filebase64("<path>")}`. */
function secretFile(data: string): string {
  const m = /^\$\{filebase64\("(.+)"\)\}$/.exec(data);
  if (!m?.[1]) throw new Error(`a docker_secret's data is not a filebase64 of a file: ${data}`);
  return m[1];
}

export async function applySwarmStack(
  outDir: string,
  stack: string,
  target: SwarmTarget,
  options: SwarmApplyOptions = {},
): Promise<void> {
  const tf = readStack(outDir, stack).resource as Record<string, Record<string, Json> | undefined>;
  const on = (provider: unknown): string => {
    if (provider === undefined) return target.manager;
    const host = target.hosts.get(String(provider).replace(/^docker\./, ""));
    if (!host) throw new Error(`no engine for provider ${String(provider)}`);
    return host;
  };
  for (const n of Object.values(tf.docker_network ?? {})) {
    known(
      "docker_network",
      n,
      new Set(["//", "name", "driver", "attachable", "internal", "ipam_config", "options", "labels"]),
    );
    const ipam = ((n.ipam_config as Json[] | undefined)?.[0] ?? {}) as {
      subnet?: string;
      gateway?: string;
      aux_address?: Record<string, string>;
    };
    await dockerOk(
      [
        "network",
        "create",
        "--driver",
        String(n.driver),
        ...(n.attachable ? ["--attachable"] : []),
        ...(n.internal ? ["--internal"] : []),
        ...(ipam.subnet ? ["--subnet", ipam.subnet] : []),
        ...(ipam.gateway ? ["--gateway", ipam.gateway] : []),
        ...Object.entries(ipam.aux_address ?? {}).flatMap(([k, v]) => ["--aux-address", `${k}=${v}`]),
        ...Object.entries((n.options ?? {}) as Record<string, string>)
          .filter(([k]) => !(options.plainOverlays && k === "encrypted"))
          .flatMap(([k, v]) => ["--opt", `${k}=${v}`]),
        ...labelFlags("--label", n.labels as Labels),
        String(n.name),
      ],
      { host: target.manager },
    );
  }
  for (const v of Object.values(tf.docker_volume ?? {}))
    await dockerOk(["volume", "create", ...labelFlags("--label", v.labels as Labels), String(v.name)], {
      host: on(v.provider),
    });
  for (const s of Object.values(tf.docker_secret ?? {}))
    await dockerOk(["secret", "create", ...labelFlags("--label", s.labels as Labels), String(s.name), "-"], {
      host: target.manager,
      input: readFileSync(secretFile(String(s.data)), "utf8"),
    });
  const images = new Map(
    Object.entries(tf.docker_image ?? {}).map(([id, i]) => [
      `\${docker_image.${id}.image_id}`,
      String(i.name),
    ]),
  );
  for (const c of Object.values(tf.docker_container ?? {})) {
    if (options.only && !options.only(String(c.name))) continue;
    const { provider, ...container } = c;
    await createContainer(
      container as TfContainer,
      images,
      "attt.test=swarm",
      options.healthInterval,
      on(provider),
    );
  }
  for (const s of Object.values(tf.docker_service ?? {})) {
    if (options.only && !options.only(String(s.name))) continue;
    await dockerOk(serviceCreateArgs(s, images, options.healthInterval), { host: target.manager });
  }
}
