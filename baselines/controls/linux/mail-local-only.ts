import { defineControl } from "../../control.js";
import { mtaLocalOnly } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * No machine of a school or the data centre receives mail from the network: a mail
 * server, if one is installed (exim4 for cron's messages), listens on loopback only.
 * Measured from the kernel's socket tables; nothing is changed (exim4 and postfix are
 * configured differently, and Debian's exim4 already listens on loopback only).
 */
export default defineControl({
  id: "linux.mail.local-only",
  title: { vi: "Máy chủ thư chỉ nhận thư trong máy", en: "Mail server local only" },
  rationale: {
    vi: "Máy chủ thư mở ra mạng có thể bị dùng để phát tán thư rác hoặc thư lừa đảo.",
    en: "A mail server open to the network can be used to relay spam or phishing.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "QN-EDU-2"],
  references: { cis: `${CIS}: Ensure mail transfer agent is configured for local-only mode` },
  cis: ["2.1.21"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [mtaLocalOnly],
});
