/** The backup, restore, drill, retention and offline-copy scripts, and the host's schedules. */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import type { DatacentrePlan } from "../datacentre-plan.js";
import { PATHS } from "../runtime.js";
import { backupLayout } from "./backup-layout.js";
import { type ConfigFile, data, script } from "./files.js";
import { DUMP_FILES } from "./postgres.js";

export function backupConfig(plan: DatacentrePlan): ConfigFile[] {
  const dc = plan.dc.id;
  const layout = backupLayout(plan);
  const keep = plan.dc.backup.keep;
  const files: ConfigFile[] = [
    data(
      "backup/common.sh",
      renderServiceTemplate("backup-common.sh", {
        dc,
        passwordFile: layout.passwordFile,
        metricsDir: PATHS.metrics,
      }),
    ),
  ];
  for (const t of plan.backupTargets) {
    const service = t.service.id;
    files.push(
      script(
        `backup/${layout.jobName("backup-job", service)}.sh`,
        renderServiceTemplate("backup-job.sh", {
          dc,
          service,
          job: layout.jobName("backup-job", service),
          repositoryFile: layout.clientRepositoryFile,
          metricLabels: layout.metricLabels({ datacentre: dc, service }),
          volumes: t.volumes.map((v) => ({ tag: `volume=${v.id}`, path: layout.volumePath(service, v.id) })),
          ...(t.dump ? { dumpStamp: `${layout.volumePath(service, "dump")}/${DUMP_FILES.stamp}` } : {}),
        }),
      ),
      script(
        `backup/${layout.jobName("restore-job", service)}.sh`,
        renderServiceTemplate("restore-job.sh", {
          dc,
          service,
          container: layout.container(layout.jobName("restore-job", service)),
          passwordFile: layout.passwordFile,
          repositoryFile: layout.clientRepositoryFile,
          target: layout.restoreRoot,
        }),
      ),
    );
  }
  files.push(
    script(
      "backup/restore-drill.sh",
      renderServiceTemplate("restore-drill.sh", {
        dc,
        repositoryFile: layout.clientRepositoryFile,
        scratch: layout.drillScratch,
        metricLabels: layout.metricLabels({ datacentre: dc }),
        services: plan.backupTargets.map((t) => ({ id: t.service.id, tag: `service=${t.service.id}` })),
      }),
    ),
    script(
      "backup/retention.sh",
      renderServiceTemplate("retention.sh", {
        dc,
        repository: layout.repositoryDir,
        daily: keep.daily,
        weekly: keep.weekly,
        monthly: keep.monthly,
        metricLabels: layout.metricLabels({ datacentre: dc }),
      }),
    ),
    script(
      "backup/offline-copy.sh",
      renderServiceTemplate("offline-copy.sh", {
        dc,
        target: PATHS.offline,
        repositoryFile: layout.clientRepositoryFile,
        metricLabels: layout.metricLabels({ datacentre: dc }),
      }),
    ),
  );
  return files;
}

/** The Docker host's crontab and offline-copy wrapper. */
export function hostScheduleConfig(plan: DatacentrePlan): ConfigFile[] {
  const dc = plan.dc.id;
  const layout = backupLayout(plan);
  const start = (name: string) => ["/usr/bin/docker", "start", "-a", layout.container(name)];
  const jobs = [
    ...plan.backupTargets.map((t) => ({
      what: t.dump
        ? `dump, then backup of service ${t.service.id} (the backup fails if the dump did)`
        : `backup of service ${t.service.id}`,
      schedule: plan.dc.backup.schedule,
      argv: start(layout.jobName("backup-job", t.service.id)),
      ...(t.dump ? { before: start(`dump-${t.service.id}`) } : {}),
    })),
    {
      what: "server-side retention (forget --prune)",
      schedule: plan.options.retentionSchedule,
      argv: start("retention"),
    },
    { what: "restore drill", schedule: plan.dc.backup.restoreDrill, argv: start("restore-drill") },
    {
      what: `offline copy to ${plan.dc.backup.offline.path} (attached only while it runs)`,
      schedule: plan.dc.backup.offline.schedule,
      argv: [`/usr/local/sbin/attt-${dc}-offline-copy`],
    },
    {
      what: "containers' state as the Docker engine reports it, for Prometheus (service-down alerts)",
      schedule: "* * * * *",
      argv: [`/usr/local/sbin/attt-${dc}-container-state`],
    },
  ];
  return [
    data(`host/cron.d/attt-${dc}`, renderServiceTemplate("host-crontab", { dc, jobs })),
    script(
      `host/attt-${dc}-offline-copy`,
      renderServiceTemplate("host-offline-copy.sh", {
        dc,
        target: plan.dc.backup.offline.path,
        container: layout.container("offline-copy"),
      }),
    ),
  ];
}
