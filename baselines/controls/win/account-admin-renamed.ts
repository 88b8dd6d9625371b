import { createHash } from "node:crypto";
import { defineControl } from "../../control.js";
import { secedit } from "../../settings.js";
import { CIS, WINDOWS_ROLES } from "./lib/common.js";

/**
 * The new name of the built-in Administrator (RID 500) for one unit and role:
 * `qtv-` and 8 hex digits of a hash of both. Deterministic (same inventory, same
 * name, written in the bundle README for IT staff) and not the well-known
 * "Administrator" that password-spraying tools try first. 12 characters: within
 * the 20-character limit of local account names and free of the characters
 * Windows forbids in them.
 */
export function renamedAdministrator(unitId: string, role: string): string {
  return `qtv-${createHash("sha256").update(`attt-kit/admin/${unitId}/${role}`).digest("hex").slice(0, 8)}`;
}

export default defineControl({
  id: "win.account.admin-renamed",
  title: { vi: "Đổi tên tài khoản Administrator có sẵn", en: "Built-in Administrator renamed" },
  rationale: {
    vi: "Công cụ dò mật khẩu thử tên Administrator trước tiên; đổi tên buộc kẻ tấn công phải đoán cả tên. KHÔNG tắt tài khoản này: phần lớn máy ở trường không có miền (Active Directory), nên tắt tài khoản quản trị có sẵn có thể khóa luôn cán bộ CNTT ngoài máy. Tên mới được ghi trong README của gói. Secedit nhận diện theo RID 500, đúng cả trên Windows tiếng Việt.",
    en: "Password-spraying tools try the name Administrator first; renaming makes an attacker guess the name too. It is NOT disabled: most school machines have no domain (Active Directory), and disabling the built-in administrator can lock IT staff out of the machine. The new name is in the bundle README. Secedit addresses the account by RID 500, so this holds on localized Windows.",
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Accounts: Rename administrator account (the CIS 'Administrator account status: Disabled' is not applied, see rationale)`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  // RID 500: Apply warns of automatic logon and services that sign in by the old name.
  settings: (ctx) => [
    secedit("NewAdministratorName", renamedAdministrator(ctx.unit.id, ctx.role), "eq", {
      renamesAccountRid: 500,
    }),
  ],
});
