import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, DEFENDER_POLICY, defenderIsTheAntiMalware, MSB, NETWORKED_ROLES } from "./lib/common.js";

/**
 * Cloud-delivered protection (MAPS) with block at first sight and a high cloud block
 * level. Samples: "send safe samples" (1), not the baseline's "send all samples" (3):
 * school documents hold pupils' personal data (Decree 13/2023), which must not go to a
 * vendor automatically. Not on classified machines: they have no network.
 */
export default defineControl({
  id: "win.defender.cloud",
  title: { vi: "Defender: bảo vệ dựa trên đám mây", en: "Defender: cloud-delivered protection" },
  rationale: {
    vi: "Bảo vệ đám mây nhận diện mã độc mới trong vài giây thay vì chờ bản cập nhật. Bật MAPS nâng cao, chặn ngay lần đầu gặp, mức chặn cao. Chỉ gửi mẫu an toàn (không gửi mọi tệp như Microsoft đề xuất) vì tài liệu của trường có dữ liệu cá nhân của học sinh (Nghị định 13/2023). Không áp dụng cho máy tài liệu mật (không nối mạng).",
    en: "Cloud protection recognises new malware within seconds instead of waiting for an update. Advanced MAPS, block at first sight and a high block level. Only safe samples are sent (not every file, as Microsoft proposes) because school documents hold pupils' personal data (Decree 13/2023). Not for classified machines (no network).",
  },
  severity: "medium",
  requirements: ["HY-EDU-S02", "HY-EDU-S13", "HY-EDU-A03"],
  references: {
    microsoft: `${MSB}: MAPS: Join Microsoft MAPS = Advanced; Configure the 'Block at First Sight' feature = Enabled; Send file samples when further analysis is required (baseline: Send all samples; here: Send safe samples, see rationale); MpEngine: Select cloud protection level = High; Configure extended cloud check = 50 s`,
    cis: `${CIS}: 18.10.43.5.1 Join Microsoft MAPS; 18.10.43.11.1.1.x`,
  },
  appliesTo: { os: ["windows"], roles: NETWORKED_ROLES },
  settings: (ctx) => {
    if (!defenderIsTheAntiMalware(ctx)) return [];
    const spynet = `${DEFENDER_POLICY}\\Spynet`;
    return [
      regDword(spynet, "SpynetReporting", 2),
      regDword(spynet, "DisableBlockAtFirstSeen", 0),
      regDword(spynet, "SubmitSamplesConsent", 1),
      regDword(`${DEFENDER_POLICY}\\MpEngine`, "MpCloudBlockLevel", 2),
      regDword(`${DEFENDER_POLICY}\\MpEngine`, "MpBafsExtendedTimeout", 50),
    ];
  },
});
