import { defineControl } from "../../control.js";
import { regDword, regString, secedit } from "../../settings.js";
import { CIS, LANMAN_SERVER, LSA, MSB, MSV1_0, WINDOWS_ROLES } from "./lib/common.js";

/**
 * What anyone on the network may learn or do without an account: no SID/name
 * translation, no enumeration of accounts and shares, no null sessions to named pipes
 * and shares, remote calls to the SAM only by Administrators, no NULL-session
 * fallback for LocalSystem; blank passwords only at the console; no LM hashes stored.
 */
export default defineControl({
  id: "win.network.anonymous-restrictions",
  title: { vi: "Hạn chế truy cập nặc danh qua mạng", en: "Anonymous network access restricted" },
  rationale: {
    vi: "Kẻ tấn công trong mạng trường thường liệt kê tài khoản và thư mục chia sẻ qua phiên nặc danh trước khi dò mật khẩu. Các giá trị này chặn liệt kê nặc danh, chặn phiên rỗng, chỉ cho nhóm Administrators gọi SAM từ xa, không lưu băm LM và chỉ cho mật khẩu trống khi đăng nhập tại máy.",
    en: "An attacker on a school network usually lists accounts and shares over anonymous sessions before guessing passwords. These values stop anonymous enumeration and null sessions, let only Administrators call the SAM remotely, store no LM hashes and allow blank passwords only at the console.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Accounts: Limit local account use of blank passwords to console logon only; Network access: Allow anonymous SID/Name translation = Disabled; Do not allow anonymous enumeration of SAM accounts (and shares); Restrict anonymous access to Named Pipes and Shares; Restrict clients allowed to make remote calls to SAM = Administrators; Network security: Allow LocalSystem NULL session fallback = Disabled; Do not store LAN Manager hash value on next password change`,
    cis: `${CIS}: the same Security Options (2.3.1.x, 2.3.10.x, 2.3.11.x)`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    secedit("LSAAnonymousNameLookup", 0),
    regDword(LSA, "LimitBlankPasswordUse", 1),
    regDword(LSA, "RestrictAnonymousSAM", 1),
    regDword(LSA, "RestrictAnonymous", 1),
    regDword(LSA, "NoLMHash", 1),
    regString(LSA, "RestrictRemoteSAM", "O:BAG:BAD:(A;;RC;;;BA)"),
    regDword(MSV1_0, "allownullsessionfallback", 0),
    regDword(LANMAN_SERVER, "RestrictNullSessAccess", 1),
  ],
});
