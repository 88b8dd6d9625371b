import type { StacksInput } from "../../inputs.js";
import { definePolicy, type Issue } from "../../policy.js";

/**
 * HY-PROV-19, HY-PROV-15, HY-EDU-S06: every service is monitored (host and container
 * metrics, alert rules for down targets, disk and failed backups), and logs go to the
 * provincial SOC with an export toward the national one (layers 2 and 4).
 */
export default definePolicy<StacksInput>({
  id: "dc.monitoring.covers-every-service",
  title: {
    vi: "Giám sát mọi dịch vụ, chuyển log về SOC tỉnh và quốc gia",
    en: "Every service monitored; logs to the provincial and national SOC",
  },
  requirements: ["HY-PROV-19", "HY-PROV-15", "HY-EDU-S06"],
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
    const need = (ok: boolean, subject: string, message: string, fix: string) =>
      ok || findings.push({ subject, message, fix });
    need(
      /job_name: "cadvisor"/.test(prometheus),
      "prometheus",
      "container metrics (cAdvisor) are not scraped: some services go unwatched",
      "Keep the cadvisor job of the monitoring stack",
    );
    need(
      /job_name: "node"/.test(prometheus),
      "prometheus",
      "host metrics (node-exporter) are not scraped",
      "Keep the node job of the monitoring stack",
    );
    need(
      /\bup\b\s*==\s*0/.test(rules),
      "alert rules",
      "no alert for a target that is down",
      "Regenerate the alert rules",
    );
    need(
      /filesystem|disk/i.test(rules),
      "alert rules",
      "no alert for disk space",
      "Regenerate the alert rules",
    );
    need(/backup/i.test(rules), "alert rules", "no alert for failed backups", "Regenerate the alert rules");
    const { provincialSoc, nationalSoc } = input.inventory.datacentre.monitoring;
    need(
      relay.includes(`target="${provincialSoc.host}" port="${provincialSoc.port}"`),
      "log relay",
      `logs are not forwarded to the provincial SOC ${provincialSoc.host}:${provincialSoc.port}`,
      "Regenerate the log relay configuration",
    );
    need(
      relay.includes(`target="${nationalSoc.host}" port="${nationalSoc.port}"`),
      "log relay",
      `nothing is exported toward the national SOC ${nationalSoc.host}:${nationalSoc.port}`,
      "Regenerate the log relay configuration",
    );
    return { findings };
  },
});
