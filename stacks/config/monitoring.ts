/** prometheus.yml, the alert rules and the rsyslog relay's configuration. */
import { renderServiceTemplate } from "../../templates/handlebars.js";
import { type DatacentrePlan, INFRA } from "../datacentre-plan.js";
import { containerName } from "../naming.js";
import { PATHS } from "../runtime.js";
import { type ConfigFile, data, promLabelValue } from "./files.js";

interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  severity: "critical" | "warning";
  labels: Array<{ name: string; value: string }>;
  summary: string;
  summaryVi: string;
}

/** Seconds between two runs of a cron schedule, roughly, plus slack: how old a success may get. */
export function staleAfterSeconds(schedule: string): number {
  const [, hour = "*", dom = "*", , dow = "*"] = schedule.trim().split(/\s+/);
  const day = 24 * 3600;
  if (dom !== "*") return 32 * day; // monthly
  if (dow !== "*") return 8 * day; // weekly
  if (hour === "*" || hour.includes("/")) return 2 * 3600; // hourly or more often
  return Math.round(1.5 * day); // daily
}

export function monitoringConfig(plan: DatacentrePlan): ConfigFile[] {
  return [
    data("prometheus/prometheus.yml", prometheusYaml(plan)),
    data("prometheus/rules/attt-alerts.yml", alertRules(plan)),
    data("log-relay/rsyslog.conf", rsyslogConf(plan)),
  ];
}

function prometheusYaml(plan: DatacentrePlan): string {
  const reachesBackupServer = plan.publications.some(
    (p) => p.from === plan.monitoringZone.zone.id && p.endpoint.id === INFRA.backupServer.id,
  );
  const jobs = [
    { name: "prometheus", why: "Prometheus itself", targets: [`localhost:${INFRA.prometheus.port}`] },
    {
      name: "node",
      why: "host metrics, and the backup jobs' outcomes (textfile collector)",
      targets: [`${INFRA.nodeExporter.id}:${INFRA.nodeExporter.port}`],
    },
    {
      name: "cadvisor",
      why: "per-container metrics: every service's container",
      targets: [`${INFRA.cadvisor.id}:${INFRA.cadvisor.port}`],
    },
    ...(reachesBackupServer
      ? [
          {
            name: "backup-server",
            why: "the REST backup server, through the zone firewall",
            targets: [`${INFRA.backupServer.id}:${INFRA.backupServer.port}`],
          },
        ]
      : []),
  ];
  const { provincialSoc, nationalSoc } = plan.dc.monitoring;
  const remoteWrite = [
    { soc: provincialSoc, why: "metrics to the provincial SOC (layer 2)" },
    { soc: nationalSoc, why: "metrics to the national monitoring system (layer 4)" },
  ]
    .filter((r) => r.soc.protocol === "prometheus-remote-write")
    .map((r) => ({ why: r.why, url: `https://${r.soc.host}:${r.soc.port}/api/v1/write` }));
  const province = plan.inventory.province.id;
  return renderServiceTemplate("prometheus.yml", {
    dc: plan.dc.id,
    province,
    jobs,
    remoteWrite: remoteWrite.length > 0 ? remoteWrite : false,
  });
}

