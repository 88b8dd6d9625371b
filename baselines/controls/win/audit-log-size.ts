import { defineControl } from "../../control.js";
import { regDword } from "../../settings.js";
import { CIS, MSB, TCVN, WINDOWS_ROLES } from "./lib/common.js";

const EVENT_LOG = "SOFTWARE\\Policies\\Microsoft\\Windows\\EventLog";

/**
 * 196,608 KB for the Security log (CIS). TCVN 14423 counts retention in months
 * (1 / 3 / 6 / 12 for levels 2 / 3 / 4 / 5), which a local log cannot promise:
 * from level 3 logs must go to a central collector, which is not a Windows setting.
 */
export default defineControl({
  id: "win.audit.log-size",
  title: { vi: "Dung lượng nhật ký sự kiện đủ lớn", en: "Event logs large enough" },
  rationale: {
    vi: "Nhật ký mặc định 20 MB bị ghi đè trong vài ngày khi bật các mục kiểm tra trên. Đặt 196.608 KB cho nhật ký Security và 32.768 KB cho Application, System theo CIS và Microsoft. Thời gian lưu theo tháng của TCVN 14423 cần thu nhật ký tập trung (từ cấp độ 3), không đặt được trên từng máy.",
    en: "The default 20 MB log is overwritten within days once the audit settings above are on. 196,608 KB for Security and 32,768 KB for Application and System per CIS and Microsoft. TCVN 14423's retention in months needs central log collection (from level 3), which no per-machine setting provides.",
  },
  severity: "low",
  requirements: ["HP-EDU-3", "HY-PROV-09"],
  references: {
    cis: `${CIS}: Security: Specify the maximum log file size (KB) = 196,608 or greater`,
    microsoft: `${MSB}: Event Log Service: Application and System: Specify the maximum log file size = 32,768 KB; Security = 196,608 KB`,
    tcvn14423: `${TCVN}: log retention 1 / 3 / 6 / 12 months for levels 2 / 3 / 4 / 5`,
  },
  appliesTo: { os: ["windows"], roles: WINDOWS_ROLES },
  settings: () => [
    regDword(`${EVENT_LOG}\\Security`, "MaxSize", 196608),
    regDword(`${EVENT_LOG}\\Application`, "MaxSize", 32768),
    regDword(`${EVENT_LOG}\\System`, "MaxSize", 32768),
  ],
});
