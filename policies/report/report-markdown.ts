/**
 * The Department's report as Markdown (bao-cao.md): the same sections and figures as the
 * .docx, for a wiki, an e-mail or a review in a repository. Backslash escapes only, no
 * HTML entities.
 */
import { markdownCell as c } from "../../templates/escape/html.js";
import { changeVi, conclusionCountsVi, countChange, figureVi, moneyVi, targetVi } from "./figures.js";
import {
  BODY_FINDINGS,
  BODY_UNITS,
  conclusionExplainedVi,
  coverageCellVi,
  dataSourcesVi,
  dueStatusVi,
  provinceWideNoteVi,
  statusCellVi,
  WAIVER_HEAD,
  waiverRowsVi,
} from "./report-sentences.js";
import type { GroupRow, ReportModel } from "./verdict-view.js";
import { placeAndDate, viDate, viNumber, viPercent } from "./vi-format.js";

const table = (head: string[], rows: string[][]): string[] => [
  `| ${head.map(c).join(" | ")} |`,
  `|${head.map(() => " --- ").join("|")}|`,
  ...rows.map((r) => `| ${r.map(c).join(" | ")} |`),
  "",
];

function groups(rows: GroupRow[], first: string): string[] {
  return table(
    [first, "Số đơn vị", "Số máy tính", "Máy đã gửi minh chứng", "Máy đạt cấu hình an toàn", "Tồn tại"],
    rows.map((g) => [
      g.label,
      viNumber(g.units, 0),
      viNumber(g.machines, 0),
      g.evidence ? viNumber(g.evidence.sent, 0) : "-",
      g.headline ? figureVi(g.headline) : "-",
      viNumber(g.open, 0),
    ]),
  );
}

