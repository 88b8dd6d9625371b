import { defineControl } from "../../control.js";
import type { Setting } from "../../settings.js";
import { WINDOWS_ROLES } from "./lib/common.js";

/**
 * Microsoft's lifecycle dates (learn.microsoft.com, "Windows 11 release information"
 * and "Windows 10 release information"), per build: the last day of security updates
 * for Home/Pro (and Pro Education, Pro for Workstations), then for Enterprise and
 * Education. Windows 10 22H2 (19045) ends on one day for all of them.
 */
export const WINDOWS_RELEASES = [
  "19045|2025-10-14|2025-10-14",
  "22000|2023-10-10|2024-10-08",
  "22621|2024-10-08|2025-10-14",
  "22631|2025-11-11|2026-11-10",
  "26100|2026-10-13|2027-10-12",
  "26200|2027-10-12|2028-10-10",
];

/**
 * A Windows release that still gets security updates. Windows 10 ended its support on
 * 14 October 2025; a Windows 10 group counts as supported only with Extended Security
 * Updates the inventory records (`extendedUpdatesUntil`), until that date. A Windows
 * 11 release has its own end (24H2 Home and Pro: 13 October 2026), after which the
 * machine must take the next feature update. The earliest ESU end of the bundle's
 * Windows 10 groups is the one checked.
 */
export default defineControl({
  id: "win.update.supported-os",
  title: {
    vi: "Phiên bản Windows còn được cập nhật bảo mật",
    en: "Windows release still gets security updates",
  },
  rationale: {
    vi: "Windows 10 hết hỗ trợ ngày 14/10/2025: sau đó lỗ hổng mới không được vá nữa. Máy Windows 10 là một phát hiện (không đạt) trừ khi kiểm kê ghi đơn vị đã mua cập nhật bảo mật mở rộng (ESU) và còn hạn. Nâng cấp lên Windows 11 hoặc ghi ngày hết hạn ESU (extendedUpdatesUntil).",
    en: "Windows 10 reached its end of support on 14 October 2025: new vulnerabilities are no longer fixed. A Windows 10 machine is a finding (fails) unless the inventory records Extended Security Updates (ESU) still valid. Upgrade to Windows 11 or record the ESU end date (extendedUpdatesUntil).",
  },
  severity: "high",
  requirements: ["HY-EDU-S19", "QN-EDU-2", "HY-PROV-09"],
  references: {
    microsoft:
      "Microsoft Lifecycle: Windows 10 Home and Pro, Enterprise and Education 22H2 end of support 14 October 2025; Extended Security Updates (ESU) program",
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx): Setting[] => {
    const esu = ctx.groups
      .filter((g) => g.os === "windows-10")
      .map((g) => g.extendedUpdatesUntil ?? "")
      .sort();
    // A Windows 10 group without ESU makes "" the earliest: no extension for the bundle.
    return [
      { kind: "check", check: "os-supported", extendedUntil: esu[0] ?? "", releases: WINDOWS_RELEASES },
    ];
  },
});
