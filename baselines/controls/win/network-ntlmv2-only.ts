import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, LSA, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.network.ntlmv2-only",
  title: { vi: "Chỉ dùng NTLMv2, từ chối LM và NTLM", en: "NTLMv2 only, refuse LM and NTLM" },
  rationale: {
    vi: "Mã băm LM và NTLMv1 bị bẻ trong vài phút. Mức 5 chỉ gửi NTLMv2 và từ chối LM/NTLM; Windows 10/11 và Samba đều hỗ trợ NTLMv2.",
    en: "LM and NTLMv1 hashes are cracked in minutes. Level 5 sends NTLMv2 only and refuses LM and NTLM; Windows 10/11 and Samba all support NTLMv2.",
  },
  severity: "high",
  requirements: ["QN-EDU-2", "HP-EDU-2", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Network security: LAN Manager authentication level = Send NTLMv2 response only. Refuse LM & NTLM`,
    microsoft: `${MS_BASELINE}: LmCompatibilityLevel 5`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [regDword(LSA, "LmCompatibilityLevel", 5)],
});
