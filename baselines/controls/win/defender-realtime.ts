import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { anyThirdPartyAntiMalware, CIS, DEFENDER_POLICY, MS_BASELINE, WINDOWS_ROLES } from "./lib/common.js";

/**
 * Policies that stop anyone turning Defender's protection off. Only where every group
 * of the bundle uses Defender: a unit that runs an approved third-party product has
 * Defender in passive mode, and forcing Defender policies there fights the product.
 */
export default defineControl({
  id: "win.defender.realtime",
  title: {
    vi: "Microsoft Defender: bảo vệ thời gian thực không tắt được",
    en: "Microsoft Defender real-time protection enforced",
  },
  rationale: {
    vi: "Mã độc và người dùng thường tắt bảo vệ thời gian thực trước khi chạy phần mềm lậu. Chính sách giữ Defender, bảo vệ thời gian thực, giám sát hành vi, quét tệp tải về và quét script luôn bật. Không áp dụng khi đơn vị dùng sản phẩm bên thứ ba đã duyệt.",
    en: "Malware and users often switch real-time protection off before running pirated software. These policies keep Defender, real-time protection, behaviour monitoring, download scanning and script scanning on. Not applied where the unit uses an approved third-party product.",
  },
  severity: "high",
  requirements: ["HY-EDU-S02", "HY-EDU-S13", "HY-EDU-A03", "QN-EDU-2"],
  references: {
    cis: `${CIS}: Turn off Microsoft Defender Antivirus = Disabled; Turn off real-time protection = Disabled; Turn on behavior monitoring = Enabled; Scan all downloaded files and attachments = Enabled; Turn on script scanning = Enabled`,
    microsoft: MS_BASELINE,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: (ctx) => {
    if (anyThirdPartyAntiMalware(ctx)) return [];
    const rtp = `${DEFENDER_POLICY}\\Real-Time Protection`;
    return [
      regDword(DEFENDER_POLICY, "DisableAntiSpyware", 0),
      regDword(rtp, "DisableRealtimeMonitoring", 0),
      regDword(rtp, "DisableBehaviorMonitoring", 0),
      regDword(rtp, "DisableIOAVProtection", 0),
      regDword(rtp, "DisableScriptScanning", 0),
    ];
  },
});
