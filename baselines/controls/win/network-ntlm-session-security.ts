import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, MSV1_0, WINDOWS_ROLES } from "./lib/common.js";

/** 537395200 = 0x20080000: require NTLMv2 session security and 128-bit encryption. */
export const NTLM_MIN_SEC = 537395200;

export default defineControl({
  id: "win.network.ntlm-session-security",
  title: {
    vi: "Phiên NTLM bắt buộc NTLMv2 và mã hóa 128 bit",
    en: "NTLM sessions require NTLMv2 and 128-bit encryption",
  },
  rationale: {
    vi: "Máy không có miền xác thực với nhau bằng NTLM. Bắt buộc bảo mật phiên NTLMv2 và mã hóa 128 bit ở cả phía máy khách và máy chủ để phiên không bị hạ cấp hay đọc trộm.",
    en: "Machines without a domain authenticate to each other with NTLM. Requiring NTLMv2 session security and 128-bit encryption on the client and server side keeps sessions from being downgraded or read.",
  },
  severity: "medium",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    microsoft: `${MSB}: Network security: Minimum session security for NTLM SSP based (including secure RPC) clients / servers = Require NTLMv2 session security, Require 128-bit encryption`,
    cis: `${CIS}: 2.3.11.9, 2.3.11.10`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(MSV1_0, "NTLMMinClientSec", NTLM_MIN_SEC),
    regDword(MSV1_0, "NTLMMinServerSec", NTLM_MIN_SEC),
  ],
});
