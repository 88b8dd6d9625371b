import { defineControl } from "../../control.js";
import { auditSubcategory, CIS, forceSubcategoryAudit, MSB, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.audit.object-access",
  title: {
    vi: "Ghi nhật ký truy cập thư mục chia sẻ và ổ rời",
    en: "Audit shared-folder and removable-storage access",
  },
  rationale: {
    vi: "Dữ liệu học sinh, đề thi rời máy qua thư mục chia sẻ và USB. Ghi nhật ký truy cập thư mục chia sẻ, ổ rời và tác vụ lập lịch (đối tượng khác) để biết ai đã lấy gì.",
    en: "Pupils' data and exam papers leave a machine through shared folders and USB drives. File share, removable storage and other object access (scheduled tasks) are logged, to know who took what.",
  },
  severity: "medium",
  requirements: ["HP-EDU-3", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Advanced Audit Policy: Detailed File Share = Failure; File Share = Success and Failure; Other Object Access Events = Success and Failure; Removable Storage = Success and Failure`,
    cis: `${CIS}: 17.6.1-17.6.4`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    forceSubcategoryAudit(),
    auditSubcategory("Detailed File Share", 2),
    auditSubcategory("File Share", 3),
    auditSubcategory("Other Object Access Events", 3),
    auditSubcategory("Removable Storage", 3),
  ],
});
