/**
 * Escaping for XML and HTML text and attributes. Characters XML cannot hold at all
 * (control characters, lone surrogates) become U+FFFD: a report must render whatever
 * an inventory holds.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function markupEscape(value: unknown): string {
  return String(value ?? "")
    .replace(NOT_XML_CHAR, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Markdown table cells: pipes and newlines would break the table. */
export function markdownCell(value: unknown): string {
  return markupEscape(value).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
