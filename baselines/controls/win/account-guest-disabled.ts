import { defineControl } from "../../control.js";
import { secedit } from "../../settings.js";
import { CIS, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.account.guest-disabled",
  title: { vi: "Tắt tài khoản Guest có sẵn", en: "Built-in Guest account disabled" },
  rationale: {
    vi: "Tài khoản Guest cho phép đăng nhập không cần mật khẩu riêng và không gắn với người nào, trái với yêu cầu mỗi tài khoản gắn với một người. Secedit nhận diện tài khoản theo RID 501 nên đúng cả trên Windows tiếng Việt.",
    en: "The Guest account allows logons tied to nobody, against the rule that every account belongs to a person. Secedit addresses it by its RID 501, so this holds on localized Windows too.",
  },
  severity: "high",
  requirements: ["HY-EDU-S08", "QN-EDU-2", "HP-EDU-2"],
  references: {
    cis: `${CIS}: Accounts: Guest account status = Disabled`,
    microsoft: `${MS_BASELINE}: EnableGuestAccount 0`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [secedit("EnableGuestAccount", 0)],
});
