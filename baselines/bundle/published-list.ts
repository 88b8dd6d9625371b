/**
 * The list the Department publishes for each packaging run, through its own official
 * channel (the letter that sends the zips, its website), never with the zips: per unit,
 * the zip's file name, the zip's SHA-256, the check code (the SHA-256 of the zip's
 * manifest.json, which Verify-Bundle.ps1 and verify-bundle.sh take) and the fingerprint
 * of the signing key. As a text file, and as an HTML table to paste into an official
 * letter (Times New Roman 13 pt, the letters' usual type). No dates: the same zips give
 * the same bytes.
 */
import { unzipSync } from "fflate";
import { markupEscape as h } from "../../templates/escape/html.js";
import { MANIFEST, sha256 } from "./manifest.js";

export const PUBLISHED_TEXT = "cong-bo-sha256.txt";
export const PUBLISHED_HTML = "cong-bo-sha256.html";

export interface PublishedRow {
  unit: string;
  unitName: string;
  zip: string;
  zipSha256: string;
  manifestSha256: string;
}

/** The check code of a bundle: the SHA-256 of the manifest.json it carries. */
export function manifestSha256(zip: Uint8Array): string {
  const manifest = unzipSync(zip, { filter: (f) => f.name === MANIFEST })[MANIFEST];
  if (!manifest) throw new Error(`the zip has no ${MANIFEST}`);
  return sha256(manifest);
}

const UNSIGNED_VI = "CHƯA KÝ: ký các gói (attt sign hoặc --sign-key) trước khi phát hành";
const UNSIGNED_EN = "UNSIGNED: sign the zips (attt sign or --sign-key) before issuing them";

export function publishedText(rows: PublishedRow[], signingKey: string | null): string {
  return [
    "# attt-kit: danh sách Sở công bố cho lần đóng gói này / the Department's published list for this packaging run",
    "# Công bố qua kênh chính thức của Sở (công văn, trang thông tin), không gửi kèm các gói.",
    "# Publish it through the Department's official channel (letter, website), never with the zips.",
    `# Dấu vân tay khóa ký (SHA-256 của khóa công khai) / signing key fingerprint: ${signingKey ?? `${UNSIGNED_VI} / ${UNSIGNED_EN}`}`,
    "# đơn vị / unit  tệp / zip  SHA-256 tệp zip / zip SHA-256  mã kiểm tra gói (SHA-256 của manifest.json) / check code  dấu vân tay khóa / key fingerprint",
    ...rows.map((r) => [r.unit, r.zip, r.zipSha256, r.manifestSha256, signingKey ?? "-"].join("  ")),
    "",
  ].join("\n");
}

/** A 64-digit hash in four groups of 16, so that it wraps in a table cell; the verifiers ignore spaces. */
const grouped = (hex: string) => hex.match(/.{1,16}/g)?.join(" ") ?? hex;

const CELL = 'style="border:1px solid #000;padding:2pt 4pt;vertical-align:top"';
const HASH =
  "style=\"border:1px solid #000;padding:2pt 4pt;vertical-align:top;font-family:'Courier New',monospace;font-size:9pt\"";

export function publishedHtml(rows: PublishedRow[], signingKey: string | null, provinceName: string): string {
  const key = signingKey
    ? `<span style="font-family:'Courier New',monospace">${grouped(signingKey)}</span>`
    : `<b>${h(UNSIGNED_VI)}</b>`;
  return [
    "<!DOCTYPE html>",
    '<html lang="vi">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>Danh sách gói cấu hình an toàn thông tin: ${h(provinceName)}</title>`,
    "</head>",
    "<body style=\"font-family:'Times New Roman',serif;font-size:13pt\">",
    `<p style="text-align:center"><b>DANH SÁCH GÓI CẤU HÌNH AN TOÀN THÔNG TIN PHÁT HÀNH CHO CÁC ĐƠN VỊ</b><br>${h(provinceName)}</p>`,
    `<p>Dấu vân tay khóa ký của Sở (SHA-256 của khóa công khai <i>attt-signing.pub</i>): ${key}</p>`,
    "<table style=\"border-collapse:collapse;font-family:'Times New Roman',serif;font-size:13pt\">",
    "<thead>",
    `<tr><th ${CELL}>STT</th><th ${CELL}>Đơn vị</th><th ${CELL}>Tệp gói</th><th ${CELL}>SHA-256 của tệp gói</th><th ${CELL}>Mã kiểm tra gói (SHA-256 của manifest.json)</th></tr>`,
    "</thead>",
    "<tbody>",
    ...rows.map(
      (r, i) =>
        `<tr><td ${CELL}>${i + 1}</td><td ${CELL}>${h(r.unitName)} (${h(r.unit)})</td><td ${CELL}>${h(r.zip)}</td><td ${HASH}>${grouped(r.zipSha256)}</td><td ${HASH}>${grouped(r.manifestSha256)}</td></tr>`,
    ),
    "</tbody>",
    "</table>",
    "<p>Trước khi giải nén, so SHA-256 của tệp gói (<i>Get-FileHash &lt;tệp&gt; -Algorithm SHA256</i> trên Windows, <i>sha256sum &lt;tệp&gt;</i> trên Linux) với cột “SHA-256 của tệp gói”. Sau khi giải nén, chạy <i>Verify-Bundle.ps1</i> (Windows) hoặc <i>bash verify-bundle.sh</i> (Linux) trong thư mục của gói và nhập “Mã kiểm tra gói” của đơn vị. Khác nhau dù một ký tự: không chạy gì trong gói, báo Sở.</p>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
