import { defineControl } from "../../control.js";
import { file } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/** Idle login shells end by themselves (TMOUT), on the console as well as over SSH. */
export default defineControl({
  id: "linux.session.idle-timeout",
  title: { vi: "Tự đăng xuất phiên dòng lệnh không hoạt động", en: "Idle shell sessions log out" },
  rationale: {
    vi: "Phiên bị bỏ quên trên máy dùng chung không trở thành lối vào cho người khác.",
    en: "A session left open on a shared machine does not become a way in for someone else.",
  },
  severity: "low",
  requirements: ["HP-EDU-2", "QN-EDU-2"],
  references: { cis: `${CIS}: Ensure default user shell timeout is configured (TMOUT <= 900)` },
  cis: ["5.4.3.2"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (ctx) => {
    const seconds = ctx.level >= 3 ? 600 : 900;
    // Read-only so a user cannot lift it; the guard keeps a second sourcing from erroring.
    const content = `${OWNED_HEADER}if [ "\${TMOUT:-}" != ${seconds} ]; then\n  TMOUT=${seconds}\n  readonly TMOUT\n  export TMOUT\nfi\n`;
    return [file("/etc/profile.d/attt-idle-timeout.sh", content)];
  },
});
