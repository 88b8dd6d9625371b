import { defineControl } from "../../control.js";
import { file } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * Network protocols no school machine or Docker host uses, whose kernel modules have
 * a history of remotely reachable flaws: they cannot be loaded (`install ... /bin/false`).
 */
const MODULES = ["dccp", "sctp", "rds", "tipc"];

export default defineControl({
  id: "linux.kernel.uncommon-protocols",
  title: {
    vi: "Chặn các giao thức mạng không dùng (dccp, sctp, rds, tipc)",
    en: "Unused network protocols blocked (dccp, sctp, rds, tipc)",
  },
  rationale: {
    vi: "Mô-đun nhân không dùng đến vẫn có thể bị nạp tự động và khai thác; chặn chúng thu hẹp bề mặt tấn công.",
    en: "Unused kernel modules can still be auto-loaded and exploited; blocking them shrinks the attack surface.",
  },
  severity: "low",
  requirements: ["HY-PROV-09", "QN-EDU-2"],
  references: { cis: `${CIS}: Ensure dccp, sctp, rds and tipc kernel modules are not available` },
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => {
    const lines = MODULES.flatMap((m) => [`install ${m} /bin/false`, `blacklist ${m}`]);
    return [file("/etc/modprobe.d/60-attt-protocols.conf", `${OWNED_HEADER}${lines.join("\n")}\n`)];
  },
});
