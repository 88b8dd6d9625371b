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
    data("alertmanager/alertmanager.yml", alertmanagerYaml(plan)),
  ];
}

/**
 * Every long-running container of the data centre, with the service (or piece of
 * infrastructure) it is: what the host's container-state job asks the engine about.
 */
export function watchedContainers(plan: DatacentrePlan): Array<{ container: string; service: string }> {
  const dc = plan.dc.id;
  const infra = [
    "zone-firewall",
    "backup-server",
    "prometheus",
    "node-exporter",
    "alertmanager",
    "log-relay",
  ];
  return [...plan.dc.services.map((s) => s.id).sort(), ...infra].map((service) => ({
    container: containerName(dc, service),
    service,
  }));
}

/**
 * Alertmanager: one notification per alert name, service and disk, to the SOC's webhook
 * and mailbox; an alert that explains another silences it (inhibition).
 */
function alertmanagerYaml(plan: DatacentrePlan): string {
  const alerts = plan.dc.monitoring.alerts;
  return renderServiceTemplate("alertmanager.yml", {
    dc: plan.dc.id,
    email: alerts
      ? {
          smarthost: alerts.email.smarthost,
          from: alerts.email.from,
          requireTls: alerts.email.requireTls,
          to: alerts.email.to.join(", "),
        }
      : false,
    webhook: alerts ? alerts.webhook : false,
  });
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
      name: "alertmanager",
      why: "Alertmanager itself (failed notifications)",
      targets: [`${INFRA.alertmanager.id}:${INFRA.alertmanager.port}`],
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
    alertmanager: `${INFRA.alertmanager.id}:${INFRA.alertmanager.port}`,
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
    // The Docker engine's word on each long-running container (host job container-state.ts).
    ...watchedContainers(plan).map(({ container, service }) => {
      const name = promLabelValue(container);
      return rule({
        alert: "AtttServiceDown",
        expr: `attt_container_running{container=${name}} == 0 or attt_container_healthy{container=${name}} == 0`,
        for: "2m",
        severity: "critical",
        labels: [{ name: "service", value: service }],
        summary: `Service ${service} is not running or fails its health check`,
        summaryVi: `Dịch vụ ${service} không chạy hoặc không vượt qua kiểm tra sức khỏe`,
      });
    }),
    rule({
      alert: "AtttContainerStateStale",
      expr: `absent(attt_container_state_timestamp_seconds) or (time() - attt_container_state_timestamp_seconds) > 300`,
      for: "5m",
      severity: "warning",
      summary: "The host's container-state job has not run for 5 minutes: service-down alerts are blind",
      summaryVi:
        "Tác vụ ghi trạng thái container trên máy chủ không chạy 5 phút: cảnh báo dịch vụ ngừng không còn tin cậy",
    }),
  ];
  // One alert per disk (device), however many places it is mounted at.
  const fs = '{fstype!~"tmpfs|overlay|squashfs|nsfs"}';
  const disk: AlertRule[] = [
    rule({
      alert: "AtttDiskAlmostFull",
      expr: `min by (device) (node_filesystem_avail_bytes${fs} / node_filesystem_size_bytes${fs}) < 0.10`,
      for: "10m",
      severity: "critical",
      summary: "A file system of the Docker host has less than 10% free",
      summaryVi: "Ổ đĩa của máy chủ Docker còn dưới 10% dung lượng trống",
    }),
    rule({
      alert: "AtttDiskFillingUp",
      expr: `min by (device) (predict_linear(node_filesystem_avail_bytes${fs}[6h], 24 * 3600)) < 0`,
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
