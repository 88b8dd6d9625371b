/** Report wording, Vietnamese first, English on request. */
import type { Severity } from "../../baselines/control.js";
import type { RequirementStatus, WaiverState } from "../engine.js";
import type { Finding } from "../policy.js";
import type { Conclusion } from "../status.js";
import { viDate, viNumber } from "./vi-format.js";

export type Lang = "vi" | "en";

export const STATUS_LABEL: Record<Lang, Record<RequirementStatus, string>> = {
  vi: {
    pass: "Đạt",
    fail: "Chưa đạt",
    waived: "Đạt (có miễn trừ)",
    recorded: "Đạt (có hồ sơ)",
    configured: "Đã cấu hình, chưa có minh chứng",
    "evidence-missing": "Chưa có minh chứng",
    manual: "Theo dõi thủ công",
    "not-applicable": "Không áp dụng",
  },
  en: {
    pass: "Pass",
    fail: "Fail",
    waived: "Waived",
    recorded: "Recorded",
    configured: "Configured (not measured)",
    "evidence-missing": "Evidence missing",
    manual: "Manual",
    "not-applicable": "Not applicable",
  },
};

export const TEXT = {
  vi: {
    title: "Báo cáo kết quả bảo đảm an toàn thông tin",
    subtitle: "Đối chiếu với kế hoạch của tỉnh (báo cáo định kỳ 6 tháng và hằng năm)",
    asOf: "Số liệu tính đến ngày",
    verdict: "Kết luận",
    conclusion: {
      met: "ĐẠT: mọi yêu cầu áp dụng đều đạt, được miễn trừ đã phê duyệt hoặc có hồ sơ chứng minh",
      "not-met": "CHƯA ĐẠT: còn yêu cầu chưa đạt",
      insufficient:
        "CHƯA ĐỦ CĂN CỨ: không yêu cầu nào chưa đạt, nhưng còn yêu cầu chưa có số liệu đo được hoặc hồ sơ",
    },
    kpis: "Chỉ tiêu so với mục tiêu của kế hoạch",
    requirements: "Kết quả theo yêu cầu",
    findings: "Các tồn tại cần khắc phục",
    byUnit: "Theo đơn vị",
    waivers: "Miễn trừ (đã phê duyệt, chưa phê duyệt, hết hạn)",
    exceptions: "Ngoại lệ kỹ thuật",
    exceptionsNote:
      "Ngoại lệ khai báo trong cấu hình trung tâm dữ liệu, kèm lý do: không phải tồn tại, không phải miễn trừ",
    deadlines: "Nhiệm vụ đã quá hạn",
    id: "Mã",
    status: "Trạng thái",
    measured: "Đo được",
    target: "Mục tiêu",
    deadline: "Thời hạn",
    requirement: "Yêu cầu",
    subject: "Đối tượng",
    finding: "Tồn tại",
    fix: "Cách khắc phục",
    where: "Vị trí",
    unit: "Đơn vị",
    count: "Số tồn tại",
    requirementCount: "Số yêu cầu",
    waivedCount: "Được miễn trừ",
    reason: "Lý do",
    approver: "Người phê duyệt",
    expires: "Hết hạn",
    state: "Tình trạng",
    none: "Không có",
    summary: "Tổng hợp",
    scope: "Phạm vi",
    waivedMark: "miễn trừ",
    technical: "Phụ lục: chi tiết kỹ thuật",
    policy: "Chính sách kiểm tra",
  },
  en: {
    title: "Information security progress report",
    subtitle: "Against the province's plans (6-monthly and yearly progress report)",
    asOf: "Figures as of",
    verdict: "Verdict",
    conclusion: {
      met: "MET: every adopted requirement passes, is waived by an approved waiver or is recorded",
      "not-met": "NOT MET: some requirements fail",
      insufficient: "NOT ENOUGH EVIDENCE: none fails, but some are not yet measured or recorded",
    },
    kpis: "KPIs against the plans' targets",
    requirements: "Result per requirement",
    findings: "Findings to fix",
    byUnit: "By unit",
    waivers: "Waivers (approved, requested, expired)",
    exceptions: "Technical exceptions",
    exceptionsNote:
      "Exceptions declared in the data centre's configuration, with their reasons: not findings, not waivers",
    deadlines: "Deadlines passed",
    id: "ID",
    status: "Status",
    measured: "Measured",
    target: "Target",
    deadline: "Deadline",
    requirement: "Requirement",
    subject: "Subject",
    finding: "Finding",
    fix: "Fix",
    where: "Where",
    unit: "Unit",
    count: "Findings",
    requirementCount: "Requirements",
    waivedCount: "Waived",
    reason: "Reason",
    approver: "Approver",
    expires: "Expires",
    state: "State",
    none: "None",
    summary: "Summary",
    scope: "Scope",
    waivedMark: "waived",
    technical: "Appendix: technical details",
    policy: "Policy",
  },
} as const;

export const WAIVER_STATE: Record<Lang, Record<WaiverState["state"], string>> = {
  vi: {
    active: "đang áp dụng",
    expired: "hết hạn",
    "not-approved": "chưa phê duyệt",
    unused: "không dùng đến",
  },
  en: { active: "active", expired: "expired", "not-approved": "not approved", unused: "unused" },
};

