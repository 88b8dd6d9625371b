/**
 * A Docker container that is secure unless told otherwise, with a reason:
 * read-only root filesystem, every capability dropped, no-new-privileges, a non-root
 * user, a health check (services), a restart policy, memory and CPU limits, rotated
 * json-file logs, and labels naming the owner unit, the security level and the plan
 * requirements served. Each loosening needs a HardeningException (see exceptions.ts).
 * In a swarm the stack places it (Placer): a long-running one becomes a Swarm service with
 * the same settings (swarm-service.ts), a job or init a container on its host.
 */
import { Container, type ContainerConfig } from "@cdktf/provider-docker/lib/container/index.js";
import type { DockerProvider } from "@cdktf/provider-docker/lib/provider/index.js";
import type { Service } from "@cdktf/provider-docker/lib/service/index.js";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { terraformData } from "../../templates/escape/terraform.js";
import {
  baseLabels,
  HardeningError,
  type HardeningException,
  type HardeningSetting,
  LABEL,
  labelList,
  type OwnershipLabels,
  reconcileExceptions,
} from "./exceptions.js";

/** The unprivileged user a container runs as unless it says otherwise. */
export const DEFAULT_USER = "65534:65534";

export interface ContainerNetwork {
  network: string;
  ipv4Address: string;
  aliases?: string[];
}

export type ContainerMount =
  /** A named Docker volume. */
  | { kind: "volume"; source: string; target: string; readOnly: boolean }
  /** A generated configuration file or directory (under the configDir). Always read-only. */
  | { kind: "config"; source: string; target: string }
  /** An operator secret (under the secretsDir). Always read-only. */
  | { kind: "secret"; source: string; target: string }
  /** Any other host path: needs the host-mount exception. */
  | { kind: "host"; source: string; target: string; readOnly: boolean; propagation?: "rslave" | "rprivate" };

export interface HardenedContainerProps {
  /** Docker container name. */
  name: string;
  /** Image ID or reference. */
  image: string;
  datacentre: string;
  /** What the container is (service, firewall, backup-job ...): a label for policies. */
  role: string;
  /** Zone ID(s) it sits in, for the label. */
  zones: string[];
  ownership: OwnershipLabels;
  /**
   * service: long-running (restart policy, health check);
   * job: created stopped, started on schedule by the host, exits;
   * init: runs once at deploy, Terraform waits for it to finish (volume ownership).
   */
  lifecycle: "service" | "job" | "init";
  /** Networks with fixed addresses; none means no network at all (network mode none). */
  networks: ContainerNetwork[];
  user?: string;
  entrypoint?: string[];
  command?: string[];
  env?: Record<string, string>;
  /** Required for services: a Docker health check command (CMD form). */
  healthcheck?: {
    test: string[];
    interval?: string;
    timeout?: string;
    retries?: number;
    startPeriod?: string;
  };
  memoryMb: number;
  /** CPU quota, e.g. "0.5". */
  cpus: string;
  capabilitiesAdd?: string[];
  mounts?: ContainerMount[];
  /** tmpfs mounts; /tmp is always there (noexec, nosuid, nodev). */
  tmpfs?: Record<string, string>;
  hosts?: Array<{ host: string; ip: string }>;
  ports?: Array<{ internal: number; external: number; protocol: "tcp" | "udp" }>;
  sysctls?: Record<string, string>;
  groupAdd?: string[];
  readOnlyRootFilesystem?: boolean;
  noNewPrivileges?: boolean;
  /** Extra labels (service ID, backup coverage, config hash ...). */
  labels?: Record<string, string>;
  exceptions?: HardeningException[];
  dependsOn?: ContainerConfig["dependsOn"];
  /** In a swarm: the host a job or init runs on, when its volumes do not say (one per host). */
  onHost?: string;
}

/**
 * Where a container runs in a swarm (stacks/swarm-placement.ts decides): a plain container
 * on one host, through that host's provider (jobs, one-shot inits), or a Swarm service.
 */
export type Placement =
  | { kind: "host"; host: string; provider: DockerProvider }
  | {
      kind: "service";
      /** build: the docker_service, from the hardened settings the container would have had. */
      build: (scope: Construct, hardened: HardenedSettings) => Service;
    };

/** The settings every hardened workload gets, checked once, whatever runs it. */
export interface HardenedSettings {
  props: HardenedContainerProps;
  user: string;
  readOnly: boolean;
  noNewPrivileges: boolean;
  capabilitiesAdd: string[];
  labels: Record<string, string>;
  tmpfs: Record<string, string>;
  env: Record<string, string>;
  mounts: ContainerMount[];
}

/** The stack that places workloads on a swarm's hosts (DatacentreStack); none on one host. */
interface Placer {
  place(props: HardenedContainerProps): Placement | undefined;
}

const ROOT_USERS = /^(0|root)(:.*)?$/;

