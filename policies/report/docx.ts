/**
 * The Department's report as a Word document in the form of Decree 30/2020/NĐ-CP,
 * Appendix I: A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman;
 * national name (12-13 pt bold capitals) and motto (13-14 pt bold, underlined) top right;
 * governing and issuing body top left (the issuing body bold); "Số: .../BC-..."; place and
 * date in italics; "BÁO CÁO" and its summary bold, centred; body 14 pt, justified, first
 * line indented 1 cm; "Nơi nhận:" 12 pt bold italic, its list 11 pt; the signer's title in
 * bold capitals and name in bold; page numbers centred at the top from page 2.
 *
 * The body is what a reader at the province reads: results per plan task with figures and
 * coverage, the drill-down by unit type and commune, shortcomings grouped, tasks and
 * recommendations. Per-unit rows and technical details are in the .xlsx appendix.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { changeVi, conclusionCountsVi, countChange, figureVi, moneyVi, targetVi } from "./figures.js";
import { fixedPackage } from "./ooxml-package.js";
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
import { clip, placeAndDate, viChange, viDate, viNumber, viPercent } from "./vi-format.js";

/** Twentieths of a point per millimetre. */
const MM = 56.7;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(15 * MM),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT = "Times New Roman";
/** Half-points. */
const PT = (n: number) => n * 2;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

interface RunOpts {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

const run = (text: string, o: RunOpts = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: PT(o.size ?? 14),
    ...(o.bold ? { bold: true } : {}),
    ...(o.italics ? { italics: true } : {}),
    ...(o.underline ? { underline: {} } : {}),
  });

const centred = (children: ParagraphChild[], after = 0) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, line: 240 }, children });

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
const body = (children: ParagraphChild[] | string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(10 * MM) },
    spacing: { before: 60, after: 60, line: 300 },
    children: typeof children === "string" ? [run(children)] : children,
  });

const heading = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(10 * MM) },
    spacing: { before: 120, after: 60, line: 300 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });

function cell(
  text: string,
  o: RunOpts & { width: number; align?: "left" | "center" | "right"; shade?: boolean },
) {
  const alignment =
    o.align === "center"
      ? AlignmentType.CENTER
      : o.align === "right"
        ? AlignmentType.RIGHT
        : AlignmentType.LEFT;
  return new TableCell({
    width: { size: o.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    ...(o.shade ? { shading: { fill: "E7E6E6" } } : {}),
    children: [
      new Paragraph({
        alignment,
        spacing: { line: 240 },
        // A line break in the text is a line break in the cell (one ID per line, a figure over its share).
        children: text.split("\n").map(
          (line, i) =>
            new TextRun({
              text: line,
              font: FONT,
              size: PT(o.size ?? 11),
              ...(i > 0 ? { break: 1 } : {}),
              ...(o.bold ? { bold: true } : {}),
              ...(o.italics ? { italics: true } : {}),
            }),
        ),
      }),
    ],
  });
}

/** A bordered table, 11 pt (`size`); `widths` are shares of the text width; `align` per column. */
function table(
  head: string[],
  rows: string[][],
  shares: number[],
  align: Array<"left" | "center" | "right">,
  size = 11,
) {
  const total = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.floor((s / total) * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: head.map((h, i) =>
          cell(h, { width: widths[i] ?? 0, bold: true, align: "center", shade: true, size }),
        ),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((t, i) => cell(t, { width: widths[i] ?? 0, align: align[i] ?? "left", size })),
          }),
      ),
    ],
  });
}

