import { defineControl } from "../../control.js";
import { file } from "../../settings.js";
import { CIS, LINUX_ROLES, OWNED_HEADER } from "./common.js";

/**
 * Filesystems no school machine mounts, whose kernel drivers parse untrusted disk images
 * (a USB stick, a downloaded file) inside the kernel: they cannot be loaded. udf (DVDs)
 * and vfat/exfat (USB sticks) stay: teachers use them. usb-storage goes on data-centre
 * servers too (CIS level 1 for servers); classified machines block it on their own
 * (linux.classified.device-modules), and the writes there are the same line.
 */
const FILESYSTEMS = ["cramfs", "freevxfs", "hfs", "hfsplus", "jffs2"];

export default defineControl({
  id: "linux.kernel.filesystem-modules",
  title: {
    vi: "Chặn mô-đun hệ thống tệp không dùng (cramfs, freevxfs, hfs, hfsplus, jffs2)",
    en: "Unused filesystem modules blocked (cramfs, freevxfs, hfs, hfsplus, jffs2)",
  },
  rationale: {
    vi: "Trình điều khiển hệ thống tệp đọc dữ liệu từ đĩa lạ ngay trong nhân; chặn loại không dùng thu hẹp bề mặt tấn công.",
    en: "Filesystem drivers parse data from unknown disks inside the kernel; blocking unused ones shrinks the attack surface.",
  },
  severity: "low",
  requirements: ["HY-PROV-09", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Ensure cramfs, freevxfs, hfs, hfsplus, jffs2 (and on servers usb-storage) kernel modules are not available`,
  },
  cis: ["1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5", "1.1.1.9"],
  appliesTo: { os: ["linux"], roles: LINUX_ROLES },
  settings: (ctx) => {
    const modules = ctx.role === "server" ? [...FILESYSTEMS, "usb-storage"] : FILESYSTEMS;
    const lines = modules.flatMap((m) => [`install ${m} /bin/false`, `blacklist ${m}`]);
    return [file("/etc/modprobe.d/60-attt-filesystems.conf", `${OWNED_HEADER}${lines.join("\n")}\n`)];
  },
});
