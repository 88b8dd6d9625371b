/**
 * The report's sentences and status cells that the .docx, the Markdown and the .xlsx share,
 * so the three say the same thing in the same words. Each reads the report model only.
 */
import { STATUS_LABEL } from "./labels.js";
import type { DueRow, ReportModel, Task } from "./verdict-view.js";
import { INPUT_VI } from "./verdict-view.js";
import { viDate, viNumber } from "./vi-format.js";

/** How many shortcoming lines the body lists before pointing to the appendix. */
export const BODY_FINDINGS = 25;
/** How many units (those with the most open shortcomings) the body names. */
export const BODY_UNITS = 10;

/** A due date's state in words ("Đã thực hiện ngày 08/06/2026 (88/BC-SGDĐT)"). */
export function dueStatusVi(d: DueRow): string {
  switch (d.state) {
    case "met":
      return `Đã thực hiện ngày ${viDate(d.done?.on ?? "")}${d.done?.ref ? ` (${d.done.ref})` : ""}`;
    case "measured":
      return `${d.statusVi} theo số liệu kiểm tra (mục 2)`;
    case "overdue":
      return "Quá hạn, chưa thực hiện";
    case "unrecorded":
      return `Đã qua hạn, chưa có văn bản trong sổ hồ sơ (${d.statusVi.toLocaleLowerCase("vi")})`;
    case "due":
      return "Chưa đến hạn";
  }
}

/** The task's status as its table cell: a failing one says how many shortcomings make it fail. */
export function statusCellVi(t: Task): string {
  if (t.status === "fail" && t.open > 0) return `${t.statusVi} (${viNumber(t.open, 0)} tồn tại, mục II)`;
  return t.statusVi;
}

/** "32/33 (96,97%) đơn vị có dự toán": the measure's coverage, with what was counted when the verdict says. */
export function coverageCellVi(t: Task): string {
  if (!t.coverage) return "-";
  const { counted, population, of } = t.coverage;
  const share = population ? Math.round((counted / population) * 10000) / 100 : 100;
  return `${viNumber(counted, 0)}/${viNumber(population, 0)} (${viNumber(share)}%)${of ? ` ${of}` : ""}`;
}

/** Where the figures come from: the inputs the check read, and those it lacked. */
export function dataSourcesVi(m: ReportModel): string[] {
  const used = m.inputs.used.map((k) => INPUT_VI[k]);
  const out = [
    `Số liệu trong báo cáo được tổng hợp tự động từ: ${used.join("; ")}, tính đến ngày ${viDate(m.asOf)} (kỳ báo cáo: ${m.period.label}, từ ${viDate(m.period.start)} đến ${viDate(m.period.end)})${m.previousAsOf ? `; so sánh với kỳ trước (số liệu ngày ${viDate(m.previousAsOf)})` : ""}.`,
  ];
  if (m.inputs.missing.length)
    out.push(
      `Lần kiểm tra này chưa có ${m.inputs.missing.map((x) => `${INPUT_VI[x.input]} (${viNumber(x.policies, 0)} nội dung kiểm tra chưa thực hiện)`).join("; ")}; các nhiệm vụ cần những số liệu này được đánh giá "${STATUS_LABEL.vi["evidence-missing"]}" hoặc "${STATUS_LABEL.vi.configured}".`,
    );
  return out;
}

/**
 * The conclusion explained: what its counts add up from (met = pass + waived + recorded),
 * which tasks make it CHƯA ĐẠT, and what CHƯA ĐỦ CĂN CỨ means.
 */
export function conclusionExplainedVi(m: ReportModel): string[] {
  const c = m.conclusionCounts;
  const count = (s: string) => m.totals.find((t) => t.status === s)?.count ?? 0;
  const label = (s: keyof typeof STATUS_LABEL.vi) => STATUS_LABEL.vi[s];
  const failing = m.documents.flatMap((d) => d.tasks).filter((t) => t.status === "fail");
  const out = [
    `${viNumber(c.met, 0)} nhiệm vụ đạt gồm: ${label("pass").toLocaleLowerCase("vi")} ${viNumber(count("pass"), 0)}, ${label("waived").toLocaleLowerCase("vi")} ${viNumber(count("waived"), 0)}, ${label("recorded").toLocaleLowerCase("vi")} ${viNumber(count("recorded"), 0)}.`,
  ];
  if (c.failing > 0)
    out.push(
      `Kết luận là CHƯA ĐẠT vì ${viNumber(c.failing, 0)} nhiệm vụ còn tồn tại chưa khắc phục hoặc chưa đạt chỉ tiêu: ${failing.map((t) => t.id).join(", ")} (chi tiết tại mục 2 và phần II).`,
    );
  if (c.unproven > 0)
    out.push(
      `"Chưa đủ căn cứ" (${viNumber(c.unproven, 0)} nhiệm vụ) là nhiệm vụ chưa phát hiện tồn tại nhưng chưa có số liệu đo hoặc văn bản chứng minh: ${label("configured").toLocaleLowerCase("vi")} ${viNumber(count("configured"), 0)}, ${label("evidence-missing").toLocaleLowerCase("vi")} ${viNumber(count("evidence-missing"), 0)}, ${label("manual").toLocaleLowerCase("vi")} ${viNumber(count("manual"), 0)}.`,
    );
  out.push(
    `Số tồn tại chưa khắc phục (không kể tồn tại được miễn trừ và ngoại lệ kỹ thuật): ${viNumber(m.open.now, 0)}${m.open.previous !== undefined ? ` (kỳ trước: ${viNumber(m.open.previous, 0)})` : ""}.`,
  );
  return out;
}

/** The waivers table: every waiver the verdict lists, in force or not, with its decision. */
export const WAIVER_HEAD = [
  "Nhiệm vụ",
  "Phạm vi",
  "Lý do",
  "Người phê duyệt",
  "Quyết định",
  "Hết hạn",
  "Tình trạng",
];

export function waiverRowsVi(m: ReportModel): string[][] {
  return m.waivers.map((w) => [
    w.id,
    w.scope,
    w.reason,
    w.approver,
    w.decision || w.approvedOn
      ? [w.decision, w.approvedOn ? `ngày ${viDate(w.approvedOn)}` : ""].filter(Boolean).join(", ")
      : "-",
    viDate(w.expires),
    w.waives > 0 ? `${w.state} (${viNumber(w.waives, 0)} tồn tại)` : w.state,
  ]);
}

/** Why the unit-type and commune tables add up to less than the total: shortcomings of no unit. */
export function provinceWideNoteVi(m: ReportModel): string | undefined {
  if (m.openProvinceWide === 0) return undefined;
  return `Các bảng theo loại hình và theo xã, phường không gồm ${viNumber(m.openProvinceWide, 0)} tồn tại không thuộc đơn vị nào (nhà cung cấp, hệ thống dùng chung toàn tỉnh; ghi "Toàn tỉnh" tại phần II).`;
}
