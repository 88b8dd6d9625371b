import type { StacksInput } from "../../inputs.js";
import { definePolicy, type Issue, type Phrase } from "../../policy.js";
import { exceptionsOf, subjectOf, workloads } from "./read-stacks.js";

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
    for (const c of workloads(input)) {
      const b = c.body;
      const excepted = new Map(
        exceptionsOf(c).map((e) => [e.setting, { en: e.reason, vi: e.reason_vi ?? e.reason }]),
      );
      const caps = (b.capabilities ?? {}) as { drop?: string[]; add?: string[] };
      const user = String(b.user ?? "");
      const opts = (b.log_opts ?? {}) as Record<string, string>;
      const added = (caps.add ?? []).join(", ");
      const service = c.labels.get("attt.lifecycle") === "service";
      const gaps: Array<[string, Phrase, boolean]> = [
        [
          "read-only-root",
          { en: "root filesystem not read-only", vi: "hệ thống tệp gốc không ở chế độ chỉ đọc" },
          b.read_only !== true,
        ],
        [
          "drop-capabilities",
          { en: "capabilities not all dropped", vi: "chưa bỏ hết capabilities" },
          !(caps.drop ?? []).includes("ALL"),
        ],
        [
          "add-capabilities",
          { en: `capabilities added: ${added}`, vi: `có thêm capabilities: ${added}` },
          (caps.add ?? []).length > 0,
        ],
        [
          "no-new-privileges",
          { en: "no-new-privileges not set", vi: "chưa đặt no-new-privileges" },
          !((b.security_opts ?? []) as string[]).some((o) => o.startsWith("no-new-privileges")),
        ],
        [
          "run-as-root",
          { en: "runs as root", vi: "chạy với quyền root" },
          user === "" || /^(0|root)(:|$)/.test(user),
        ],
        ["memory-limit", { en: "no memory limit", vi: "không giới hạn bộ nhớ" }, !(Number(b.memory) > 0)],
        ["log-rotation", { en: "logs not rotated", vi: "nhật ký không được xoay vòng" }, !opts["max-size"]],
        [
          "restart-policy",
          { en: "no restart policy", vi: "không có chính sách tự khởi động lại" },
          service && !b.restart,
        ],
        [
          "healthcheck",
          { en: "no health check", vi: "không có kiểm tra tình trạng (health check)" },
          service && !b.healthcheck,
        ],
      ];
      for (const [setting, what, broken] of gaps) {
        if (!broken) continue;
        const reason = excepted.get(setting);
        findings.push({
          subject: subjectOf(c),
          message: `${what.en} (stack ${c.stack})`,
          fix: reason
            ? "Reviewed exception: keep it only while the reason holds"
            : "Use the HardenedContainer construct's defaults, or declare an exception with a reason",
          vi: {
            message: `${what.vi} (stack ${c.stack})`,
            fix: reason
              ? "Ngoại lệ đã được xem xét: chỉ giữ khi lý do vẫn còn đúng"
              : "Dùng giá trị mặc định của construct HardenedContainer, hoặc khai báo ngoại lệ kèm lý do",
          },
          ...(reason ? { exception: reason } : {}),
        });
      }
    }
    return { findings };
  },
});