/** A finding's message and fix in the given language. */
export function findingText(
  f: Pick<Finding, "message" | "fix" | "vi" | "technicalException">,
  lang: Lang,
): Finding["vi"] {
  if (lang === "vi")
    return f.technicalException && !f.vi.technicalException
      ? { ...f.vi, technicalException: f.technicalException }
      : f.vi;
  return {
    message: f.message,
    fix: f.fix,
    ...(f.technicalException ? { technicalException: f.technicalException } : {}),
  };
}

/**
 * The console summary's wording (also the finding labels of junit.xml and of the vitest
 * entry point). The status marks (PASS, FAIL, ...) stay ASCII in both languages: they are
 * what a CI log is searched for.
 */
export const CONSOLE: Record<
  Lang,
  {
    findings: string;
    waivers: string;
    fix: string;
    at: string;
    deadlinePassed: string;
    severity: Record<Severity, string>;
    /** "1 finding", "2 findings" beside a measure. */
    findingCount: (n: number) => string;
    /** The count of open findings that fails a requirement in junit.xml and the vitest entry point. */
    failureCount: (n: number) => string;
    /** A percentage target and whether the measure meets it. */
    percentTarget: (target: string, met: boolean) => string;
    /** Whether every subject meets a target in other units (hours, per year, ...). */
    allMeet: (met: boolean) => string;
    waiver: (w: Pick<WaiverState, "approver" | "expires" | "covers" | "state">) => string;
    /** The heading of the console's technical exceptions. */
    exceptions: string;
    reason: string;
    asOf: (province: string, date: string) => string;
    verdict: (c: Conclusion) => string;
    skipped: (n: number) => string;
    /** How much of a figure's population had data, when not all of it did. */
    coverage: (c: { population: number; withData: number }) => string;
  }
> = {
  vi: {
    findings: "Tồn tại cần khắc phục",
    waivers: "Miễn trừ",
    fix: "khắc phục:",
    at: "vị trí:",
    deadlinePassed: "[đã quá hạn]",
    severity: { low: "THẤP", medium: "TRUNG BÌNH", high: "CAO", critical: "NGHIÊM TRỌNG" },
    findingCount: (n) => `${n} tồn tại`,
    failureCount: (n) => `${n} tồn tại`,
    percentTarget: (target, met) => `${met ? "đạt" : "chưa đạt"} mục tiêu ${target}`,
    allMeet: (met) => (met ? "tất cả đạt" : "chưa phải tất cả đạt"),
    // Only an active waiver waives: the others name the findings in their scope, still open.
    waiver: (w) =>
      `${w.approver}, đến hết ${viDate(w.expires)}; ${w.state === "active" ? `áp dụng cho ${w.covers} tồn tại` : `không miễn trừ tồn tại nào${w.covers ? ` (${w.covers} tồn tại trong phạm vi vẫn phải khắc phục)` : ""}`}`,
    exceptions: "Ngoại lệ kỹ thuật (không phải tồn tại, không phải miễn trừ)",
    reason: "lý do:",
    asOf: (province, date) => `${province} (số liệu tính đến ngày ${viDate(date)})`,
    verdict: (c) =>
      `KẾT LUẬN: ${c.vi} (${c.counts.met}/${c.counts.adopted} yêu cầu đạt, ${c.counts.failing} chưa đạt, ${c.counts.unproven} chưa đủ căn cứ)`,
    skipped: (n) => `Bỏ qua ${n} chính sách (thiếu đầu vào)`,
    coverage: (c) => `có số liệu ${viNumber(c.withData, 0)}/${viNumber(c.population, 0)}`,
  },
  en: {
    findings: "Findings",
    waivers: "Waivers",
    fix: "fix:",
    at: "at:",
    deadlinePassed: "[deadline passed]",
    severity: { low: "LOW", medium: "MEDIUM", high: "HIGH", critical: "CRITICAL" },
    findingCount: (n) => `${n} finding${n === 1 ? "" : "s"}`,
    failureCount: (n) => `${n} finding(s)`,
    percentTarget: (target, met) => `target ${target} ${met ? "met" : "not met"}`,
    allMeet: (met) => (met ? "all meet it" : "not all meet it"),
    waiver: (w) =>
      `${w.approver}, until ${w.expires}; ${w.state === "active" ? `covers ${w.covers}` : `waives nothing${w.covers ? ` (${w.covers} finding(s) in its scope stay open)` : ""}`}`,
    exceptions: "Technical exceptions (not findings, not waivers)",
    reason: "reason:",
    asOf: (province, date) => `${province} as of ${date}`,
    verdict: (c) =>
      `CONCLUSION: ${c.en} (${c.counts.met}/${c.counts.adopted} requirements met, ${c.counts.failing} failing, ${c.counts.unproven} unproven)`,
    skipped: (n) => `Skipped ${n} policies (no input)`,
    coverage: (c) => `data for ${c.withData} of ${c.population}`,
  },
};
