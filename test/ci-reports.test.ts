/**
 * The reports `attt check --out` writes for CI, read back with real parsers and compared
 * with verdict.json (never with values copied from an earlier output):
 * - junit.xml (a strict XML 1.0 parser): one test case per requirement of the verdict,
 *   in its order, named by its ID, failing with the count of its open findings;
 * - attt.sarif: one result per finding, each located in an inventory file, at a line that
 *   exists, inside the entity the finding is about, on the field it names when it names one;
 * - with hostile unit and staff names (quotes, $(...), backticks, newlines, CR, NUL,
 *   `</script>`, `]]>`, bidi controls, Vietnamese text, 300-character names): junit.xml is
 *   well-formed and gives the names back, SARIF and JSON parse and give them back, the
 *   Markdown has no raw HTML and cmark-gfm reads every name back as plain text in the
 *   right table cell, and the HTML (an HTML5 parser) has no element or attribute the
 *   report does not write and gives every name back as text in the right cell.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type DefaultTreeAdapterTypes, parse as parseHtml } from "parse5";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMap, isSeq, parseDocument, Scalar } from "yaml";
import { DEMO_INVENTORY } from "../model/demo.js";
import { loadInventory } from "../model/load-inventory.js";
import { subjectVi } from "../policies/report/verdict-view.js";
import { viText } from "../policies/report/vi-format.js";
import { runCli } from "./helpers/cli.js";
import { hostileString, rng } from "./helpers/hostile.js";

const ROOT = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "attt-ci-reports-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// ---- verdict.json, as the reports' source of truth -------------------------------------

interface VerdictFinding {
  policy: string;
  subject: string;
  unit?: string;
  message: string;
  fix: string;
  vi: { message: string; fix: string };
  location?: string;
  requirements: string[];
  waiver?: string;
}
interface VerdictJson {
  province: string;
  asOf: string;
  findings: VerdictFinding[];
  requirements: Array<{ id: string; document: string; summary: string; status: string; findings: number }>;
  totals: Record<string, number>;
}

// ---- a small strict XML reader ---------------------------------------------------------

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and its descendants', as the parser decoded it. */
  text: string;
}

/** Parses with saxes (XML 1.0 well-formedness, character ranges and all): throws on any error. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag) => {
    const el: XmlElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: "",
    };
    stack.at(-1)?.children.push(el);
    stack.push(el);
    root ??= el;
  });
  parser.on("text", (t) => {
    for (const el of stack) el.text += t;
  });
  parser.on("cdata", (t) => {
    for (const el of stack) el.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

const all = (el: XmlElement, name: string): XmlElement[] => [
  ...(el.name === name ? [el] : []),
  ...el.children.flatMap((c) => all(c, name)),
];

// ---- where a SARIF result points -------------------------------------------------------

/** A SARIF artifact URI as a path: a file: URI, or a relative reference against the run's directory. */
function uriToPath(uri: string, cwd: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return fileURLToPath(uri);
  return resolve(cwd, uri.split("/").map(decodeURIComponent).join("/"));
}

/** Fields a finding names as the one to change: "(protection.socMonitored)", "set levelApprovedOn". */
function namedFields(f: { message: string; fix: string }): string[] {
  const path = "([a-z][A-Za-z0-9]*(?:\\.[a-z][A-Za-z0-9]*)*)";
  const named = [
    ...[...f.message.matchAll(new RegExp(`\\(${path}\\)`, "g"))].map((m) => m[1] as string),
    ...[...f.fix.matchAll(new RegExp(`\\b(?:set|update|record) ${path}`, "g"))].map((m) => m[1] as string),
  ];
  // A camelCase or dotted name is a field; a plain word ("(offline)") is prose.
  return named.filter((n) => /[A-Z.]/.test(n));
}

