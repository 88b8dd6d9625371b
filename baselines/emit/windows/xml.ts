// The two XML helpers the GPO backup writer needs. Every value we insert into XML
// goes through one of them: display names and comments come from users and may hold
// `&`, `<` or `]]>`.

/** XML 1.0 Char production; anything else cannot appear in a document at all, escaped or not. */
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

function assertXmlChars(s: string): void {
  if (!XML_CHAR.test(s)) {
    throw new Error(
      `text ${JSON.stringify(s)} holds a character XML 1.0 does not allow (control character or lone surrogate)`,
    );
  }
}

/** Escape for element text and attribute values (quotes included, so either quoting works). */
export function xmlEscape(s: string): string {
  assertXmlChars(s);
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * A CDATA section, as GPMC writes its values. `]]>` cannot occur inside one, so it is
 * split across two sections; an XML parser joins them back into the original text.
 */
export function xmlCdata(s: string): string {
  assertXmlChars(s);
  return `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}
