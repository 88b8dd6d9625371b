import { defineControl } from "../../control.js";
import { systemd } from "../../settings.js";
import { CIS } from "./common.js";

/**
 * No remote login on a classified machine: the SSH server is masked (not merely
 * disabled), so neither a package upgrade nor socket activation can start it again.
 * Masking works whether or not openssh-server is installed.
 */
export default defineControl({
  id: "linux.classified.no-remote-login",
  title: { vi: "Máy soạn thảo tài liệu mật: cấm đăng nhập từ xa", en: "Classified machine: no remote login" },
  rationale: {
    vi: "Máy soạn thảo, lưu trữ bí mật nhà nước không được kết nối mạng; không có dịch vụ nào nhận kết nối từ xa.",
    en: "Machines that draft or store state secrets are never networked; no service accepts remote connections.",
  },
  severity: "critical",
  requirements: ["HY-EDU-T3", "HY-EDU-S04", "HY-EDU-S15", "HY-EDU-A06"],
  references: {
    law: "Law on Protection of State Secrets 117/2025/QH15: no drafting or storing of state secrets on networked devices",
    cis: `${CIS}: Ensure SSH server is not installed or masked where not needed`,
  },
  appliesTo: { os: ["linux"], roles: ["classified"] },
  settings: () => [systemd("ssh.service", "masked"), systemd("ssh.socket", "masked")],
});
