import { defineControl } from "../../control.js";
import { permissions } from "../../settings.js";
import { CIS, LINUX_ROLES } from "./common.js";

/**
 * GRUB's generated configuration is root's alone: it can hold the boot password's hash
 * and shows how the machine boots. update-grub writes it anew with a wider mode, so the
 * audit keeps watching it and apply.sh narrows it again.
 */
export default defineControl({
  id: "linux.boot.loader-config",
  title: {
    vi: "Tệp cấu hình khởi động (grub.cfg) chỉ root đọc được",
    en: "Boot loader configuration (grub.cfg) readable by root only",
  },
  rationale: {
    vi: "Người dùng thường không đọc hay sửa được cách máy khởi động.",
    en: "Ordinary users can neither read nor change how the machine boots.",
  },
  severity: "low",
  requirements: ["HY-PROV-09"],
  references: { cis: `${CIS}: Ensure access to bootloader config is configured` },
  cis: ["1.4.2"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [permissions("/boot/grub/grub.cfg", "0600")],
});