function alertRules(plan: DatacentrePlan): string {
  const dc = plan.dc.id;
  const backup = plan.dc.backup;
  const rule = (r: Omit<AlertRule, "labels"> & { labels?: AlertRule["labels"] }): AlertRule => ({
    labels: [],
    ...r,
  });
  const availability: AlertRule[] = [
    rule({
      alert: "AtttTargetDown",
      expr: "up == 0",
      for: "2m",
      severity: "critical",
      summary: "A monitored target does not answer Prometheus",
      summaryVi: "Một đối tượng giám sát không phản hồi Prometheus",
    }),
    ...plan.dc.services
      .map((s) => s.id)
      .sort()
      .map((id) => {
        const name = promLabelValue(containerName(dc, id));
        return rule({
          alert: "AtttServiceDown",
          expr: `absent(container_last_seen{name=${name}}) or (time() - container_last_seen{name=${name}}) > 90`,
          for: "2m",
          severity: "critical",
          labels: [{ name: "service", value: id }],
          summary: `Service ${id} is not running`,
          summaryVi: `Dịch vụ ${id} không hoạt động`,
        });
      }),
  ];
  const disk: AlertRule[] = [
    rule({
      alert: "AtttDiskAlmostFull",
      expr: 'node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs|nsfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs|nsfs"} < 0.10',
      for: "10m",
      severity: "critical",
      summary: "A file system of the Docker host has less than 10% free",
      summaryVi: "Ổ đĩa của máy chủ Docker còn dưới 10% dung lượng trống",
    }),
    rule({
      alert: "AtttDiskFillingUp",
      expr: 'predict_linear(node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs|nsfs"}[6h], 24 * 3600) < 0',
      for: "30m",
      severity: "warning",
      summary: "A file system of the Docker host will be full within a day",
      summaryVi: "Ổ đĩa của máy chủ Docker sẽ đầy trong vòng một ngày",
    }),
  ];
  const backups: AlertRule[] = [
    rule({
      alert: "AtttBackupFailed",
      expr: "attt_backup_last_exit_code != 0",
      for: "0m",
      severity: "critical",
      summary: "The last backup of a service failed",
      summaryVi: "Lần sao lưu gần nhất của một dịch vụ bị lỗi",
    }),
    ...plan.backupTargets.map((t) => {
      const service = promLabelValue(t.service.id);
      const dcLabel = promLabelValue(dc);
      return rule({
        alert: "AtttBackupMissing",
        expr: `(time() - attt_backup_last_success_timestamp_seconds{datacentre=${dcLabel},service=${service}}) > ${staleAfterSeconds(backup.schedule)} or absent(attt_backup_last_success_timestamp_seconds{datacentre=${dcLabel},service=${service}})`,
        for: "1h",
        severity: "critical",
        labels: [{ name: "service", value: t.service.id }],
        summary: `No recent successful backup of service ${t.service.id}`,
        summaryVi: `Không có bản sao lưu thành công gần đây của dịch vụ ${t.service.id}`,
      });
    }),
    ...(
      [
        [
          "AtttRestoreDrillFailed",
          "attt_restore_drill",
          backup.restoreDrill,
          "restore drill",
          "diễn tập khôi phục",
        ],
        [
          "AtttOfflineCopyFailed",
          "attt_offline_copy",
          backup.offline.schedule,
          "offline copy",
          "bản sao ngoại tuyến",
        ],
        [
          "AtttRetentionFailed",
          "attt_retention",
          plan.options.retentionSchedule,
          "retention run",
          "dọn bản sao lưu cũ",
        ],
      ] as const
    ).flatMap(([alert, metric, schedule, en, vi]) => [
      rule({
        alert,
        expr: `${metric}_last_exit_code != 0`,
        for: "0m",
        severity: "critical",
        summary: `The last ${en} failed`,
        summaryVi: `Lần ${vi} gần nhất bị lỗi`,
      }),
      rule({
        alert: alert.replace("Failed", "Stale"),
        expr: `(time() - ${metric}_last_success_timestamp_seconds) > ${staleAfterSeconds(schedule)}`,
        for: "1h",
        severity: "warning",
        summary: `No recent successful ${en}`,
        summaryVi: `Không có lần ${vi} thành công gần đây`,
      }),
    ]),
  ];
  const groups = [
    { name: "attt-availability", rules: availability },
    { name: "attt-disk", rules: disk },
    { name: "attt-backup", rules: backups },
  ];
  return renderServiceTemplate("alert-rules.yml", { dc, groups });
}

function rsyslogConf(plan: DatacentrePlan): string {
  const { provincialSoc, nationalSoc } = plan.dc.monitoring;
  const destinations = [
    {
      name: "provincial-soc",
      soc: provincialSoc,
      securityOnly: false,
      why: "everything, to the provincial SOC (layer 2: 24/7 monitoring)",
    },
    {
      name: "national-soc",
      soc: nationalSoc,
      securityOnly: true,
      why: "security-relevant events, exported toward the national monitoring system (layer 4)",
    },
  ]
    .filter((d) => d.soc.protocol !== "prometheus-remote-write")
    .map((d) => ({
      name: d.name,
      why: d.why,
      securityOnly: d.securityOnly,
      host: d.soc.host,
      port: String(d.soc.port),
      tls: d.soc.protocol === "syslog-tls",
    }));
  return renderServiceTemplate("rsyslog-relay.conf", {
    dc: plan.dc.id,
    workDirectory: "/var/spool/rsyslog",
    caFile: destinations.some((d) => d.tls) ? `${PATHS.secrets}/soc/ca.pem` : false,
    port: String(INFRA.logRelay.port),
    containerLogs: `${PATHS.dockerContainers}/*/*-json.log`,
    destinations,
  });
}
