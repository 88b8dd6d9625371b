/**
 * A hardened container as a Swarm service (docker_service): the same user, read-only root,
 * capabilities (ALL dropped, the reasoned ones added), sysctls, limits, health check, log
 * rotation and labels as HardenedContainer gives a container, plus where it may run.
 *
 * What a service cannot carry as a container does, and how it still holds:
 * - a fixed address: Swarm gives tasks addresses itself; the zone's overlay network, the
 *   task's alias (its service ID) and the zone firewall keep the flows (stacks/README.md);
 * - no-new-privileges: not in the provider's service spec; every engine of the swarm sets it
 *   for all containers (daemon.json "no-new-privileges": true, stacks/swarm-nodes.sh checks it),
 *   and the label attt.no-new-privileges says where it comes from;
 * - operator secrets: Swarm secrets (docker_secret, read from the file when Terraform
 *   applies, never written into cdk.tf.json), mounted read-only at the same paths.
 */
import {
  Service,
  type ServiceTaskSpecContainerSpecMounts,
} from "@cdktf/provider-docker/lib/service/index.js";
import type { Construct } from "constructs";
import { terraformData } from "../../templates/escape/terraform.js";
import { labelList } from "./exceptions.js";
import { goDuration, type HardenedSettings, sortedRecord } from "./hardened-container.js";

export interface SwarmSecretFile {
  /** The docker_secret's ID (a Terraform reference). */
  secretId: string;
  secretName: string;
  /** Where the task reads it. */
  fileName: string;
}

export interface SwarmServiceSpec {
  mode: { global: true } | { replicas: number };
  constraints: string[];
  /** Spread the replicas over hosts (one task per host at most). */
  spreadOver?: string;
  /** The secret files a `secret` mount stands for, with the group allowed to read them. */
  secrets: (mount: { source: string; target: string }) => SwarmSecretFile[];
}

const CPU_NANOS = 1_000_000_000;
const MIB = 1024 * 1024;

export function swarmService(scope: Construct, h: HardenedSettings, spec: SwarmServiceSpec): Service {
  const p = h.props;
  const hc = p.healthcheck;
  if (!hc) throw new Error(`${p.name}: a service needs a health check (checked before)`);
  const gid = p.groupAdd?.[0] ?? h.user.split(":")[1] ?? "0";
  const mounts: ServiceTaskSpecContainerSpecMounts[] = [];
  const secrets: Array<SwarmSecretFile & { fileUid: string; fileGid: string; fileMode: number }> = [];
  for (const m of h.mounts) {
    if (m.kind === "secret") {
      for (const s of spec.secrets(m)) secrets.push({ ...s, fileUid: "0", fileGid: gid, fileMode: 0o440 });
      continue;
    }
    mounts.push(
      m.kind === "volume"
        ? { type: "volume", source: m.source, target: m.target, readOnly: m.readOnly }
        : m.kind === "config"
          ? { type: "bind", source: m.source, target: m.target, readOnly: true }
          : {
              type: "bind",
              source: m.source,
              target: m.target,
              readOnly: m.readOnly,
              ...(m.propagation ? { bindOptions: { propagation: m.propagation } } : {}),
            },
    );
  }
  // No size on a service's tmpfs: the kreuzwerker/docker provider (3.6.2) crashes on
  // tmpfs_options.size_bytes in a docker_service (kreuzwerker/terraform-provider-docker#563,
  // found by applying the stacks with Terraform in test/stacks/swarm-real.test.ts). The
  // task's memory limit still bounds it: tmpfs pages count against the container's memory.
  for (const target of Object.keys(h.tmpfs).sort()) mounts.push({ type: "tmpfs", target });
  const labels = { ...h.labels, "attt.no-new-privileges": h.noNewPrivileges ? "engine" : "off" };
  const config = {
    name: p.name,
    labels: labelList(labels),
    mode: "global" in spec.mode ? { global: true } : { replicated: { replicas: spec.mode.replicas } },
    taskSpec: {
      containerSpec: {
        image: p.image,
        user: h.user,
        readOnly: h.readOnly,
        capDrop: ["ALL"],
        ...(h.capabilitiesAdd.length > 0 ? { capAdd: h.capabilitiesAdd } : {}),
        ...(p.entrypoint ? { command: p.entrypoint } : {}),
        ...(p.command ? { args: p.command } : {}),
        env: sortedRecord(h.env),
        ...(p.groupAdd && p.groupAdd.length > 0 ? { groups: p.groupAdd } : {}),
        ...(p.sysctls && Object.keys(p.sysctls).length > 0 ? { sysctl: sortedRecord(p.sysctls) } : {}),
        ...(p.hosts && p.hosts.length > 0
          ? { hosts: [...p.hosts].sort((a, b) => (a.host < b.host ? -1 : 1)) }
          : {}),
        healthcheck: {
          test: hc.test,
          interval: goDuration(hc.interval ?? "30s"),
          timeout: goDuration(hc.timeout ?? "5s"),
          retries: hc.retries ?? 3,
          startPeriod: goDuration(hc.startPeriod ?? "30s"),
        },
        labels: labelList(labels),
        mounts,
        secrets: secrets.sort((a, b) => (a.fileName < b.fileName ? -1 : 1)),
      },
      resources: {
        limits: { memoryBytes: p.memoryMb * MIB, nanoCpus: Math.round(Number(p.cpus) * CPU_NANOS) },
      },
      // Restarted wherever the constraints allow, also after its host fails.
      restartPolicy: { condition: "any", delay: "5s" },
      logDriver: { name: "json-file", options: { "max-file": "5", "max-size": "10m" } },
      networksAdvanced: p.networks.map((n) => ({ name: n.network, aliases: n.aliases ?? [] })),
      placement: {
        constraints: [...spec.constraints].sort(),
        ...(spec.spreadOver ? { prefs: [`spread=${spec.spreadOver}`], maxReplicas: 1 } : {}),
      },
    },
    // Found by DNS, its name resolving to its running tasks' addresses: no IPVS in the
    // clients' namespaces (absent from some kernels), as the zone firewall. Published ports
    // in host mode: only the hosts running a task (those carrying its zone) listen, where
    // Swarm's ingress mesh would open the port on every host of the swarm.
    endpointSpec: {
      mode: "dnsrr",
      ...(p.ports && p.ports.length > 0
        ? {
            ports: p.ports.map((port) => ({
              targetPort: port.internal,
              publishedPort: port.external,
              protocol: port.protocol,
              publishMode: "host",
            })),
          }
        : {}),
    },
    ...(p.dependsOn ? { dependsOn: p.dependsOn } : {}),
  };
  // The secret IDs are Terraform references (to docker_secret resources), not data.
  const { secrets: secretRefs, ...containerSpec } = config.taskSpec.containerSpec;
  const literal = terraformData({ ...config, taskSpec: { ...config.taskSpec, containerSpec } });
  return new Service(scope, "service", {
    ...literal,
    taskSpec: {
      ...literal.taskSpec,
      containerSpec: {
        ...literal.taskSpec.containerSpec,
        secrets: secretRefs.map((s) => ({
          ...s,
          ...terraformData({ fileName: s.fileName, secretName: s.secretName }),
        })),
      },
    },
  });
}