/** The ID of the list entry a line belongs to: the nearest "- id: X" or "- unit: X" at or above it. */
function entryAt(lines: string[], line: number): string | undefined {
  for (let i = line - 1; i >= 0; i--) {
    const m = /^ {0,2}- \{?\s*(?:id|unit): ["']?([^"',}\s#]+)/.exec(lines[i] ?? "");
    if (m) return m[1];
  }
  return undefined;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations?: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  }>;
  properties: { requirements: string[]; subject: string };
}

/** Every way a result's location fails to point at its finding in the inventory ([] when none). */
function locationProblems(
  r: SarifResult,
  f: VerdictFinding,
  cwd: string,
  inventory: string,
  opts: { fields: boolean },
): string[] {
  const loc = r.locations?.[0]?.physicalLocation;
  if (!loc || r.locations?.length !== 1) return [`${f.subject}: not exactly one location`];
  const file = uriToPath(loc.artifactLocation.uri, cwd);
  const rel = relative(inventory, file);
  if (rel.startsWith("..") || isAbsolute(rel) || !/\.ya?ml$/.test(file))
    return [`${f.subject}: ${file} is no inventory file`];
  if (!existsSync(file)) return [`${f.subject}: ${file} does not exist`];
  const lines = readFileSync(file, "utf8").split("\n");
  const n = loc.region.startLine;
  if (!Number.isInteger(n) || n < 1 || n > lines.length)
    return [`${f.subject}: line ${n} is not in ${rel} (${lines.length} lines)`];
  const text = lines[n - 1] as string;
  const problems: string[] = [];
  if (/^\s*(#.*)?$/.test(text)) problems.push(`${f.subject}: ${rel}:${n} is blank or a comment`);
  const [kind, id, , system] = f.subject.split(" ");
  if (kind === "account") {
    if (!text.includes(`username: ${id}`) || !text.includes(`system: ${system}`))
      problems.push(`${f.subject}: ${rel}:${n} is not that account: ${text}`);
  } else if (kind && ["unit", "system", "person", "vendor"].includes(kind)) {
    const entry = entryAt(lines, n);
    if (entry !== id) problems.push(`${f.subject}: ${rel}:${n} is inside the entry of ${entry}`);
  }
  if (opts.fields) {
    const field = namedFields(f)[0]?.split(".").at(-1);
    if (field && !new RegExp(`\\b${field}:`).test(text))
      problems.push(`${f.subject}: ${rel}:${n} is not the field ${field} the finding names: ${text.trim()}`);
  }
  return problems;
}

/** The inventory files of a directory, for the locations to resolve into. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((n) => /\.ya?ml$/.test(n));
}

// ---- the demo province's reports -------------------------------------------------------

describe("junit.xml and attt.sarif of the demo province", () => {
  const out = join(work, "demo");
  let verdict: VerdictJson;
  let junit: XmlElement;
  let sarif: {
    version: string;
    runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: SarifResult[] }>;
  };

  beforeAll(async () => {
    const r = await runCli(["check", DEMO_INVENTORY, "--lang", "en", "--out", out]);
    expect(r.exitCode, r.stderr).toBe(1);
    verdict = JSON.parse(readFileSync(join(out, "verdict.json"), "utf8"));
    junit = parseXml(readFileSync(join(out, "junit.xml"), "utf8"));
    sarif = JSON.parse(readFileSync(join(out, "attt.sarif"), "utf8"));
  });

  it("junit.xml: one test case per requirement of the verdict, in order, named by its ID", () => {
    const cases = all(junit, "testcase");
    expect(verdict.requirements.length).toBeGreaterThan(0);
    expect(cases.map((c) => c.attributes.name?.split(" ")[0])).toEqual(verdict.requirements.map((r) => r.id));
    for (const [i, r] of verdict.requirements.entries()) {
      const c = cases[i] as XmlElement;
      // The ID, then the requirement's summary for a reader of the CI page.
      expect(c.attributes.name).toBe(`${r.id} ${r.summary}`);
      expect(c.attributes.classname).toBe(`attt.${r.document}`);
    }
  });

  it("junit.xml: a failing requirement fails with its open findings, the others pass or are skipped", () => {
    const cases = all(junit, "testcase");
    for (const [i, r] of verdict.requirements.entries()) {
      const c = cases[i] as XmlElement;
      const open = verdict.findings.filter((f) => f.requirements.includes(r.id) && !f.waiver);
      const kinds = c.children.map((x) => x.name);
      if (r.status === "fail") {
        expect(kinds, r.id).toEqual(["failure"]);
        const failure = c.children[0] as XmlElement;
        expect(failure.attributes.type).toBe(r.id);
        expect(failure.attributes.message).toBe(`${open.length} finding(s)`);
        for (const f of open) expect(failure.text, r.id).toContain(`${f.subject}: ${f.message}`);
      } else if (r.status === "pass") {
        expect(kinds, r.id).toEqual([]);
      } else {
        expect(kinds, r.id).toEqual(["skipped"]);
      }
    }
    const suite = all(junit, "testsuite")[0] as XmlElement;
    const t = verdict.totals;
    expect(Number(suite.attributes.tests)).toBe(verdict.requirements.length);
    expect(Number(suite.attributes.failures)).toBe(t.fail);
    expect(Number(suite.attributes.skipped)).toBe(
      verdict.requirements.length - (t.pass ?? 0) - (t.fail ?? 0),
    );
    expect(suite.attributes.name).toBe(`attt ${verdict.province} ${verdict.asOf}`);
  });

  it("attt.sarif: one result per finding, under a rule the driver declares, with its requirements", () => {
    expect(sarif.version).toBe("2.1.0");
    const [run] = sarif.runs;
    const rules = new Set(run?.tool.driver.rules.map((r) => r.id));
    expect(run?.results.length).toBe(verdict.findings.length);
    for (const [i, f] of verdict.findings.entries()) {
      const r = run?.results[i] as SarifResult;
      expect(r.ruleId).toBe(f.policy);
      expect(rules.has(r.ruleId), r.ruleId).toBe(true);
      expect(r.properties.requirements).toEqual(f.requirements);
      expect(r.message.text).toContain(f.message);
    }
  });

  it("attt.sarif: each result is located in an inventory file, at a line of its entity and field", () => {
    const results = sarif.runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    const problems = results.flatMap((r, i) =>
      locationProblems(r, verdict.findings[i] as VerdictFinding, ROOT, DEMO_INVENTORY, { fields: true }),
    );
    expect(problems).toEqual([]);
    // The locations cover more than one file of the inventory.
    const files = new Set(results.map((r) => r.locations?.[0]?.physicalLocation.artifactLocation.uri));
    expect(files.size).toBeGreaterThan(1);
    expect(yamlFiles(DEMO_INVENTORY).length).toBeGreaterThan(1);
  });
});

// ---- hostile names ---------------------------------------------------------------------

/** At most `max` UTF-16 units (the schema's limit), never splitting a surrogate pair. */
function clip(s: string, max: number): string {
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.length >= 2 ? out : `${out}xy`.slice(0, 2);
}

/** Markup and Markdown that must stay text, one in front of each generated name. */
const SPECIAL = [
  "</script><script>alert(1)</script>",
  "]]><![CDATA[x]]>",
  "<img src=x onerror=alert(1)>",
  "<!-- ",
  "[link](javascript:alert(1)) ![img](http://example.invalid/p.png)",
  "&amp;&#0;&lt;&#x3C;",
  "**bold** _em_ `code` ~~del~~ $x$ \\* \\|",
  "\"'`$(id)`; ",
  "Nguyễn Thị Minh Nguyệt\n",
];

/**
 * A copy of the demo with every unit's and every person's name replaced by a hostile
 * string, written as YAML double-quoted scalars (every character survives).
 * Returns the names by unit or person ID.
 */
function hostileInventory(
  dir: string,
  next: () => number,
): { units: Map<string, string>; people: Map<string, string> } {
  cpSync(DEMO_INVENTORY, dir, { recursive: true });
  const units = new Map<string, string>();
  const people = new Map<string, string>();
  for (const rel of yamlFiles(dir)) {
    const file = join(dir, rel);
    const doc = parseDocument(readFileSync(file, "utf8"));
    for (const [section, names] of [
      ["units", units],
      ["staff", people],
    ] as const) {
      const list = doc.get(section);
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        if (!isMap(item)) continue;
        const id = String(item.get("id"));
        const name = clip(SPECIAL[(units.size + people.size) % SPECIAL.length] + hostileString(next), 300);
        const scalar = new Scalar(name);
        scalar.type = Scalar.QUOTE_DOUBLE;
        item.set("name", scalar);
        names.set(id, name);
      }
    }
    writeFileSync(file, doc.toString({ lineWidth: 0 }));
  }
  return { units, people };
}

/**
 * What a report can hold of a string: control characters other than tab, LF and CR (C0,
 * DEL, C1), lone surrogates and non-characters become U+FFFD.
 */
const unsafe = (c: number) =>
  (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
  (c >= 0x7f && c <= 0x9f) ||
  (c >= 0xd800 && c <= 0xdfff) ||
  (c >= 0xfdd0 && c <= 0xfdef) ||
  (c & 0xfffe) === 0xfffe;
const inReport = (s: string) =>
  [...s].map((ch) => (unsafe(ch.codePointAt(0) as number) ? "\uFFFD" : ch)).join("");
/** HTML parsing turns CR LF and CR into LF. */
const inHtml = (s: string) => inReport(s).replace(/\r\n?/g, "\n");
/** A Markdown table cell holds one line. */
const inMarkdown = (s: string) => inReport(s).replace(/\r\n|\r|\n/g, " ");

/** Every element, text and attribute of an HTML document, by an HTML5 parser. */
type HtmlNode = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
function htmlElements(node: HtmlNode): DefaultTreeAdapterTypes.Element[] {
  const kids = "childNodes" in node ? node.childNodes : [];
  const self = "tagName" in node ? [node as DefaultTreeAdapterTypes.Element] : [];
  return [...self, ...kids.flatMap((k) => htmlElements(k))];
}
function htmlText(node: HtmlNode): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterTypes.TextNode).value;
  return "childNodes" in node ? node.childNodes.map(htmlText).join("") : "";
}

/** The elements and attributes the HTML report writes; anything else came from the input. */
const HTML_ELEMENTS = new Set(
  "html head body meta title style h1 h2 p section table thead tbody tr th td span b code svg rect text line".split(
    " ",
  ),
);
const HTML_ATTRIBUTES = new Set(
  "lang charset name content class style role aria-label viewbox width height x y fill x1 x2 y1 y2 stroke stroke-width stroke-dasharray".split(
    " ",
  ),
);

/** Markdown read by cmark-gfm (GitHub's parser, with tables): each table row's cells, and what inline elements each holds. */
function markdownRows(markdown: string): Array<Array<{ text: string; inline: string[] }>> {
  const r = spawnSync("cmark-gfm", ["--extension", "table", "--to", "xml"], {
    input: markdown,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`cmark-gfm failed: ${r.stderr}`);
  // cmark's XML has a DOCTYPE with an external DTD that saxes does not fetch.
  const doc = parseXml(r.stdout.replace(/<!DOCTYPE[^>]*>/, ""));
  // Only text and code nodes hold the document's text (the rest is cmark's indentation).
  const textOf = (el: XmlElement): string =>
    el.name === "text" || el.name === "code" || el.name === "html_inline"
      ? el.text
      : el.name === "softbreak"
        ? " "
        : el.children.map(textOf).join("");
  const inline = (el: XmlElement): string[] =>
    el.children.flatMap((c) => [...(c.name === "text" ? [] : [c.name]), ...inline(c)]);
  return all(doc, "table_row").map((row) =>
    row.children
      .filter((c) => c.name === "table_cell")
      .map((cell) => ({ text: textOf(cell), inline: inline(cell) })),
  );
}
const hasCmark = spawnSync("cmark-gfm", ["--version"]).status === 0;
if (!hasCmark)
  console.warn(
    "ci-reports: cmark-gfm is not installed (apt-get install cmark-gfm): the Markdown is checked without it",
  );

describe("hostile unit and staff names through attt check --out", () => {
  const ROUNDS = 4;
  for (let round = 0; round < ROUNDS; round++) {
    const lang = round % 2 === 0 ? "vi" : "en";
    it(`round ${round} (${lang}): every report parses and gives every name back as text`, async () => {
      const next = rng(0xa77 + round * 7919);
      // A directory name a URI must encode, outside the working directory: SARIF gets a file: URI.
      const dir = join(work, `round ${round} – tỉnh #${round}%`);
      const inventory = join(dir, "inventory");
      const { units, people } = hostileInventory(inventory, next);
      const out = join(dir, "reports");
      const r = await runCli(["check", inventory, "--lang", lang, "--out", out]);
      expect(r.exitCode, r.stderr).toBe(1);

      // verdict.json: JSON keeps every character.
      const verdict: VerdictJson = JSON.parse(readFileSync(join(out, "verdict.json"), "utf8"));
      // The other reports give each finding's message in the report's language.
      const shown = (f: VerdictFinding) => (lang === "vi" ? f.vi.message : f.message);
      const named = verdict.findings.filter((f) =>
        [...units.values(), ...people.values()].some((n) => f.message.includes(n)),
      );
      // The demo's violations name units (budgets, officers, licences) and people (leavers, shared accounts).
      expect(
        verdict.findings.filter((f) => [...units.values()].some((n) => f.message.includes(n))).length,
      ).toBeGreaterThan(0);
      expect(
        verdict.findings.filter((f) => [...people.values()].some((n) => f.message.includes(n))).length,
      ).toBeGreaterThan(0);
      const unitsWithFindings = [...new Set(verdict.findings.flatMap((f) => (f.unit ? [f.unit] : [])))];

      // junit.xml: only XML characters, well-formed, each finding's message given back exactly.
      const junitText = readFileSync(join(out, "junit.xml"), "utf8");
      const junit = parseXml(junitText);
      const failures = all(junit, "failure")
        .map((f) => f.text)
        .join("\n");
      for (const f of named) expect(failures).toContain(`${f.subject}: ${inReport(shown(f))}`);
      expect(all(junit, "testcase").map((c) => c.attributes.name?.split(" ")[0])).toEqual(
        verdict.requirements.map((x) => x.id),
      );

      // attt.sarif: JSON, messages exact, locations resolve into the (hostile) inventory.
      const sarif = JSON.parse(readFileSync(join(out, "attt.sarif"), "utf8"));
      const results: SarifResult[] = sarif.runs[0].results;
      expect(results.length).toBe(verdict.findings.length);
      for (const [i, f] of verdict.findings.entries()) {
        expect((results[i] as SarifResult).message.text).toContain(shown(f));
        expect(locationProblems(results[i] as SarifResult, f, ROOT, inventory, { fields: false })).toEqual(
          [],
        );
      }

      // The Vietnamese reports name subjects (a unit's, a system's name) and write dates and
      // decimals as an official does; the English ones keep the verdict's wording.
      const loadedInventory = loadInventory(inventory).inventory;
      const subjectShown = (f: VerdictFinding) =>
        lang === "vi" ? subjectVi(f.subject, loadedInventory) : f.subject;
      const messageShown = (f: VerdictFinding) => (lang === "vi" ? viText(f.vi.message) : f.message);
      const unitShown = (u: string) => (lang === "vi" ? (units.get(u) ?? u) : `${units.get(u) ?? u} (${u})`);

      // Markdown: no raw HTML at all (every < and & backslash-escaped, no entity); each finding's
      // row and each unit's row read back as plain text.
      const md = readFileSync(join(out, `report.${lang}.md`), "utf8");
      expect(md).not.toMatch(/(^|[^\\])[<&]/m);
      expect(md).not.toMatch(/\r/);
      if (hasCmark) {
        const rows = markdownRows(md);
        const trimmed = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, "");
        for (const f of named) {
          const row = rows.find(
            (cells) =>
              cells[1]?.text === trimmed(inMarkdown(subjectShown(f))) &&
              cells[2]?.text === trimmed(inMarkdown(messageShown(f))),
          );
          expect(row, `Markdown row of ${f.subject}`).toBeDefined();
          expect(row?.length).toBe(4);
          expect(row?.flatMap((c) => c.inline)).toEqual([]);
        }
        for (const u of unitsWithFindings) {
          const text = trimmed(inMarkdown(unitShown(u)));
          const row = rows.find((cells) => cells[0]?.text === text);
          expect(row, `Markdown row of unit ${u}`).toBeDefined();
          expect(row?.flatMap((c) => c.inline)).toEqual([]);
        }
      }

      // HTML: an HTML5 parser finds only the report's own elements and attributes, and every name as text.
      const html = readFileSync(join(out, `report.${lang}.html`), "utf8");
      const doc = parseHtml(html);
      const elements = htmlElements(doc);
      expect([...new Set(elements.map((e) => e.tagName).filter((t) => !HTML_ELEMENTS.has(t)))]).toEqual([]);
      const attributes = new Set(elements.flatMap((e) => e.attrs.map((a) => a.name.toLowerCase())));
      expect([...attributes].filter((a) => !HTML_ATTRIBUTES.has(a))).toEqual([]);
      const cells = elements
        .filter((e) => e.tagName === "tr")
        .map((tr) => tr.childNodes.filter((c) => c.nodeName === "td").map(htmlText));
      for (const f of named) {
        const row = cells.find(
          (c) => c[1] === inHtml(subjectShown(f)) && c[2] === ` ${inHtml(messageShown(f))}`,
        );
        expect(row, `HTML row of ${f.subject}`).toBeDefined();
        expect(row?.length).toBe(4);
      }
      for (const u of unitsWithFindings)
        expect(
          cells.some((c) => c[0] === inHtml(unitShown(u))),
          `HTML row of unit ${u}`,
        ).toBe(true);
    });
  }
});
