import { defineControl } from "../../control.js";
import { secedit } from "../../settings.js";
import { CIS, isHighLevel, TCVN, WINDOWS_ROLES } from "./lib/common.js";

/**
 * 60 days from level 3 (TCVN 14423: administrator passwords changed every two
 * months; on a standalone school machine the local administrator is the account
 * that matters, and Windows cannot set an age per account), 365 below (CIS). The
 * audit fails 0 ("never expires").
 */
export default defineControl({
  id: "win.password.max-age",
  title: { vi: "Thời hạn tối đa của mật khẩu", en: "Maximum password age" },
  rationale: {
    vi: "Từ cấp độ 3, TCVN 14423 yêu cầu đổi mật khẩu quản trị 2 tháng một lần; Windows không đặt được thời hạn riêng cho tài khoản quản trị nên dùng 60 ngày cho cả máy. Dưới cấp độ 3 dùng 365 ngày theo CIS. Giá trị 0 (không bao giờ hết hạn) bị coi là không đạt.",
    en: "From level 3, TCVN 14423 wants administrator passwords changed every 2 months; Windows cannot set an age for the administrator alone, so 60 days apply to the whole machine. Below level 3, 365 days per CIS. 0 (never expires) fails the audit.",
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    tcvn14423: `${TCVN}: administrator passwords changed every 2 months from level 3`,
    cis: `${CIS}: Maximum password age 365 or fewer days, but not 0`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => [secedit("MaximumPasswordAge", isHighLevel(ctx) ? 60 : 365, "max")],
});
