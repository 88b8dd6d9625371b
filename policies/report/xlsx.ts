/**
 * The report's appendix as an Excel workbook: one sheet per adopted plan (ID, task,
 * target, result, status, coverage, deadline), one row per unit, the drill-down by unit
 * type and by commune, every shortcoming grouped, the periodic deadlines, and the
 * technical details (policies, files and lines, field names) kept out of the document.
 *
 * Figures are numbers (a percentage is stored as a fraction, 0.6667, and shown 66,67%),
 * with Vietnamese display formats (the [$-42A] locale: comma decimals, dot thousands).
 */
import ExcelJS from "exceljs";
import { targetVi } from "./figures.js";
import { fixedPackage } from "./ooxml-package.js";
import { dueStatusVi } from "./report-sentences.js";
import { type GroupRow, NO_COMMUNE, type ReportModel, type Share, type Task } from "./verdict-view.js";

export const FMT = {
  percent: "[$-42A]0.00%",
  count: "[$-42A]#,##0",
  money: '[$-42A]#,##0 "đồng"',
  points: '[$-42A]+0.00" điểm %";-0.00" điểm %";"không đổi"',
  date: "[$-42A]dd/mm/yyyy",
} as const;

type Kind = keyof typeof FMT | "text";
interface Column {
  header: string;
  width: number;
  kind: Kind;
}

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const fraction = (percent: number | undefined) => (percent === undefined ? null : percent / 100);
const isShare = (s: Share | { value: number } | undefined): s is Share =>
  s !== undefined && "denominator" in s;

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: unknown[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    ...(c.kind !== "text" ? { style: { numFmt: FMT[c.kind] } } : {}),
  }));
  const head = ws.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: "middle" };
  for (const r of rows) ws.addRow(r.map((v) => (v === undefined ? null : v)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** Excel refuses sheet names longer than 31 characters or holding []:*?/\. */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);

export async function xlsxReport(m: ReportModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const date = m.narrative.date ?? m.asOf;
  wb.creator = m.narrative.issuer.name;
  wb.lastModifiedBy = m.narrative.issuer.name;
  wb.created = asDate(date);
  wb.modified = asDate(date);
  const trend = m.previousAsOf !== undefined;

  sheet(
    wb,
    "Tổng hợp",
    [
      { header: "Nội dung", width: 48, kind: "text" },
      { header: "Kỳ này", width: 18, kind: "count" },
      ...(trend
        ? [
            { header: "Kỳ trước", width: 18, kind: "count" as const },
            { header: "Thay đổi", width: 14, kind: "count" as const },
          ]
        : []),
    ],
    [
      ["Tỉnh", m.provinceName],
      ["Kỳ báo cáo", m.period.label],
      ["Số liệu tính đến ngày", asDate(m.asOf), ...(trend ? [asDate(m.previousAsOf ?? m.asOf)] : [])],
      ["Kết luận", m.conclusion],
      ...m.totals.map((t) => [
        t.label,
        t.count,
        ...(trend ? [t.previous ?? 0, t.count - (t.previous ?? 0)] : []),
      ]),
      [
        "Số tồn tại chưa khắc phục",
        m.open.now,
        ...(trend ? [m.open.previous ?? 0, m.open.now - (m.open.previous ?? 0)] : []),
      ],
    ],
  ).eachRow((row, i) => {
    if (i === 4) for (const c of [2, 3]) row.getCell(c).numFmt = FMT.date;
  });

  for (const d of m.documents) {
    const columns: Column[] = [
      { header: "Mã", width: 12, kind: "text" },
      { header: "Nhiệm vụ", width: 60, kind: "text" },
      { header: "Chỉ tiêu", width: 10, kind: "text" },
      { header: "Mục tiêu", width: 10, kind: "percent" },
      { header: "Kết quả", width: 10, kind: "percent" },
      { header: "Đạt (tử số)", width: 14, kind: "count" },
      { header: "Tổng (mẫu số)", width: 14, kind: "count" },
      ...(trend
        ? [
            { header: "Kỳ trước", width: 10, kind: "percent" as const },
            { header: "Thay đổi", width: 14, kind: "points" as const },
          ]
        : []),
      { header: "Có số liệu", width: 12, kind: "count" },
      { header: "Tổng thể", width: 12, kind: "count" },
      { header: "Phạm vi số liệu", width: 12, kind: "percent" },
      { header: "Đánh giá", width: 18, kind: "text" },
      { header: "Kết luận", width: 16, kind: "text" },
      { header: "Thời hạn", width: 24, kind: "text" },
      { header: "Tồn tại", width: 10, kind: "count" },
      { header: "Miễn trừ", width: 10, kind: "count" },
    ];
    const ws = sheet(
      wb,
      sheetName(d.id),
      columns,
      d.tasks.map((t) => taskRow(t, trend)),
    );
    // Budget shares count đồng, not things.
    d.tasks.forEach((t, i) => {
      if (!t.money) return;
      for (const c of [6, 7]) ws.getRow(i + 2).getCell(c).numFmt = FMT.money;
    });
  }

  const figureCols: Column[] = m.unitFigures.flatMap((f) => [
    { header: `${f.id}: tỷ lệ`, width: 12, kind: "percent" as const },
    { header: `${f.id}: đạt`, width: 14, kind: f.money ? ("money" as const) : ("count" as const) },
    { header: `${f.id}: tổng`, width: 14, kind: f.money ? ("money" as const) : ("count" as const) },
  ]);
  sheet(
    wb,
    "Theo đơn vị",
    [
      { header: "Đơn vị", width: 44, kind: "text" },
      { header: "Loại hình", width: 22, kind: "text" },
      { header: "Xã, phường", width: 22, kind: "text" },
      { header: "Số máy tính", width: 12, kind: "count" },
      { header: "Máy đã gửi minh chứng", width: 14, kind: "count" },
      { header: "Tỷ lệ gửi minh chứng", width: 14, kind: "percent" },
      { header: "Máy đạt cấu hình an toàn", width: 14, kind: "count" },
      { header: "Tỷ lệ máy đạt", width: 12, kind: "percent" },
      { header: "Tồn tại chưa khắc phục", width: 14, kind: "count" },
      { header: "Tồn tại được miễn trừ", width: 14, kind: "count" },
      ...figureCols,
      { header: "Mã đơn vị", width: 24, kind: "text" },
    ],
    m.units.map((u) => [
      u.name,
      u.typeVi,
      u.commune === NO_COMMUNE ? null : u.commune,
      u.machines,
      u.evidence?.sent,
      u.evidence ? fraction(u.evidence.expected ? (u.evidence.sent / u.evidence.expected) * 100 : 100) : null,
      u.headline?.numerator,
      fraction(u.headline?.value),
      u.open,
      u.waived,
      ...m.unitFigures.flatMap((f) => {
        const s = u.figures[f.id];
        return s ? [fraction(s.value), s.numerator, s.denominator] : [null, null, null];
      }),
      u.id,
    ]),
  );

  for (const [name, rows] of [
    ["Theo loại hình", m.byType],
    ["Theo xã, phường", m.byCommune],
  ] as const)
    sheet(
      wb,
      name,
      [
        { header: name === "Theo loại hình" ? "Loại hình" : "Xã, phường", width: 40, kind: "text" },
        { header: "Số đơn vị", width: 10, kind: "count" },
        { header: "Số máy tính", width: 12, kind: "count" },
        { header: "Máy đã gửi minh chứng", width: 14, kind: "count" },
        { header: "Máy đạt cấu hình an toàn", width: 14, kind: "count" },
        { header: "Máy được kiểm đếm", width: 14, kind: "count" },
        { header: "Tỷ lệ máy đạt", width: 12, kind: "percent" },
        { header: "Tồn tại chưa khắc phục", width: 14, kind: "count" },
      ],
      rows.map((g: GroupRow) => [
        g.label,
        g.units,
        g.machines,
        g.evidence?.sent,
        g.headline?.numerator,
        g.headline?.denominator,
        fraction(g.headline?.value),
        g.open,
      ]),
    );

  sheet(
    wb,
    "Tồn tại",
    [
      { header: "Đơn vị", width: 40, kind: "text" },
      { header: "Nội dung tồn tại", width: 90, kind: "text" },
      { header: "Số lượng", width: 10, kind: "count" },
      { header: "Nhiệm vụ", width: 30, kind: "text" },
      { header: "Miễn trừ", width: 10, kind: "text" },
    ],
    m.findingGroups.map((g) => [
      g.unitName || "Toàn tỉnh",
      g.what,
      g.count,
      g.requirements.join(", "),
      g.waived ? "có" : "",
    ]),
  );

  sheet(
    wb,
    "Nhiệm vụ định kỳ",
    [
      { header: "Mã", width: 12, kind: "text" },
      { header: "Nhiệm vụ", width: 60, kind: "text" },
      { header: "Hạn", width: 12, kind: "date" },
      { header: "Tình trạng", width: 40, kind: "text" },
      { header: "Ngày thực hiện", width: 14, kind: "date" },
      { header: "Văn bản", width: 30, kind: "text" },
    ],
    m.due.map((d) => [
      d.requirement,
      d.text,
      asDate(d.due),
      dueStatusVi(d),
      d.done ? asDate(d.done.on) : null,
      d.done?.ref ?? null,
    ]),
  );

  sheet(
    wb,
    "Chi tiết kỹ thuật",
    [
      { header: "Nhiệm vụ", width: 24, kind: "text" },
      { header: "Chính sách kiểm tra", width: 36, kind: "text" },
      { header: "Đối tượng", width: 36, kind: "text" },
      { header: "Đơn vị", width: 36, kind: "text" },
      { header: "Tồn tại", width: 80, kind: "text" },
      { header: "Cách khắc phục", width: 80, kind: "text" },
      { header: "Vị trí trong dữ liệu", width: 50, kind: "text" },
      { header: "Miễn trừ", width: 40, kind: "text" },
    ],
    m.technical.map((t) => [
      t.requirements,
      t.policy,
      t.subject,
      t.unit,
      t.message,
      t.fix,
      t.location,
      t.waiver,
    ]),
  );

  sheet(
    wb,
    "Miễn trừ",
    [
      { header: "Nhiệm vụ", width: 16, kind: "text" },
      { header: "Phạm vi", width: 40, kind: "text" },
      { header: "Lý do", width: 80, kind: "text" },
      { header: "Người phê duyệt", width: 30, kind: "text" },
      { header: "Quyết định", width: 30, kind: "text" },
      { header: "Ngày phê duyệt", width: 14, kind: "date" },
      { header: "Hết hạn", width: 12, kind: "date" },
      { header: "Tình trạng", width: 16, kind: "text" },
      { header: "Số tồn tại được miễn trừ", width: 14, kind: "count" },
    ],
    m.waivers.map((w) => [
      w.id,
      w.scope,
      w.reason,
      w.approver,
      w.decision || null,
      w.approvedOn ? asDate(w.approvedOn) : null,
      asDate(w.expires),
      w.state,
      w.waives,
    ]),
  );

  // The data centre's declared exceptions: reported with their reasons, neither waivers nor shortcomings.
  sheet(
    wb,
    "Ngoại lệ kỹ thuật",
    [
      { header: "Đối tượng", width: 40, kind: "text" },
      { header: "Nhiệm vụ", width: 24, kind: "text" },
      { header: "Lý do", width: 80, kind: "text" },
    ],
    m.technicalExceptions.map((x) => [x.subject, x.requirements, x.reason]),
  );

  // Stored, not compressed: fixedPackage compresses once, with the toolkit's fixed settings.
  const bytes = new Uint8Array(
    await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } } as ExcelJS.XlsxWriteOptions),
  );
  return fixedPackage(bytes, date);
}

function taskRow(t: Task, trend: boolean): unknown[] {
  const r = t.result;
  const percentTarget = t.target?.unit === "percent";
  return [
    t.id,
    t.text,
    t.target ? targetVi(t.target) : null,
    percentTarget ? fraction(t.target?.value) : null,
    fraction(r?.value),
    isShare(r) ? r.numerator : null,
    isShare(r) ? r.denominator : null,
    ...(trend
      ? [
          fraction(t.previous?.value),
          r && t.previous ? Math.round((r.value - t.previous.value) * 100) / 100 : null,
        ]
      : []),
    t.coverage?.counted,
    t.coverage?.population,
    t.coverage
      ? fraction(t.coverage.population ? (t.coverage.counted / t.coverage.population) * 100 : 100)
      : null,
    t.statusVi,
    t.conclusion,
    t.deadlineVi,
    t.open,
    t.waived,
  ];
}
