/**
 * The scripts of the synth output that run outside Terraform: prepare-host.sh (on the
 * Docker host, before the first apply), deploy.sh and teardown.sh (where Terraform runs) and,
 * for a swarm, swarm-nodes.sh (on a manager: the node labels placement reads). Rendered
 * after the stacks are synthesized, from the plan and the stacks' own image list.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderServiceTemplate } from "../templates/handlebars.js";
import { containerStateScript } from "./config/container-state.js";
import { type DatacentrePlan, INFRA } from "./datacentre-plan.js";
import { BACKUP_GID, serviceRuntime } from "./runtime.js";
import { NODE_LABEL } from "./swarm-plan.js";

export interface HostScript {
  path: string;
  content: string;
}

/** Every image the synthesized stacks run (references, or IDs when pinned to an archive), sorted. */
export function stackImages(outDir: string, stacks: ReadonlyArray<string>): string[] {
  const refs = new Set<string>();
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(outDir, "stacks", stack, "cdk.tf.json"), "utf8")) as {
      resource?: {
        docker_image?: Record<string, { name: string }>;
        docker_container?: Record<string, { image: string }>;
        docker_service?: Record<string, { task_spec: { container_spec: { image: string } } }>;
      };
    };
    for (const image of Object.values(json.resource?.docker_image ?? {})) refs.add(image.name);
    // A container names its image resource, or (pinned) the image ID itself.
    for (const c of Object.values(json.resource?.docker_container ?? {}))
      if (!c.image.startsWith("${")) refs.add(c.image);
    for (const s of Object.values(json.resource?.docker_service ?? {}))
      if (!s.task_spec.container_spec.image.startsWith("${")) refs.add(s.task_spec.container_spec.image);
  }
  return [...refs].sort();
}

/** The secrets prepare-host.sh generates (relative to the secrets directory), in the order it writes them. */
function generatedSecrets(
  services: ReadonlyArray<{ id: string; postgres: boolean; evidence: boolean }>,
): string[] {
  return [
    "backup/repository-password",
    "backup/htpasswd",
    "backup/client-repository",
    ...services.flatMap((s) => [
      ...(s.postgres ? [`postgres/${s.id}/password`] : []),
      ...(s.evidence ? [`evidence/${s.id}/owner-password`, `evidence/${s.id}/service-password`] : []),
    ]),
  ];
}

export function hostScripts(plan: DatacentrePlan, images: ReadonlyArray<string>): HostScript[] {
  const dc = plan.dc.id;
  const { provincialSoc, nationalSoc } = plan.dc.monitoring;
  const services = [...plan.dc.services]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((svc) => ({
      id: svc.id,
      gid: serviceRuntime(svc, plan.options.images).user.split(":")[1] ?? "",
      postgres: svc.kind === "postgres",
      evidence: svc.kind === "evidence",
    }));
  return [
    { path: "deploy.sh", content: renderServiceTemplate("deploy.sh", { dc }) },
    { path: "teardown.sh", content: renderServiceTemplate("teardown.sh", { dc }) },
    {
      path: "prepare-host.sh",
      content: renderServiceTemplate("prepare-host.sh", {
        dc,
        configDir: plan.options.configDir,
        secretsDir: plan.options.secretsDir,
        offlineDir: plan.dc.backup.offline.path,
        backupGid: BACKUP_GID,
        services,
        socTls: [provincialSoc, nationalSoc].some((s) => s.protocol === "syslog-tls"),
        repositoryPrefix: "rest:http://client:",
        repositorySuffix: `@${INFRA.backupServer.id}:${INFRA.backupServer.port}/${dc}/`,
        offlineCopy: `attt-${dc}-offline-copy`,
        containerState: containerStateScript(dc).replace(/^host\//, ""),
        cron: `attt-${dc}`,
        egress: `attt-${dc}-egress.nft`,
        swarm: plan.swarm !== undefined,
        firstHost: plan.swarm?.manager.id ?? "",
        hostList: plan.swarm?.hosts.map((h) => h.id).join(" ") ?? "",
        generatedSecrets: generatedSecrets(services),
        images,
      }),
    },
    ...(plan.swarm
      ? [
          {
            path: "swarm-nodes.sh",
            content: renderServiceTemplate("swarm-nodes.sh", {
              dc,
              hosts: plan.swarm.hosts.map((h) => ({
                id: h.id,
                role: h.role,
                zoneList: h.zones.join(" "),
                hostLabel: `${NODE_LABEL.host}=${h.id}`,
                zoneLabels: h.zones.map((z) => `${NODE_LABEL.zone(z)}=true`),
              })),
            }),
          },
        ]
      : []),
  ];
}