function groupTable(rows: GroupRow[], first: string, model: ReportModel) {
  const ev = rows.some((r) => r.evidence);
  const hl = Boolean(model.headline);
  const head = [first, "Số đơn vị", "Số máy tính"];
  const shares = [34, 10, 12];
  if (ev) {
    head.push("Máy đã gửi minh chứng");
    shares.push(16);
  }
  if (hl) {
    head.push("Máy đạt cấu hình an toàn");
    shares.push(18);
  }
  head.push("Tồn tại chưa khắc phục");
  shares.push(12);
  const sum = (f: (r: GroupRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const line = (r: GroupRow | null): string[] => {
    const label = r ? r.label : "Tổng cộng";
    const units = r ? r.units : sum((x) => x.units);
    const machines = r ? r.machines : sum((x) => x.machines);
    const out = [label, viNumber(units, 0), viNumber(machines, 0)];
    if (ev) {
      const sent = r ? (r.evidence?.sent ?? 0) : sum((x) => x.evidence?.sent ?? 0);
      const expected = r ? (r.evidence?.expected ?? 0) : sum((x) => x.evidence?.expected ?? 0);
      out.push(
        `${viNumber(sent, 0)} (${viPercent(expected ? Math.round((sent / expected) * 10000) / 100 : 100)})`,
      );
    }
    if (hl) {
      const n = r ? (r.headline?.numerator ?? 0) : sum((x) => x.headline?.numerator ?? 0);
      const d = r ? (r.headline?.denominator ?? 0) : sum((x) => x.headline?.denominator ?? 0);
      out.push(
        d ? `${viPercent(Math.round((n / d) * 10000) / 100)} (${viNumber(n, 0)}/${viNumber(d, 0)})` : "-",
      );
    }
    out.push(viNumber(r ? r.open : sum((x) => x.open), 0));
    return out;
  };
  return table(
    head,
    [...rows.map(line), line(null)],
    shares,
    head.map((_, i) => (i === 0 ? "left" : "right")),
  );
}

export async function docxReport(m: ReportModel): Promise<Uint8Array> {
  const n = m.narrative;
  const date = n.date ?? m.asOf;
  const abbreviation = n.issuer.abbreviation;
  const subject = n.subject ?? `Kết quả thực hiện công tác bảo đảm an toàn thông tin ${m.period.label}`;
  const trend = m.previousAsOf !== undefined;
  const k: Array<Paragraph | Table> = [];

  // --- Heading: issuing body (left) and national name and motto (right).
  const left = Math.round(TEXT_WIDTH * 0.37);
  const right = TEXT_WIDTH - left;
  const headCell = (width: number, children: Paragraph[]) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: NO_BORDERS,
      margins: { left: 0, right: 0 },
      children,
    });
  k.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [left, right],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            headCell(left, [
              ...(n.issuer.parent
                ? [centred([run(n.issuer.parent.toLocaleUpperCase("vi"), { size: 13 })])]
                : []),
              centred(
                [run(n.issuer.name.toLocaleUpperCase("vi"), { size: 13, bold: true, underline: true })],
                120,
              ),
              centred([run(`Số: ${n.number ?? "       "}/BC-${abbreviation}`, { size: 13 })]),
            ]),
            headCell(right, [
              centred([run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: 12, bold: true })]),
              centred([run("Độc lập - Tự do - Hạnh phúc", { size: 14, bold: true, underline: true })], 120),
              centred([run(placeAndDate(n.place, date), { size: 14, italics: true })]),
            ]),
          ],
        }),
      ],
    }),
  );

  // --- Title, summary, Kính gửi.
  k.push(new Paragraph({ spacing: { before: 240 }, children: [] }));
  k.push(centred([run("BÁO CÁO", { bold: true })]));
  k.push(centred([run(subject, { bold: true })], 240));
  if (n.to.length === 1) k.push(centred([run(`Kính gửi: ${n.to[0]}.`)], 240));
  else {
    k.push(centred([run("Kính gửi:")]));
    for (const [i, t] of n.to.entries()) {
      const last = i === n.to.length - 1;
      k.push(
        new Paragraph({
          indent: { left: Math.round(45 * MM) },
          spacing: { after: last ? 240 : 0 },
          children: [run(`- ${t}${last ? "." : ";"}`)],
        }),
      );
    }
  }
  for (const p of n.opening) k.push(body(p));
  for (const p of dataSourcesVi(m)) k.push(body(p));
  k.push(body("Danh sách chi tiết theo từng đơn vị và thông tin kỹ thuật tại Phụ lục kèm theo."));

  // --- I. Results.
  k.push(heading("I. KẾT QUẢ THỰC HIỆN"));
  for (const p of n.results) k.push(body(p));
  k.push(heading("1. Đánh giá chung"));
  k.push(body([run(`Kết luận: `), run(m.conclusion, { bold: true }), run(` ${conclusionCountsVi(m)}.`)]));
  for (const p of conclusionExplainedVi(m)) k.push(body(p));
  if (m.headline) {
    const h = m.headline;
    k.push(
      body(
        `Tỷ lệ máy tính đạt cấu hình an toàn theo minh chứng kiểm tra (${h.id}): ${figureVi(h.value)}${h.previous ? `; kỳ trước ${figureVi(h.previous)}, thay đổi ${viChange(h.value.value - h.previous.value)}` : ""}.`,
      ),
    );
  }
  k.push(
    table(
      trend
        ? ["Đánh giá", "Số nhiệm vụ kỳ trước", "Số nhiệm vụ kỳ này", "Thay đổi"]
        : ["Đánh giá", "Số nhiệm vụ"],
      m.totals.map((t) =>
        trend
          ? [t.label, viNumber(t.previous ?? 0, 0), viNumber(t.count, 0), countChange(t.count, t.previous)]
          : [t.label, viNumber(t.count, 0)],
      ),
      trend ? [40, 20, 20, 20] : [60, 40],
      trend ? ["left", "right", "right", "right"] : ["left", "right"],
    ),
  );

  k.push(heading("2. Kết quả theo từng nhiệm vụ của kế hoạch"));
  m.documents.forEach((d, i) => {
    k.push(body([run(`2.${i + 1}. ${clip(d.title, 300)}`, { italics: true })]));
    const head = trend
      ? ["Mã", "Nhiệm vụ", "Chỉ tiêu", "Kỳ trước", "Kỳ này", "Thay đổi", "Phạm vi số liệu", "Đánh giá"]
      : ["Mã", "Nhiệm vụ", "Chỉ tiêu", "Kết quả", "Phạm vi số liệu", "Thời hạn", "Đánh giá"];
    // The ID and target columns fit "HY-EDU-S01" and "≥ 1 lần/năm" unbroken at 11 pt.
    // "Thay đổi" fits "+25,5" over "điểm %" and "không đổi".
    const shares = trend ? [14, 14, 10, 14, 14, 11, 13, 10] : [14, 24, 11, 14, 13, 12, 12];
    k.push(
      table(
        head,
        d.tasks.map((t) =>
          trend
            ? [
                t.id,
                clip(t.short, 150),
                targetVi(t.target),
                figureVi(t.previous, t.money),
                figureVi(t.result, t.money),
                // "+0,68" over "điểm %": the column is narrow, the unit stays whole (its
                // spaces are no-break spaces: split before the unit, never inside it).
                changeVi(t.result, t.previous).replace(/[ \u00a0]điểm/, "\nđiểm"),
                coverageCellVi(t).replace(" (", "\n("),
                statusCellVi(t),
              ]
            : [
                t.id,
                clip(t.short, 150),
                targetVi(t.target),
                figureVi(t.result, t.money),
                coverageCellVi(t).replace(" (", "\n("),
                clip(t.deadlineVi, 60),
                statusCellVi(t),
              ],
        ),
        shares,
        head.map((_, j) => (j === 1 ? "left" : j === 0 ? "left" : "center")),
        // Seven or eight columns on a portrait page: 10 pt keeps figures and IDs on one line.
        10,
      ),
    );
    for (const t of d.tasks) {
      const money = moneyVi(t);
      if (money) k.push(body(money));
    }
  });

  k.push(heading("3. Kết quả theo loại hình đơn vị"));
  k.push(groupTable(m.byType, "Loại hình", m));
  k.push(heading("4. Kết quả theo xã, phường"));
  k.push(groupTable(m.byCommune, "Xã, phường", m));
  const provinceWide = provinceWideNoteVi(m);
  if (provinceWide) k.push(body(provinceWide));

  const worst = m.worst;
  k.push(heading("5. Các đơn vị còn nhiều tồn tại"));
  if (worst.length === 0) k.push(body("Không có đơn vị nào còn tồn tại chưa khắc phục."));
  else {
    k.push(
      table(
        ["Đơn vị", "Xã, phường", "Số máy tính", "Máy đạt cấu hình an toàn", "Tồn tại"],
        worst
          .slice(0, BODY_UNITS)
          .map((u) => [
            u.name,
            u.commune,
            viNumber(u.machines, 0),
            u.headline ? figureVi(u.headline) : "-",
            viNumber(u.open, 0),
          ]),
        [36, 20, 12, 20, 12],
        ["left", "left", "right", "right", "right"],
      ),
    );
    if (worst.length > BODY_UNITS)
      k.push(
        body(
          `Còn ${viNumber(worst.length - BODY_UNITS, 0)} đơn vị khác có tồn tại; chi tiết tại Phụ lục (trang tính "Theo đơn vị").`,
        ),
      );
  }

  k.push(heading("6. Thực hiện các nhiệm vụ định kỳ trong kỳ"));
  if (m.due.length === 0) k.push(body("Trong kỳ không có nhiệm vụ định kỳ đến hạn."));
  else
    k.push(
      table(
        ["Mã", "Nhiệm vụ", "Hạn", "Tình trạng"],
        m.due.map((d) => [d.requirement, clip(d.text, 150), viDate(d.due), dueStatusVi(d)]),
        [18, 38, 14, 30],
        ["left", "left", "center", "left"],
      ),
    );

  // --- II. Shortcomings and causes.
  k.push(heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"));
  k.push(heading("1. Tồn tại, hạn chế"));
  for (const p of n.shortcomings) k.push(body(p));
  const open = m.findingGroups.filter((g) => !g.waived);
  if (open.length === 0) k.push(body("Qua kiểm tra tự động, không phát hiện tồn tại chưa khắc phục."));
  else {
    k.push(
      body(
        `Qua kiểm tra tự động, phát hiện ${viNumber(m.open.now, 0)} tồn tại, tổng hợp thành ${viNumber(open.length, 0)} nội dung:`,
      ),
    );
    k.push(
      table(
        ["Đơn vị", "Nội dung tồn tại", "Số lượng", "Nhiệm vụ"],
        open
          .slice(0, BODY_FINDINGS)
          .map((g) => [
            g.unitName || "Toàn tỉnh",
            clip(g.what, 260),
            viNumber(g.count, 0),
            g.requirements.join("\n"),
          ]),
        [22, 47, 9, 22],
        ["left", "left", "right", "left"],
      ),
    );
    if (open.length > BODY_FINDINGS)
      k.push(
        body(
          `Còn ${viNumber(open.length - BODY_FINDINGS, 0)} nội dung khác; chi tiết tại Phụ lục (trang tính "Tồn tại").`,
        ),
      );
  }
  k.push(heading("2. Miễn trừ"));
  if (m.waivers.length === 0) k.push(body("Trong kỳ không có miễn trừ."));
  else
    k.push(
      body(
        "Các miễn trừ đã đề nghị trong kỳ, kể cả miễn trừ chưa phê duyệt và đã hết hạn (chỉ miễn trừ đang áp dụng mới miễn trừ tồn tại):",
      ),
      table(
        WAIVER_HEAD,
        waiverRowsVi(m),
        [11, 14, 30, 13, 13, 9, 10],
        ["left", "left", "left", "left", "left", "center", "left"],
      ),
    );
  k.push(heading("3. Nguyên nhân"));
  for (const p of n.causes.length ? n.causes : ["(Đơn vị bổ sung nguyên nhân.)"]) k.push(body(p));

  // --- III, IV.
  k.push(heading("III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"));
  for (const p of n.nextTasks.length ? n.nextTasks : ["(Đơn vị bổ sung nhiệm vụ kỳ tới.)"]) k.push(body(p));
  k.push(heading("IV. KIẾN NGHỊ, ĐỀ XUẤT"));
  for (const p of n.recommendations.length ? n.recommendations : ["Không có."]) k.push(body(p));
  k.push(
    body(
      `Trên đây là báo cáo kết quả thực hiện công tác bảo đảm an toàn thông tin ${m.period.label} của ${n.issuer.name}./.`,
    ),
  );

  // --- Nơi nhận (left) and signature (right).
  const sigLeft = Math.round(TEXT_WIDTH * 0.45);
  const sigRight = TEXT_WIDTH - sigLeft;
  const recipients = n.recipients.map(
    (r, i) =>
      new Paragraph({
        spacing: { line: 240 },
        children: [run(`- ${r}${i === n.recipients.length - 1 ? "." : ";"}`, { size: 11 })],
      }),
  );
  k.push(new Paragraph({ spacing: { before: 120 }, children: [] }));
  k.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [sigLeft, sigRight],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: sigLeft, type: WidthType.DXA },
              borders: NO_BORDERS,
              children: [
                new Paragraph({ children: [run("Nơi nhận:", { size: 12, bold: true, italics: true })] }),
                ...recipients,
              ],
            }),
            new TableCell({
              width: { size: sigRight, type: WidthType.DXA },
              borders: NO_BORDERS,
              children: [
                ...(n.signer.authority
                  ? [centred([run(n.signer.authority.toLocaleUpperCase("vi"), { bold: true })])]
                  : []),
                centred([run(n.signer.title.toLocaleUpperCase("vi"), { bold: true })], 1600),
                centred([run(n.signer.name, { bold: true })]),
              ],
            }),
          ],
        }),
      ],
    }),
  );

  const doc = new Document({
    creator: n.issuer.name,
    title: `Báo cáo ${m.period.label}`,
    description: subject,
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: PAGE,
            margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT(13) })],
              }),
            ],
          }),
        },
        children: k,
      },
    ],
  });
  return fixedPackage(await Packer.toBuffer(doc), date);
}
