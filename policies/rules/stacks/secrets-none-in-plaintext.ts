import type { StacksInput } from "../../inputs.js";
import { definePolicy, type Issue } from "../../policy.js";

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
      for (const [type, items] of Object.entries(json.resource ?? {})) {
        for (const [name, body] of Object.entries(items)) {
          for (const entry of ((body as { env?: string[] }).env ?? []) as string[]) {
            const [key = "", ...rest] = entry.split("=");
            const value = rest.join("=");
            if (SECRET_NAME.test(key) && !key.endsWith("_FILE") && value !== "") {
              findings.push({
                subject: `${type} ${name}`,
                message: `environment variable ${key} holds a secret in plain text (stack ${stack})`,
                fix: `Use ${key}_FILE pointing at a file under the secrets mount`,
                vi: {
                  message: `biến môi trường ${key} chứa bí mật ở dạng rõ (stack ${stack})`,
                  fix: `Dùng ${key}_FILE trỏ tới một tệp trong thư mục secrets được gắn vào`,
                },
              });
            }
          }
        }
      }
    }
    return { findings };
  },
});
