import { defineControl } from "../../control.js";
import type { Setting } from "../../settings.js";
import { WINDOWS_ROLES } from "./lib/common.js";

/** The day after which Windows 10 (22H2) no longer gets security updates without ESU. */
export const WINDOWS_10_END_OF_SUPPORT = "2025-10-14";

/**
 * A Windows release that still gets security updates. Windows 10 ended its support on
 * 14 October 2025; a Windows 10 group counts as supported only with Extended Security
 * Updates the inventory records (`extendedUpdatesUntil`), until that date. Windows 11
 * passes (the release itself is checked by Windows Update; the bundle refuses older
 * builds). The earliest ESU end of the bundle's Windows 10 groups is the one checked.
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
    return [{ kind: "check", check: "os-supported", extendedUntil: esu[0] ?? "" }];
  },
});
