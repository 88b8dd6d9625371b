import { defineControl } from "../../control.js";
import { accounts } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * Every account that can log in has a home directory of its own that others cannot
 * write to or read (at most 750), and no dot file there others can change, no .rhosts
 * or .forward, a .netrc and shell history for its owner alone. Measured only: changing
 * a teacher's files behind their back would surprise more than it protects; the audit
 * names each file for the technician.
 */
export default defineControl({
  id: "linux.accounts.home-directories",
  title: {
    vi: "Thư mục nhà và tệp ẩn của người dùng không cho người khác sửa",
    en: "Users' home directories and dot files not writable by others",
  },
  rationale: {
    vi: "Người khác sửa được .bashrc hay .profile của một người là chạy được lệnh dưới tên người đó.",
    en: "Whoever can change someone's .bashrc or .profile runs commands as that person.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "HP-EDU-2"],
  references: {
    cis: `${CIS}: Ensure local interactive user home directories and dot files access are configured`,
  },
  cis: ["7.2.9", "7.2.10"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [accounts("home-directories"), accounts("dot-files")],
});
