import type { StacksInput } from "../../inputs.js";
import { definePolicy, type Issue } from "../../policy.js";
import { resources } from "./read-stacks.js";

/**
 * HY-PROV-19, HY-EDU-S06: every service is monitored (host and container
 * metrics, alert rules for down targets, disk and failed backups), and logs go to the
 * provincial SOC with an export toward the national one (layers 2 and 4).
 */
export default definePolicy<StacksInput>({
  id: "dc.monitoring.covers-every-service",
  title: {
    vi: "Giám sát mọi dịch vụ, chuyển log về SOC tỉnh và quốc gia",
    en: "Every service monitored; logs to the provincial and national SOC",
  },
  requirements: ["HY-PROV-19", "HY-EDU-S06"],
  severity: "high",
  input: "stacks",
  check: (input) => {
    const findings: Issue[] = [];
    const file = (suffix: string) =>
      [...input.configFiles]
        .filter(([p]) => p.endsWith(suffix))
        .map(([, t]) => t)
        .join("\n");
    const prometheus = file("prometheus/prometheus.yml");
    const rules = [...input.configFiles]
      .filter(([p]) => /prometheus\/rules\/.+\.ya?ml$/.test(p))
      .map(([, t]) => t)
      .join("\n");
    const relay = file("rsyslog.conf");
    /** A finding unless `ok`: its message and fix in English, then in Vietnamese. */
    const need = (ok: boolean, subject: string, en: [string, string], vi: [string, string]) =>
      ok || findings.push({ subject, message: en[0], fix: en[1], vi: { message: vi[0], fix: vi[1] } });
    const alertsFix = "Regenerate the alert rules";
    const alertsFixVi = "Tạo lại các luật cảnh báo";
    need(
      /\battt_container_running\b/.test(rules),
      "alert rules",
      [
        "no alert reads the containers' state (attt_container_running): a stopped service goes unnoticed",
        alertsFix,
      ],
      [
        "không có cảnh báo đọc trạng thái container (attt_container_running): dịch vụ ngừng mà không ai biết",
        alertsFixVi,
      ],
    );
    need(
      /^alerting:/m.test(prometheus),
      "prometheus",
      [
        "Prometheus sends its alerts to no Alertmanager: nobody is notified",
        "Keep the alerting section of prometheus.yml",
      ],
      [
        "Prometheus không gửi cảnh báo tới Alertmanager: không ai được báo",
        "Giữ mục alerting trong prometheus.yml",
      ],
    );
    need(
      /job_name: "node"/.test(prometheus),
      "prometheus",
      ["host metrics (node-exporter) are not scraped", "Keep the node job of the monitoring stack"],
      ["không thu thập số liệu máy chủ (node-exporter)", "Giữ job node của stack giám sát"],
    );
    need(
      /\bup\b\s*==\s*0/.test(rules),
      "alert rules",
      ["no alert for a target that is down", alertsFix],
      ["không có cảnh báo khi một đối tượng giám sát ngừng hoạt động", alertsFixVi],
    );
    need(
      /filesystem|disk/i.test(rules),
      "alert rules",
      ["no alert for disk space", alertsFix],
      ["không có cảnh báo về dung lượng ổ đĩa", alertsFixVi],
    );
    need(
      /backup/i.test(rules),
      "alert rules",
      ["no alert for failed backups", alertsFix],
      ["không có cảnh báo khi sao lưu thất bại", alertsFixVi],
    );
    // On a swarm, host metrics need node-exporter on every host: a global service.
    const exporters = resources(input, "docker_service").filter(
      (s) => s.labels.get("attt.role") === "node-exporter",
    );
    if (resources(input, "docker_service").length > 0)
      need(
        exporters.some((s) => (s.body.mode as { global?: boolean } | undefined)?.global === true),
        "node-exporter",
        [
          "node-exporter does not run on every host of the swarm (not a global service): a host's disk or memory going bad goes unnoticed",
          "Run node-exporter as a global service",
        ],
        [
          "node-exporter không chạy trên mọi máy chủ của swarm (không phải dịch vụ global): ổ đĩa hay bộ nhớ của một máy chủ hỏng mà không ai biết",
          "Chạy node-exporter dưới dạng dịch vụ global",
        ],
      );
    const { provincialSoc, nationalSoc } = input.inventory.datacentre.monitoring;
    const relayFix = "Regenerate the log relay configuration";
    const relayFixVi = "Tạo lại cấu hình chuyển tiếp nhật ký";
    need(
      relay.includes(`target="${provincialSoc.host}" port="${provincialSoc.port}"`),
      "log relay",
      [`logs are not forwarded to the provincial SOC ${provincialSoc.host}:${provincialSoc.port}`, relayFix],
      [`nhật ký không được chuyển về SOC tỉnh ${provincialSoc.host}:${provincialSoc.port}`, relayFixVi],
    );
    need(
      relay.includes(`target="${nationalSoc.host}" port="${nationalSoc.port}"`),
      "log relay",
      [`nothing is exported toward the national SOC ${nationalSoc.host}:${nationalSoc.port}`, relayFix],
      [
        `không có dữ liệu nào được chuyển về SOC quốc gia ${nationalSoc.host}:${nationalSoc.port}`,
        relayFixVi,
      ],
    );
    return { findings };
  },
});
