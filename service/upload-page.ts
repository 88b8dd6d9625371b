/**
 * The school's upload page and its answer, Vietnamese first: a plain HTML form
 * (multipart, no script), so that it works in any browser a school has. The answer lists
 * every file, taken or refused with the reason, and the unit's "38/40 máy đạt".
 */
import { markupEscape as h } from "../templates/escape/html.js";
import type { UnitSummary } from "./unit-summary.js";
import { UPLOAD_LIMITS } from "./upload-files.js";

export const UPLOAD_PATH = "/tai-len";

/** One row of the answer: a file (or a zip's entry) and what became of it. */
export interface FileOutcome {
  /** As the page may show it (shownName). */
  name: string;
  stored?: { id: string; machine: string };
  refused?: { vi: string; en: string; detail?: string };
}

const STYLE = `body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; max-width: 60rem; }
label { display: block; margin: 1rem 0 .3rem; font-weight: 600; }
.en { color: #555; font-size: .9em; font-weight: normal; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
tr.refused td { background: #fdecea; }
tr.stored td { background: #eaf7ea; }
#summary { font-size: 1.3em; }
button { margin-top: 1rem; padding: .5rem 1.2rem; font-size: 1em; }`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function uploadForm(provinceName: string): string {
  return page(
    `Gửi minh chứng an toàn thông tin - ${provinceName}`,
    `<h1>Gửi minh chứng an toàn thông tin</h1>
<p class="en">Upload your machines' evidence files: ${h(provinceName)}</p>
<p>Chọn tệp khóa của đơn vị (do Sở cấp) và các tệp minh chứng mà <code>Test-Baseline.ps1</code> hoặc
<code>audit.sh</code> đã ghi ra (<code>.json</code>), hoặc một tệp <code>.zip</code> chứa các tệp đó.
Mỗi tệp được kiểm tra riêng: tệp bị từ chối không được lưu, các tệp khác vẫn được nhận.</p>
<form method="post" action="${UPLOAD_PATH}" enctype="multipart/form-data">
<label for="khoa">Tệp khóa của đơn vị <span class="en">Unit credential file</span></label>
<input type="file" id="khoa" name="khoa" accept=".credential,.txt">
<label for="ma">hoặc dán khóa <span class="en">or paste the credential (attt1....)</span></label>
<input type="password" id="ma" name="ma" size="70" autocomplete="off">
<label for="tep">Tệp minh chứng (.json) hoặc tệp .zip <span class="en">Evidence files or a zip</span></label>
<input type="file" id="tep" name="tep" accept=".json,.zip" multiple required>
<p class="en">Tối đa ${UPLOAD_LIMITS.files} tệp mỗi lần; mỗi bản ghi tối đa ${UPLOAD_LIMITS.recordBytes / 1024 / 1024} MiB,
mỗi tệp zip tối đa ${UPLOAD_LIMITS.zipBytes / 1024 / 1024} MiB. / At most ${UPLOAD_LIMITS.files} files per upload.</p>
<button type="submit">Gửi minh chứng</button>
</form>`,
  );
}

/** The answer to an upload that could not start (no or a bad credential, not a form). */
export function uploadRefusedPage(vi: string, en: string): string {
  return page(
    "Không nhận được minh chứng",
    `<h1>Không nhận được minh chứng</h1>
<p id="refusal">${h(vi)}</p>
<p class="en">${h(en)}</p>
<p>Không lưu tệp nào. <a href="${UPLOAD_PATH}">Gửi lại</a></p>`,
  );
}

export function uploadAnswerPage(
  unit: { id: string; name: string },
  files: FileOutcome[],
  summary: UnitSummary | undefined,
  note?: { vi: string; en: string },
): string {
  const stored = files.filter((f) => f.stored).length;
  const refused = files.length - stored;
  const rows = files.map((f) =>
    f.stored
      ? `<tr class="stored" data-result="stored"><td>${h(f.name)}</td><td>Đã nhận <span class="en">stored</span></td><td>máy ${h(f.stored.machine)} (bản ghi #${h(f.stored.id)})</td></tr>`
      : `<tr class="refused" data-result="refused"><td>${h(f.name)}</td><td>Từ chối, không lưu <span class="en">refused, nothing stored</span></td><td>${h(f.refused?.vi)}${f.refused?.detail ? `<br><small>${h(f.refused.detail)}</small>` : ""}<br><span class="en">${h(f.refused?.en)}</span></td></tr>`,
  );
  return page(
    `Kết quả gửi minh chứng - ${unit.name}`,
    `<h1>Kết quả gửi minh chứng: ${h(unit.name)}</h1>
<p id="counts">Đã nhận <strong data-field="stored">${stored}</strong> tệp, từ chối <strong data-field="refused">${refused}</strong> tệp.
Tệp bị từ chối không được lưu. <span class="en">${stored} stored, ${refused} refused (nothing of a refused file is stored).</span></p>
${note ? `<p id="note">${h(note.vi)} <span class="en">${h(note.en)}</span></p>` : ""}
${
  summary
    ? `<p id="summary" data-expected="${summary.expected}" data-reported="${summary.reported}" data-passing="${summary.passing}"><strong>${h(summary.vi)}</strong></p>
<p class="en">${h(summary.en)}</p>`
    : ""
}
<table>
<thead><tr><th>Tệp <span class="en">File</span></th><th>Kết quả <span class="en">Result</span></th><th>Chi tiết <span class="en">Detail</span></th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<p><a href="${UPLOAD_PATH}">Gửi thêm tệp</a></p>`,
  );
}
