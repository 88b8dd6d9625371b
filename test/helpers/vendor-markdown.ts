/**
 * Markdown for the document templates, read by cmark-gfm (GitHub's CommonMark
 * implementation, with its table extension): the document's structure as a list of
 * element names, and its text as the parser sees it.
 */
import { spawnSync } from "node:child_process";
import { toolPath } from "./vendor-tools.js";

export const CMARK_GFM = toolPath("cmark-gfm");

export interface MarkdownReading {
  /** Every element other than text and line breaks, as "open:name" / "close:name", in document order. */
  shape: string[];
  /** The text of the document, a hard line break as "\n" and a soft one as " ". */
  text: string;
  /** Headings' text, in order. */
  headings: string[];
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? m),
  );

export function readMarkdown(markdown: string): MarkdownReading {
  const r = spawnSync(CMARK_GFM as string, ["--extension", "table", "--to", "xml"], {
    input: markdown,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`cmark-gfm failed: ${r.stderr}`);
  const shape: string[] = [];
  const headings: string[] = [];
  let text = "";
  let heading: string | undefined;
  // cmark's XML: one element per line or <text ...>escaped</text> on one line.
  const tag = /<(\/?)([a-z_]+)([^>]*?)(\/?)>|([^<]+)/g;
  let inText = false;
  for (const m of r.stdout.replace(/^<\?xml[^>]*>\s*<!DOCTYPE[^>]*>/, "").matchAll(tag)) {
    const [, closing, name, , selfClosing, chars] = m;
    if (chars !== undefined) {
      if (inText) {
        const t = decode(chars);
        text += t;
        if (heading !== undefined) heading += t;
      }
      continue;
    }
    if (name === "text" || name === "code") {
      inText = !closing && !selfClosing;
      continue;
    }
    if (name === "linebreak") {
      text += "\n";
      continue;
    }
    if (name === "softbreak") {
      text += " ";
      continue;
    }
    if (name === "heading") {
      if (closing) {
        headings.push(heading ?? "");
        heading = undefined;
      } else heading = "";
    }
    shape.push(`${closing ? "close" : "open"}:${name}`);
    if (selfClosing) shape.push(`close:${name}`);
    if (/^(paragraph|table_cell|heading|item)$/.test(name as string) && closing) text += "\n";
  }
  return { shape, text, headings };
}
