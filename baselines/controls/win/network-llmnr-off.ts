import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, DNS_CLIENT_POLICY, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.network.llmnr-off",
  title: { vi: "Tắt phân giải tên LLMNR", en: "LLMNR name resolution off" },
  rationale: {
    vi: "LLMNR trả lời mọi máy trong mạng LAN hỏi tên; kẻ tấn công trong mạng trường giả làm máy được hỏi để lấy mã băm mật khẩu (Responder). Mạng trường dùng DNS, không cần LLMNR.",
    en: "LLMNR lets any machine on the LAN answer a name query; an attacker on the school network answers as the wanted host and collects password hashes (Responder). School networks use DNS and do not need LLMNR.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Turn off multicast name resolution = Enabled`,
    microsoft: `${MS_BASELINE}: DNSClient EnableMulticast 0`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [regDword(DNS_CLIENT_POLICY, "EnableMulticast", 0)],
});
