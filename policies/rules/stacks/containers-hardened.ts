import type { StacksInput } from "../../inputs.js";
import { definePolicy, type Issue } from "../../policy.js";
import { exceptionsOf, resources, subjectOf } from "./read-stacks.js";

/**
 * Every container is hardened: read-only root, all capabilities dropped, no new
 * privileges, a non-root user, memory limit, restart policy, log rotation, and a health
 * check for long-running services. A construct may loosen one only with a reasoned
 * exception (label attt.exceptions): that shows as an exception, never as silence.
 */
export default definePolicy<StacksInput>({
  id: "dc.containers.hardened",
  title: { vi: "Mọi container được gia cố", en: "Every container hardened" },
  requirements: ["HY-PROV-09"],
  severity: "high",
  input: "stacks",
  check: (input) => {
    const findings: Issue[] = [];
    for (const c of resources(input, "docker_container")) {
      const b = c.body;
      const excepted = new Map(exceptionsOf(c).map((e) => [e.setting, e.reason]));
      const caps = (b.capabilities ?? {}) as { drop?: string[]; add?: string[] };
      const user = String(b.user ?? "");
      const opts = (b.log_opts ?? {}) as Record<string, string>;
      const gaps: Array<[string, string, boolean]> = [
        ["read-only-root", "root filesystem not read-only", b.read_only !== true],
        ["drop-capabilities", "capabilities not all dropped", !(caps.drop ?? []).includes("ALL")],
        [
          "add-capabilities",
          `capabilities added: ${(caps.add ?? []).join(", ")}`,
          (caps.add ?? []).length > 0,
        ],
        [
          "no-new-privileges",
          "no-new-privileges not set",
          !((b.security_opts ?? []) as string[]).some((o) => o.startsWith("no-new-privileges")),
        ],
        ["run-as-root", "runs as root", user === "" || /^(0|root)(:|$)/.test(user)],
        ["memory-limit", "no memory limit", !(Number(b.memory) > 0)],
        ["log-rotation", "logs not rotated", !opts["max-size"]],
        ["restart-policy", "no restart policy", c.labels.get("attt.lifecycle") === "service" && !b.restart],
        ["healthcheck", "no health check", c.labels.get("attt.lifecycle") === "service" && !b.healthcheck],
      ];
      for (const [setting, what, broken] of gaps) {
        if (!broken) continue;
        const reason = excepted.get(setting);
        findings.push({
          subject: subjectOf(c),
          message: `${what} (stack ${c.stack})`,
          fix: reason
            ? "Reviewed exception: keep it only while the reason holds"
            : "Use the HardenedContainer construct's defaults, or declare an exception with a reason",
          ...(reason ? { exception: reason } : {}),
        });
      }
    }
    return { findings };
  },
});
