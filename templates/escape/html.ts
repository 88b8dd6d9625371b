/**
 * Escaping for XML and HTML text and attributes. Characters a report cannot hold
 * become U+FFFD: those XML cannot hold at all (C0 control characters, lone surrogates,
 * U+FFFE and U+FFFF) and those HTML parses as errors (DEL, C1 controls, the other
 * non-characters). A report must render whatever an inventory holds.
 */
const NOT_REPORT_CHAR =
  /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{10FFFF}]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu;

export function markupEscape(value: unknown): string {
  return String(value ?? "")
    .replace(NOT_REPORT_CHAR, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** XML text: as markupEscape, with CR as a character reference (a parser reads a raw CR as LF). */
export function xmlText(value: unknown): string {
  return markupEscape(value).replace(/\r/g, "&#13;");
}

/** XML attribute values: tab and LF too, which attribute-value normalisation turns into spaces. */
export function xmlAttribute(value: unknown): string {
  return xmlText(value).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/**
 * Markdown table cells: one line (CR LF, CR and LF become a space), characters a report
 * cannot hold as U+FFFD, and every ASCII punctuation character that Markdown or GitHub's
 * extensions could read as syntax (raw HTML and entities, emphasis, code, links and images,
 * strikethrough, math, a cell's end) backslash-escaped, so an inventory string is always
 * read back as the same plain text, and the Markdown source holds no HTML entities for a
 * reader of the file itself.
 */
export function markdownCell(value: unknown): string {
  return String(value ?? "")
    .replace(NOT_REPORT_CHAR, "\uFFFD")
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/[\\`*_[\]~$|!<>&]/g, "\\$&");
}
