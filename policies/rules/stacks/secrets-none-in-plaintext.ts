import type { StacksInput } from "../../inputs.js";
import { definePolicy, type Issue } from "../../policy.js";
import { resources, subjectOf, workloads } from "./read-stacks.js";

const SECRET_NAME = /(PASS(WORD)?|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY)[A-Z_]*$/i;

/**
 * No secret in plain text in the synthesized JSON (it lands in Terraform state and in
 * version control): environment values named like secrets must point at a file
 * (…_FILE=/run/secrets/…), and no key material may appear anywhere.
 */
export default definePolicy<StacksInput>({
  id: "dc.secrets.none-in-plaintext",
  title: {
    vi: "Không để lộ mật khẩu, khóa trong cấu hình",
    en: "No secrets in plain text in synthesized stacks",
  },
  requirements: ["HY-PROV-09", "HY-EDU-S20"],
  severity: "critical",
  input: "stacks",
  check: ({ stacks }) => {
    const findings: Issue[] = [];
    for (const [stack, json] of stacks) {
      const text = JSON.stringify(json);
      if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
        findings.push({
          subject: `stack ${stack}`,
          message: "contains private key material",
          fix: "Mount keys from the secrets directory on the host",
          vi: {
            message: "chứa khóa bí mật (private key)",
            fix: "Gắn khóa vào từ thư mục secrets trên máy chủ",
          },
        });
      }
    }
    for (const w of workloads({ stacks })) {
      for (const entry of (w.body.env ?? []) as string[]) {
        const [key = "", ...rest] = entry.split("=");
        const value = rest.join("=");
        if (SECRET_NAME.test(key) && !key.endsWith("_FILE") && value !== "") {
          findings.push({
            subject: subjectOf(w),
            message: `environment variable ${key} holds a secret in plain text (stack ${w.stack})`,
            fix: `Use ${key}_FILE pointing at a file under the secrets mount`,
            vi: {
              message: `biến môi trường ${key} chứa bí mật ở dạng rõ (stack ${w.stack})`,
              fix: `Dùng ${key}_FILE trỏ tới một tệp trong thư mục secrets được gắn vào`,
            },
          });
        }
      }
    }
    // A Swarm secret's data is read from the operator's file when Terraform applies.
    for (const s of resources({ stacks }, "docker_secret")) {
      if (!/^\$\{filebase64\("[^"]+"\)\}$/.test(String(s.body.data ?? "")))
        findings.push({
          subject: subjectOf(s, "secret"),
          message: `Swarm secret's content is written into the stack (stack ${s.stack}), not read from a file at apply`,
          fix: 'Give docker_secret data = filebase64("<secrets dir>/<file>")',
          vi: {
            message: `nội dung Swarm secret nằm ngay trong stack (stack ${s.stack}), không được đọc từ tệp khi apply`,
            fix: 'Đặt data = filebase64("<thư mục secrets>/<tệp>") cho docker_secret',
          },
        });
    }
    return { findings };
  },
});