const CPU_PERIOD_US = 100_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class HardenedContainer extends Construct {
  /** The docker_container, or the docker_service in a swarm: what others depend on. */
  readonly container: Container | Service;
  readonly exceptions: HardeningException[];

  constructor(scope: Construct, id: string, props: HardenedContainerProps) {
    super(scope, id);
    const user = props.user ?? DEFAULT_USER;
    const readOnly = props.readOnlyRootFilesystem ?? true;
    const noNewPrivileges = props.noNewPrivileges ?? true;
    const mounts = props.mounts ?? [];

    const used = new Set<HardeningSetting>();
    if (ROOT_USERS.test(user)) used.add("run-as-root");
    if ((props.capabilitiesAdd ?? []).length > 0) used.add("add-capabilities");
    if (!readOnly) used.add("read-only-root");
    if (!noNewPrivileges) used.add("no-new-privileges");
    if (mounts.some((m) => m.kind === "host")) used.add("host-mount");
    if ((props.ports ?? []).length > 0) used.add("publish-ports");
    if (Object.keys(props.sysctls ?? {}).length > 0) used.add("sysctls");
    this.exceptions = reconcileExceptions(props.name, used, props.exceptions ?? []);

    if (props.lifecycle === "service" && !props.healthcheck) {
      throw new HardeningError(props.name, "a service container needs a health check");
    }
    if (!(props.memoryMb > 0) || !(Number(props.cpus) > 0)) {
      throw new HardeningError(props.name, "memory and CPU limits are required");
    }

    const labels = {
      ...baseLabels(props.datacentre, props.role, props.ownership, this.exceptions),
      [LABEL.zone]: [...props.zones].sort().join(","),
      [LABEL.lifecycle]: props.lifecycle,
      ...props.labels,
    };
    const tmpfs = { "/tmp": "rw,noexec,nosuid,nodev,size=64m", ...props.tmpfs };
    const env = props.env ?? {};
    const placement = (TerraformStack.of(scope) as Partial<Placer>).place?.(props);
    if (placement?.kind === "service") {
      const capabilitiesAdd = (props.capabilitiesAdd ?? []).map(canonicalCapability).sort();
      this.container = placement.build(this, {
        props,
        user,
        readOnly,
        noNewPrivileges,
        capabilitiesAdd,
        labels,
        tmpfs,
        env,
        mounts,
      });
      return;
    }

    const config: Mutable<ContainerConfig> = {
      name: props.name,
      image: props.image,
      user,
      readOnly,
      securityOpts: noNewPrivileges ? ["no-new-privileges:true"] : [],
      // Docker stores capabilities as CAP_<NAME>; writing them so keeps Terraform from
      // seeing a difference (and replacing the container) on every plan.
      capabilities: { drop: ["ALL"], add: (props.capabilitiesAdd ?? []).map(canonicalCapability).sort() },
      memory: props.memoryMb,
      memorySwap: props.memoryMb, // no swap beyond the memory limit
      // CFS quota rather than the provider's `cpus`: kreuzwerker/docker 3.6.2 crashes on
      // `cpus` (it reads the string attribute as a float32).
      cpuPeriod: CPU_PERIOD_US,
      cpuQuota: Math.round(Number(props.cpus) * CPU_PERIOD_US),
      logDriver: "json-file",
      logOpts: { "max-size": "10m", "max-file": "5" },
      tmpfs: sortedRecord(tmpfs),
      env: Object.keys(env)
        .sort()
        .map((k) => `${k}=${env[k]}`),
      labels: labelList(labels),
      mounts: mounts.map(toProviderMount),
      ...(props.entrypoint ? { entrypoint: props.entrypoint } : {}),
      ...(props.command ? { command: props.command } : {}),
      ...(props.groupAdd && props.groupAdd.length > 0 ? { groupAdd: props.groupAdd } : {}),
      ...(props.sysctls && Object.keys(props.sysctls).length > 0
        ? { sysctls: sortedRecord(props.sysctls) }
        : {}),
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
    };

    if (props.networks.length === 0) config.networkMode = "none";
    else
      config.networksAdvanced = props.networks.map((n) => ({
        name: n.network,
        ipv4Address: n.ipv4Address,
        aliases: n.aliases ?? [],
      }));
    if (props.hosts && props.hosts.length > 0)
      config.host = [...props.hosts].sort((a, b) => (a.host < b.host ? -1 : 1));
    if (props.ports && props.ports.length > 0) config.ports = props.ports;

    if (props.lifecycle === "service") {
      const hc = props.healthcheck as NonNullable<HardenedContainerProps["healthcheck"]>;
      config.restart = "unless-stopped";
      config.healthcheck = {
        test: hc.test,
        interval: goDuration(hc.interval ?? "30s"),
        timeout: goDuration(hc.timeout ?? "5s"),
        retries: hc.retries ?? 3,
        startPeriod: goDuration(hc.startPeriod ?? "30s"),
      };
    } else if (props.lifecycle === "job") {
      // A job is created, not started: the host's schedule starts it (`docker start -a`),
      // and it exits. Terraform must not try to keep it running.
      config.restart = "no";
      config.start = false;
      config.mustRun = false;
    } else {
      // Started once and waited for; its exit is the end of its work, not a failure to restart.
      config.restart = "no";
      config.attach = true;
      config.mustRun = false;
    }

    // Names, labels (an exception's reason is free text), mounts ...: literal to Terraform.
    // On a swarm, a container runs on the one host it is placed on, through that host's provider.
    this.container = new Container(this, "container", {
      ...terraformData(config),
      ...(placement ? { provider: placement.provider } : {}),
    });
  }
}

function toProviderMount(m: ContainerMount) {
  switch (m.kind) {
    case "volume":
      return { type: "volume", source: m.source, target: m.target, readOnly: m.readOnly };
    case "config":
    case "secret":
      return { type: "bind", source: m.source, target: m.target, readOnly: true };
    case "host":
      return {
        type: "bind",
        source: m.source,
        target: m.target,
        readOnly: m.readOnly,
        ...(m.propagation ? { bindOptions: { propagation: m.propagation } } : {}),
      };
  }
}

/**
 * A duration as Docker reports it back (Go's format: 90s is "1m30s"), so Terraform
 * sees no difference after the apply.
 */
export function goDuration(text: string): string {
  const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === "") throw new Error(`duration "${text}" must be written as [Nm][Ns]`);
  const total = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  const minutes = Math.floor(total / 60);
  return minutes > 0 ? `${minutes}m${total % 60}s` : `${total}s`;
}

function canonicalCapability(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
}

export function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k] as string]),
  );
}
