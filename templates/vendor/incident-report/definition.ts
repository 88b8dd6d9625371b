/** The incident report form in Vietnamese (with English labels) and the legal deadlines it runs against. */
import { defineVendorTemplate } from "../define.js";
import { IncidentReportValues, version } from "./schema.js";

/** Decree 331/2026 Art. 31: first notice within 24 h, full report within 72 h; Law 91/2025 Art. 23: 72 h. */
export const DEADLINE_HOURS = { firstNotice: 24, fullReport: 72, personalData: 72 } as const;

const BLANK = "……………………";
const VIETNAM_OFFSET_MS = 7 * 3_600_000; // UTC+7 all year (no daylight saving)

/** An instant written in Vietnam time, e.g. "08:15 ngày 21/11/2026 (UTC+7)". Independent of the machine's zone. */
export function vietnamTime(epochMs: number): string {
  const t = new Date(epochMs + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())} ngày ${two(t.getUTCDate())}/${two(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} (UTC+7)`;
}

const KIND_TEXT: Record<NonNullable<IncidentReportValues["incident"]>["kind"], string> = {
  malware: "Mã độc / malware",
  ransomware: "Mã độc tống tiền / ransomware",
  intrusion: "Xâm nhập trái phép / intrusion",
  "data-leak": "Lộ, lọt dữ liệu / data leak",
  ddos: "Tấn công từ chối dịch vụ / DDoS",
  defacement: "Thay đổi giao diện trang web / defacement",
  phishing: "Lừa đảo, giả mạo / phishing",
  other: "Khác / other",
};

const yesNo = (b: boolean) => (b ? "Có / Yes" : "Không / No");

export const incidentReport = defineVendorTemplate({
  name: "incident-report",
  description: {
    vi: "Mẫu báo cáo sự cố an toàn thông tin mạng, có thời hạn 24 giờ / 72 giờ (Nghị định 331/2026) và 72 giờ với dữ liệu cá nhân (Luật 91/2025)",
    en: "Vietnamese incident report form with the legal deadlines: 24 h / 72 h (Decree 331/2026), 72 h personal-data breach (Law 91/2025)",
  },
  version,
  schema: IncidentReportValues,
  files: [{ source: "report.md.hbs", output: "incident-report.md", language: "markdown" }],
  context: (v: IncidentReportValues) => {
    const detected = v.incident ? Date.parse(v.incident.detectedAt) : undefined;
    const due = (hours: number) =>
      detected === undefined
        ? `${BLANK} (phát hiện + ${hours} giờ / detection + ${hours} h)`
        : vietnamTime(detected + hours * 3_600_000);
    const personalData = !v.system.personalData
      ? "Không áp dụng: hệ thống không xử lý dữ liệu cá nhân / not applicable: the system processes no personal data"
      : v.incident && !v.incident.personalDataAffected
        ? "Không áp dụng: không có dữ liệu cá nhân bị ảnh hưởng / not applicable: no personal data affected"
        : due(DEADLINE_HOURS.personalData);
    return {
      ...v,
      levelText: `Cấp độ ${v.system.level} / level ${v.system.level}`,
      personalDataText: yesNo(v.system.personalData),
      deadlines: {
        firstNotice: due(DEADLINE_HOURS.firstNotice),
        fullReport: due(DEADLINE_HOURS.fullReport),
        personalData,
      },
      report: v.incident
        ? {
            detectedAt: vietnamTime(detected as number),
            detectedBy: v.incident.detectedBy,
            kind: KIND_TEXT[v.incident.kind],
            personalDataAffected: yesNo(v.incident.personalDataAffected),
            description: v.incident.description,
            impact: v.incident.impact,
            actions: v.incident.actions,
          }
        : {
            detectedAt: BLANK,
            detectedBy: BLANK,
            kind: `${BLANK} (mã độc, xâm nhập, lộ lọt dữ liệu, từ chối dịch vụ ... / malware, intrusion, data leak, DDoS ...)`,
            personalDataAffected: "☐ Có / Yes ☐ Không / No",
            description: BLANK,
            impact: BLANK,
            actions: [BLANK, BLANK, BLANK],
          },
    };
  },
});
