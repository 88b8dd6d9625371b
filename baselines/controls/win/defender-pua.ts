import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { anyThirdPartyAntiMalware, CIS, DEFENDER_POLICY, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

export default defineControl({
  id: "win.defender.pua",
  title: {
    vi: "Microsoft Defender chặn ứng dụng không mong muốn (PUA)",
    en: "Microsoft Defender blocks potentially unwanted apps (PUA)",
  },
  rationale: {
    vi: 'Phần mềm "crack", công cụ tải lậu và phần mềm quảng cáo là đường vào mã độc phổ biến ở máy trường. Chế độ chặn PUA (1) của Defender ngăn chúng. Không áp dụng khi đơn vị dùng sản phẩm bên thứ ba đã duyệt.',
    en: "Cracks, download tools and adware are a common way in for malware on school machines. Defender's PUA block mode (1) stops them. Not applied where the unit uses an approved third-party product.",
  },
  severity: "medium",
  requirements: ["HY-EDU-S02", "HY-EDU-S13", "HY-EDU-A03", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Configure detection for potentially unwanted applications = Enabled: Block`,
    microsoft: `${MS_BASELINE}: PUAProtection 1`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => (anyThirdPartyAntiMalware(ctx) ? [] : [regDword(DEFENDER_POLICY, "PUAProtection", 1)]),
});
