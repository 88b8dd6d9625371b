import { defineControl } from "../../control.js";
import { file } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * No core dumps: a crashing program's memory (passwords, documents being edited) is
 * not written to disk. fs.suid_dumpable = 0 is set by linux.kernel.sysctl; this
 * limits every login session too.
 */
export default defineControl({
  id: "linux.kernel.core-dumps",
  title: { vi: "Không ghi core dump", en: "Core dumps disabled" },
  rationale: {
    vi: "Bộ nhớ của chương trình bị lỗi (có thể chứa mật khẩu, tài liệu) không bị ghi ra đĩa.",
    en: "A crashed program's memory, which may hold passwords or documents, is not written to disk.",
  },
  severity: "low",
  requirements: ["HP-EDU-2", "HY-PROV-09"],
  references: { cis: `${CIS}: Ensure core dumps are restricted (hard core 0)` },
  cis: ["1.5.3"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [file("/etc/security/limits.d/60-attt-core.conf", `${OWNED_HEADER}* hard core 0\n`)],
});
