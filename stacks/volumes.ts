/**
 * Every named volume of the data centre, with the owner its only writer runs as. All of
 * them belong to the storage stack (storage-stack.ts), apart from the containers using
 * them. Docker creates a volume's root directory as root; the storage stack's one-shot
 * init job sets owner and mode before the containers that use it start.
 */
import type { DatacentrePlan } from "./datacentre-plan.js";
import { PREFIX, volumeName } from "./naming.js";
import { BACKUP_GID, serviceRuntime, UIDS } from "./runtime.js";

export type StackName = "network" | "storage" | "data" | "backup" | "monitoring";

export interface PlannedVolume {
  name: string;
  /** uid:gid */
  owner: string;
  mode: string;
  /** Holds data that backups must cover (a service's data volume). */
  data: boolean;
  /** The service it belongs to, when it does. */
  service?: string;
  /** For a dump volume: the names of the data volumes whose dump it holds. */
  dumpOf?: string[];
}

export const INFRA_VOLUMES = {
  repository: "backup-server-repository",
  metrics: "jobs-metrics",
  drillScratch: "restore-drill-scratch",
  prometheusData: "prometheus-data",
  alertmanagerData: "alertmanager-data",
  logQueue: "log-relay-queue",
} as const;

export function planVolumes(plan: DatacentrePlan): PlannedVolume[] {
  const dc = plan.dc.id;
  const infra = (key: keyof typeof INFRA_VOLUMES, owner: string, mode: string): PlannedVolume => ({
    name: infraVolumeName(dc, INFRA_VOLUMES[key]),
    owner,
    mode,
    data: false,
  });
  const services = [...plan.dc.services].sort((a, b) => (a.id < b.id ? -1 : 1));
  return [
    ...services.flatMap((svc) =>
      [...svc.volumes]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((v) => ({
          name: volumeName(dc, svc.id, v.id),
          owner: serviceRuntime(svc, plan.options.images).volumeOwner,
          mode: serviceRuntime(svc, plan.options.images).volumeMode,
          data: v.data,
          service: svc.id,
        })),
    ),
    // A database's dump volume, written by its dump job as the database's own user.
    ...plan.databaseDumps.map((d) => {
      const runtime = serviceRuntime(d.service, plan.options.images);
      return {
        name: d.volume,
        owner: runtime.volumeOwner,
        mode: "0700",
        data: false,
        service: d.service.id,
        dumpOf: d.covers.map((v) => volumeName(dc, d.service.id, v)),
      };
    }),
    infra("repository", UIDS.backupServer, "0700"),
    // setgid: files the jobs write stay readable to node-exporter through the group.
    infra("metrics", `0:${BACKUP_GID}`, "2775"),
    infra("drillScratch", UIDS.backupReader, "0700"),
    infra("prometheusData", UIDS.nobody, "0700"),
    infra("alertmanagerData", UIDS.nobody, "0700"),
    infra("logQueue", "0:0", "0700"),
  ];
}

/**
 * Infrastructure volumes: a dot separates the name from the data centre ID, a character
 * no inventory ID holds, so they never collide with a service's volume.
 */
const infraVolumeName = (dc: string, name: string) => `${PREFIX}-${dc}.${name}`;

export const volumeOf = (plan: DatacentrePlan, key: keyof typeof INFRA_VOLUMES) =>
  infraVolumeName(plan.dc.id, INFRA_VOLUMES[key]);
