import { defineControl } from "../../control.js";
import { directoryEmpty, file, pkg, systemd } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * AppArmor confines the programs that ship a profile (ClamAV, cups, ...): installed,
 * loaded at every boot, asked for on the kernel command line (Debian's and Ubuntu's
 * kernels enable it by default; the parameters keep it so if the default changes), and
 * no profile switched off through /etc/apparmor.d/disable. The command line is a
 * drop-in of /etc/default/grub.d, which update-grub reads; apply.sh runs update-grub
 * where GRUB is installed.
 */
export default defineControl({
  id: "linux.apparmor.enforced",
  title: {
    vi: "AppArmor bật khi khởi động, không hồ sơ nào bị tắt",
    en: "AppArmor enabled at boot, no profile disabled",
  },
  rationale: {
    vi: "Chương trình có hồ sơ AppArmor bị giới hạn quyền: lỗ hổng trong chương trình đó không mở toàn bộ máy cho kẻ tấn công.",
    en: "Programs with an AppArmor profile are confined: a flaw in one of them does not open the whole machine to an attacker.",
  },
  severity: "medium",
  requirements: ["HY-PROV-09", "HP-EDU-3"],
  references: {
    cis: `${CIS}: Ensure AppArmor is installed, enabled in the bootloader configuration, and all profiles are in enforce or complain mode`,
  },
  cis: ["1.3.1.1", "1.3.1.2", "1.3.1.3"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: () => [
    pkg("apparmor"),
    systemd("apparmor.service", "enabled"),
    file(
      "/etc/default/grub.d/60-attt-apparmor.cfg",
      `${OWNED_HEADER}GRUB_CMDLINE_LINUX="$GRUB_CMDLINE_LINUX apparmor=1 security=apparmor"\n`,
    ),
    directoryEmpty("/etc/apparmor.d/disable"),
  ],
});
