import { defineControl } from "../../control.js";
import { filesystemRule } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * No file anyone may change, no shared directory without the sticky bit (where anyone
 * could delete others' files), no file left behind by a deleted account (a new account
 * given its number would own it). One walk over the local filesystems serves both;
 * reported only: whether a stray file is to be deleted or given to someone, a person
 * decides.
 */
export default defineControl({
  id: "linux.files.world-writable-unowned",
  title: {
    vi: "Không có tệp ai cũng ghi được, không có tệp không chủ",
    en: "No world-writable files, no unowned files",
  },
  rationale: {
    vi: "Tệp ai cũng sửa được là chỗ cài mã độc; tệp không chủ sẽ thuộc về tài khoản mới nhận lại số UID.",
    en: "A file anyone can change is a place to plant malware; an unowned file goes to the next account given its UID.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Ensure world writable files and directories are secured; Ensure no files or directories without an owner and a group exist`,
  },
  cis: ["7.1.11", "7.1.12"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [filesystemRule("world-writable"), filesystemRule("unowned")],
});
