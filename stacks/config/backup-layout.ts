/**
 * Where the backup parts find each other: secret files, mount points, the repository.
 * Shared by the generated scripts and the backup stack so the two cannot disagree.
 */
import type { BackupTarget, DatacentrePlan } from "../datacentre-plan.js";
import { containerName } from "../naming.js";
import { PATHS } from "../runtime.js";
import { promLabelValue } from "./files.js";

export const SECRET_FILES = {
  /** restic repository password (the data is encrypted with it). */
  repositoryPassword: "backup/repository-password",
  /** rest:http://<client>:<password>@attt-backup-server:8000/<dc>/ : the client credential. */
  clientRepository: "backup/client-repository",
  /** htpasswd (bcrypt) of the REST server: the client's user. */
  htpasswd: "backup/htpasswd",
} as const;

export interface BackupLayout {
  /** Repository directory inside the backup server's volume, as the server and retention see it. */
  repositoryDir: string;
  passwordFile: string;
  clientRepositoryFile: string;
  /** Where a service volume is mounted in its backup job (read-only) and, under restoreRoot, in its restore job. */
  volumePath: (service: string, volume: string) => string;
  restoreRoot: string;
  drillScratch: string;
  jobName: (kind: "backup-job" | "restore-job", service: string) => string;
  container: (name: string) => string;
  metricLabels: (labels: Record<string, string>) => string;
}

export function backupLayout(plan: DatacentrePlan): BackupLayout {
  const dc = plan.dc.id;
  return {
    repositoryDir: `${PATHS.repository}/${dc}`,
    passwordFile: `${PATHS.secrets}/${SECRET_FILES.repositoryPassword}`,
    clientRepositoryFile: `${PATHS.secrets}/${SECRET_FILES.clientRepository}`,
    volumePath: (service, volume) => `/backup/${service}/${volume}`,
    restoreRoot: "/restore",
    drillScratch: "/var/lib/attt/drill",
    jobName: (kind, service) => `${kind}-${service}`,
    container: (name) => containerName(dc, name),
    metricLabels: (labels) =>
      Object.keys(labels)
        .sort()
        .map((k) => `${k}=${promLabelValue(labels[k] as string)}`)
        .join(","),
  };
}

export const coveredVolumes = (t: BackupTarget) => t.covers.map((v) => `${t.service.id}/${v}`);
