/**
 * The status page, Vietnamese first: one server-rendered HTML table, no script, so it
 * works in any browser the Department has (and with JavaScript off). Units that have not
 * reported come first: they are who the Department calls.
 */
import { markupEscape as h } from "../templates/escape/html.js";
import type { Status, UnitStatus } from "./status.js";
import { passingLine } from "./unit-summary.js";

const pct = (n: number, d: number) => (d === 0 ? "-" : `${((100 * n) / d).toFixed(1).replace(".", ",")} %`);
const when = (iso: string | null) =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "chưa gửi / none";

export function statusPage(provinceName: string, s: Status): string {
  const order = (a: UnitStatus, b: UnitStatus) =>
    Number(a.reported > 0) - Number(b.reported > 0) || a.unit.localeCompare(b.unit);
  const rows = [...s.units].sort(order).map(
    (u) => `<tr data-unit="${h(u.unit)}"${u.reported === 0 ? ' class="silent"' : ""}>
<td>${h(u.name)}<br><small>${h(u.unit)}</small></td>
<td class="n" data-field="expected">${u.expected}</td>
<td class="n" data-field="reported">${u.reported}</td>
<td class="n" data-field="passing">${u.passing}</td>
<td class="n">${pct(u.passing, u.expected)}</td>
<td data-field="summary">${h(passingLine(u))}</td>
<td class="n" data-field="extra">${u.extra}</td>
<td>${h(when(u.lastUpload))}</td>
</tr>`,
  );
  const t = s.totals;
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tình trạng minh chứng an toàn thông tin - ${h(provinceName)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.silent td { background: #fdecea; }
.en { color: #555; font-size: .9em; }
</style>
</head>
<body>
<h1>Tình trạng minh chứng an toàn thông tin: ${h(provinceName)}</h1>
<p class="en">Evidence status of the province's machines</p>
<p>Kỳ báo cáo / reporting period: <strong>${h(s.period.from)}</strong> đến <strong>${h(s.period.to)}</strong>.</p>
<p id="totals">Toàn tỉnh: <strong data-field="passing">${t.passing}</strong> / <strong data-field="expected">${t.expected}</strong> máy đạt (${pct(t.passing, t.expected)});
<strong data-field="reported">${t.reported}</strong> máy đã gửi minh chứng;
<strong data-field="silent-units">${t.silentUnits}</strong> đơn vị chưa gửi.
<span class="en">Province: ${t.passing} of ${t.expected} machines pass; ${t.reported} reported; ${t.silentUnits} units have not reported.</span></p>
<table>
<thead><tr>
<th>Đơn vị <span class="en">Unit</span></th>
<th>Số máy <span class="en">Expected</span></th>
<th>Đã gửi <span class="en">Reported</span></th>
<th>Đạt <span class="en">Passing</span></th>
<th>Tỷ lệ đạt <span class="en">Share</span></th>
<th>Tóm tắt <span class="en">Summary</span></th>
<th>Ngoài kiểm kê <span class="en">Not in inventory</span></th>
<th>Lần gửi cuối <span class="en">Last upload</span></th>
</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</body>
</html>
`;
}