export function reportMarkdown(m: ReportModel): string {
  const n = m.narrative;
  const trend = m.previousAsOf !== undefined;
  const subject = n.subject ?? `Kết quả thực hiện công tác bảo đảm an toàn thông tin ${m.period.label}`;
  const para = (ps: string[], empty?: string) =>
    (ps.length ? ps : empty ? [empty] : []).flatMap((p) => [c(p), ""]);
  const out: string[] = [
    `${c(n.issuer.parent ?? "")}  `,
    `**${c(n.issuer.name.toLocaleUpperCase("vi"))}**  `,
    `Số: ${n.number ?? "..."}/BC-${c(n.issuer.abbreviation)}`,
    "",
    "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  ",
    "**Độc lập - Tự do - Hạnh phúc**",
    "",
    `*${c(placeAndDate(n.place, n.date ?? m.asOf))}*`,
    "",
    "# BÁO CÁO",
    "",
    `**${c(subject)}**`,
    "",
    `Kính gửi: ${n.to.map(c).join("; ")}.`,
    "",
    ...para(n.opening),
    ...para(dataSourcesVi(m)),
    "Danh sách chi tiết theo từng đơn vị và thông tin kỹ thuật tại Phụ lục.",
    "",
    "## I. KẾT QUẢ THỰC HIỆN",
    "",
    ...para(n.results),
    "### 1. Đánh giá chung",
    "",
    `Kết luận: **${m.conclusion}** ${conclusionCountsVi(m)}.`,
    "",
    ...para(conclusionExplainedVi(m)),
    ...(m.headline
      ? [
          `Tỷ lệ máy tính đạt cấu hình an toàn theo minh chứng kiểm tra (${m.headline.id}): ${figureVi(m.headline.value)}${m.headline.previous ? `; kỳ trước ${figureVi(m.headline.previous)}, thay đổi ${changeVi(m.headline.value, m.headline.previous)}` : ""}.`,
          "",
        ]
      : []),
    ...table(
      trend
        ? ["Đánh giá", "Số nhiệm vụ kỳ trước", "Số nhiệm vụ kỳ này", "Thay đổi"]
        : ["Đánh giá", "Số nhiệm vụ"],
      m.totals.map((t) =>
        trend
          ? [t.label, viNumber(t.previous ?? 0, 0), viNumber(t.count, 0), countChange(t.count, t.previous)]
          : [t.label, viNumber(t.count, 0)],
      ),
    ),
    "### 2. Kết quả theo từng nhiệm vụ của kế hoạch",
    "",
  ];
  m.documents.forEach((d, i) => {
    out.push(`#### 2.${i + 1}. ${c(d.title)}`, "");
    out.push(
      ...table(
        trend
          ? ["Mã", "Nhiệm vụ", "Chỉ tiêu", "Kỳ trước", "Kỳ này", "Thay đổi", "Phạm vi số liệu", "Đánh giá"]
          : ["Mã", "Nhiệm vụ", "Chỉ tiêu", "Kết quả", "Phạm vi số liệu", "Thời hạn", "Đánh giá"],
        d.tasks.map((t) =>
          trend
            ? [
                t.id,
                t.short,
                targetVi(t.target),
                figureVi(t.previous, t.money),
                figureVi(t.result, t.money),
                changeVi(t.result, t.previous),
                coverageCellVi(t),
                statusCellVi(t),
              ]
            : [
                t.id,
                t.short,
                targetVi(t.target),
                figureVi(t.result, t.money),
                coverageCellVi(t),
                t.deadlineVi,
                statusCellVi(t),
              ],
        ),
      ),
    );
    for (const t of d.tasks) {
      const money = moneyVi(t);
      if (money) out.push(c(money), "");
    }
  });
  out.push("### 3. Kết quả theo loại hình đơn vị", "", ...groups(m.byType, "Loại hình"));
  out.push("### 4. Kết quả theo xã, phường", "", ...groups(m.byCommune, "Xã, phường"));
  const provinceWide = provinceWideNoteVi(m);
  if (provinceWide) out.push(c(provinceWide), "");
  out.push("### 5. Các đơn vị còn nhiều tồn tại", "");
  out.push(
    ...(m.worst.length
      ? table(
          ["Đơn vị", "Xã, phường", "Số máy tính", "Máy đạt cấu hình an toàn", "Tồn tại"],
          m.worst
            .slice(0, BODY_UNITS)
            .map((u) => [
              u.name,
              u.commune,
              viNumber(u.machines, 0),
              u.headline ? figureVi(u.headline) : "-",
              viNumber(u.open, 0),
            ]),
        )
      : ["Không có đơn vị nào còn tồn tại chưa khắc phục.", ""]),
    ...(m.worst.length > BODY_UNITS
      ? [`Còn ${viNumber(m.worst.length - BODY_UNITS, 0)} đơn vị khác có tồn tại; chi tiết tại Phụ lục.`, ""]
      : []),
  );
  out.push("### 6. Thực hiện các nhiệm vụ định kỳ trong kỳ", "");
  out.push(
    ...(m.due.length
      ? table(
          ["Mã", "Nhiệm vụ", "Hạn", "Tình trạng"],
          m.due.map((d) => [d.requirement, d.text, viDate(d.due), dueStatusVi(d)]),
        )
      : ["Trong kỳ không có nhiệm vụ định kỳ đến hạn.", ""]),
  );
  const open = m.findingGroups.filter((g) => !g.waived);
  out.push(
    "## II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
    "",
    "### 1. Tồn tại, hạn chế",
    "",
    ...para(n.shortcomings),
  );
  out.push(
    ...(open.length
      ? [
          `Qua kiểm tra tự động, phát hiện ${viNumber(m.open.now, 0)} tồn tại, tổng hợp thành ${viNumber(open.length, 0)} nội dung:`,
          "",
          ...table(
            ["Đơn vị", "Nội dung tồn tại", "Số lượng", "Nhiệm vụ"],
            open
              .slice(0, BODY_FINDINGS)
              .map((g) => [
                g.unitName || "Toàn tỉnh",
                g.what,
                viNumber(g.count, 0),
                g.requirements.join(", "),
              ]),
          ),
          ...(open.length > BODY_FINDINGS
            ? [`Còn ${viNumber(open.length - BODY_FINDINGS, 0)} nội dung khác; chi tiết tại Phụ lục.`, ""]
            : []),
        ]
      : ["Qua kiểm tra tự động, không phát hiện tồn tại chưa khắc phục.", ""]),
  );
  out.push(
    "### 2. Miễn trừ",
    "",
    ...(m.waivers.length
      ? [
          "Các miễn trừ đã đề nghị trong kỳ, kể cả miễn trừ chưa phê duyệt và đã hết hạn (chỉ miễn trừ đang áp dụng mới miễn trừ tồn tại):",
          "",
          ...table(WAIVER_HEAD, waiverRowsVi(m)),
        ]
      : ["Trong kỳ không có miễn trừ.", ""]),
  );
  out.push("### 3. Nguyên nhân", "", ...para(n.causes, "(Đơn vị bổ sung nguyên nhân.)"));
  out.push(
    "## III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
    "",
    ...para(n.nextTasks, "(Đơn vị bổ sung nhiệm vụ kỳ tới.)"),
  );
  out.push("## IV. KIẾN NGHỊ, ĐỀ XUẤT", "", ...para(n.recommendations, "Không có."));
  out.push(
    `Trên đây là báo cáo kết quả thực hiện công tác bảo đảm an toàn thông tin ${m.period.label} của ${c(n.issuer.name)}./.`,
    "",
    "***Nơi nhận:***",
    "",
    ...n.recipients.map((r, i) => `- ${c(r)}${i === n.recipients.length - 1 ? "." : ";"}`),
    "",
    ...(n.signer.authority ? [`**${c(n.signer.authority.toLocaleUpperCase("vi"))}**  `] : []),
    `**${c(n.signer.title.toLocaleUpperCase("vi"))}**`,
    "",
    `**${c(n.signer.name)}**`,
    "",
    "## Phụ lục: theo đơn vị",
    "",
    ...table(
      [
        "Đơn vị",
        "Loại hình",
        "Xã, phường",
        "Số máy tính",
        "Máy đã gửi minh chứng",
        "Máy đạt cấu hình an toàn",
        "Tồn tại",
      ],
      m.units.map((u) => [
        u.name,
        u.typeVi,
        u.commune,
        viNumber(u.machines, 0),
        u.evidence
          ? `${viNumber(u.evidence.sent, 0)} (${viPercent(u.evidence.expected ? Math.round((u.evidence.sent / u.evidence.expected) * 10000) / 100 : 100)})`
          : "-",
        u.headline ? figureVi(u.headline) : "-",
        viNumber(u.open, 0),
      ]),
    ),
  );
  if (m.technicalExceptions.length)
    out.push(
      "## Phụ lục: ngoại lệ kỹ thuật",
      "",
      "Ngoại lệ khai báo trong cấu hình trung tâm dữ liệu, kèm lý do; không phải miễn trừ, không phải tồn tại.",
      "",
      ...table(
        ["Đối tượng", "Nhiệm vụ", "Lý do"],
        m.technicalExceptions.map((x) => [x.subject, x.requirements, x.reason]),
      ),
    );
  return out.join("\n");
}
