/**
 * Monitoring stack, in the monitoring zone: node-exporter (host metrics, the backup jobs'
 * outcomes, and the containers' state as the Docker engine reports it, written by the
 * host's container-state job), Prometheus with the generated alert rules, Alertmanager
 * routing them to the provincial SOC (webhook, e-mail), and the rsyslog relay that
 * forwards logs to the provincial SOC and exports security events toward the national
 * one (layers 2 and 4 of the 4-layer model).
 */
import type { Construct } from "constructs";
import { DatacentreStack, type StackContext } from "./base-stack.js";
import { HardenedContainer, type HardenedContainerProps } from "./constructs/hardened-container.js";
import { INFRA } from "./datacentre-plan.js";
import { PATHS, UIDS } from "./runtime.js";
import { volumeOf } from "./volumes.js";

export class MonitoringStack extends DatacentreStack {
  readonly containers = new Map<string, HardenedContainer>();

  constructor(scope: Construct, ctx: StackContext) {
    super(scope, "monitoring", ctx);
    const { plan } = this;
    const ownership = this.ownership("monitoring");
    const zone = plan.monitoringZone;
    const base = (
      id: string,
    ): Pick<
      HardenedContainerProps,
      "datacentre" | "zones" | "ownership" | "networks" | "hosts" | "lifecycle" | "name" | "role"
    > => ({
      name: this.containerName(id.replace(/^attt-/, "")),
      role: id.replace(/^attt-/, ""),
      datacentre: plan.dc.id,
      zones: [zone.zone.id],
      ownership,
      lifecycle: "service",
      networks: [{ network: zone.network, ipv4Address: plan.addressOf(zone.zone.id, id), aliases: [id] }],
      hosts: plan.hostEntriesFor(zone.zone.id),
    });
    const add = (id: string, props: HardenedContainerProps) =>
      this.containers.set(id, new HardenedContainer(this, id, props));

    add(INFRA.nodeExporter.id, {
      ...base(INFRA.nodeExporter.id),
      image: this.image("nodeExporter"),
      user: UIDS.nobody,
      entrypoint: ["/bin/node_exporter"],
      // The host's own /proc and /sys: its mount table lists each host file system once,
      // where the container's would add its own mounts (/etc/hosts, volumes) of the same disks.
      command: [
        "--path.rootfs=/host",
        "--path.procfs=/host/proc",
        "--path.sysfs=/host/sys",
        // Docker's own mounts (container roots, volumes, netns) are the host's disks again.
        "--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/docker/.+|var/lib/docker/.+)($|/)",
        `--collector.textfile.directory=${PATHS.metrics}`,
        `--web.listen-address=:${INFRA.nodeExporter.port}`,
      ],
      healthcheck: {
        test: ["CMD", "wget", "-q", "-O", "/dev/null", `http://127.0.0.1:${INFRA.nodeExporter.port}/metrics`],
      },
      memoryMb: 128,
      cpus: "0.5",
      mounts: [
        { kind: "host", source: "/", target: "/host", readOnly: true, propagation: "rslave" },
        { kind: "volume", source: volumeOf(plan, "metrics"), target: PATHS.metrics, readOnly: true },
      ],
      exceptions: [
        {
          setting: "host-mount",
          reason: "reads the host's /proc, /sys and file systems read-only for host metrics",
          reason_vi:
            "đọc /proc, /sys và các hệ thống tệp của máy chủ ở chế độ chỉ đọc để lấy số liệu giám sát",
        },
      ],
    });

    add(INFRA.alertmanager.id, {
      ...base(INFRA.alertmanager.id),
      image: this.image("alertmanager"),
      user: UIDS.nobody,
      entrypoint: ["/bin/alertmanager"],
      command: [
        `--config.file=${PATHS.config}/alertmanager/alertmanager.yml`,
        "--storage.path=/alertmanager",
        `--web.listen-address=:${INFRA.alertmanager.port}`,
        // One instance: no gossip port to open.
        "--cluster.listen-address=",
      ],
      healthcheck: {
        test: [
          "CMD",
          "wget",
          "-q",
          "-O",
          "/dev/null",
          `http://127.0.0.1:${INFRA.alertmanager.port}/-/healthy`,
        ],
      },
      memoryMb: 128,
      cpus: "0.5",
      mounts: [
        // Silences and the notification log: kept across a redeploy, so nothing is sent twice.
        {
          kind: "volume",
          source: volumeOf(plan, "alertmanagerData"),
          target: "/alertmanager",
          readOnly: false,
        },
        this.configMount("alertmanager"),
      ],
      labels: this.configHash("alertmanager"),
    });

    add(INFRA.prometheus.id, {
      ...base(INFRA.prometheus.id),
      image: this.image("prometheus"),
      user: UIDS.nobody,
      entrypoint: ["/bin/prometheus"],
      command: [
        `--config.file=${PATHS.config}/prometheus/prometheus.yml`,
        "--storage.tsdb.path=/prometheus",
        "--storage.tsdb.retention.time=90d",
        `--web.listen-address=:${INFRA.prometheus.port}`,
      ],
      healthcheck: {
        test: ["CMD", "wget", "-q", "-O", "/dev/null", `http://127.0.0.1:${INFRA.prometheus.port}/-/healthy`],
      },
      memoryMb: 1024,
      cpus: "1.0",
      mounts: [
        { kind: "volume", source: volumeOf(plan, "prometheusData"), target: "/prometheus", readOnly: false },
        this.configMount("prometheus"),
      ],
      labels: this.configHash("prometheus"),
      dependsOn: [...this.containers.values()].map((c) => c.container),
    });

    const tlsToSoc = [plan.dc.monitoring.provincialSoc, plan.dc.monitoring.nationalSoc].some(
      (s) => s.protocol === "syslog-tls",
    );
    add(INFRA.logRelay.id, {
      ...base(INFRA.logRelay.id),
      image: this.image("logRelay"),
      user: "0:0",
      entrypoint: ["/usr/sbin/rsyslogd"],
      command: ["-n", "-iNONE", "-f", `${PATHS.config}/log-relay/rsyslog.conf`],
      // rsyslogd is PID 1 and exits on a fatal error: alive is healthy.
      healthcheck: { test: ["CMD", "kill", "-0", "1"] },
      memoryMb: 256,
      cpus: "0.5",
      mounts: [
        {
          kind: "host",
          source: `${plan.options.dockerDataRoot}/containers`,
          target: PATHS.dockerContainers,
          readOnly: true,
        },
        { kind: "volume", source: volumeOf(plan, "logQueue"), target: "/var/spool/rsyslog", readOnly: false },
        this.configMount("log-relay"),
        ...(tlsToSoc ? [this.secretMount("soc")] : []),
      ],
      labels: this.configHash("log-relay"),
      exceptions: [
        {
          setting: "run-as-root",
          reason: "reads Docker's container log files (root-owned, 0640); no capability is added",
          reason_vi:
            "đọc tệp nhật ký container của Docker (thuộc root, quyền 0640); không thêm capability nào",
        },
        {
          setting: "host-mount",
          reason: "reads Docker's container logs read-only to forward them to the SOC",
          reason_vi: "đọc nhật ký container của Docker ở chế độ chỉ đọc để chuyển tới SOC",
        },
      ],
    });
  }
}
