/**
 * SARIF 2.1.0 for code-scanning UIs: one rule per policy, one result per finding, located
 * in the inventory file and line that caused it; waived findings and technical exceptions
 * carry a suppression with their justification.
 */

import { isAbsolute, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { VERSION } from "../../model/version.js";
import type { Verdict } from "../engine.js";
import { policies } from "../rules/index.js";
import { findingText, type Lang, TEXT } from "./labels.js";

const LEVEL = { low: "note", medium: "warning", high: "error", critical: "error" } as const;

/** Results and rule titles in the report's language; the full rule description in both. */
export function sarifReport(v: Verdict, lang: Lang): string {
  const rules = policies.map((p) => ({
    id: p.id,
    name: p.id,
    shortDescription: { text: p.title[lang] },
    fullDescription: { text: `${p.title.vi} / ${p.title.en}` },
    properties: { requirements: p.requirements, severity: p.severity },
  }));
  const results = v.findings.map((f) => {
    const m = f.location ? /^(.*):(\d+)$/.exec(f.location) : null;
    const { message, fix } = findingText(f, lang);
    return {
      ruleId: f.policy,
      level: LEVEL[f.severity],
      message: { text: `${f.requirements.join(", ")}: ${f.subject}: ${message}. ${TEXT[lang].fix}: ${fix}` },
      ...(m
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(m[1] as string) },
                  region: { startLine: Number(m[2]) },
                },
              },
            ],
          }
        : {}),
      properties: { requirements: f.requirements, subject: f.subject },
      // Waived findings and declared technical exceptions are suppressed, each with its justification.
      ...(f.waiver ? { suppressions: [{ kind: "external", justification: f.waiver }] } : {}),
      ...(f.technicalException
        ? {
            suppressions: [
              {
                kind: "external",
                justification: `${TEXT[lang].exceptions}: ${findingText(f, lang).technicalException}`,
              },
            ],
          }
        : {}),
    };
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "attt-kit", version: VERSION, rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * SARIF wants a URI: a path relative to the working directory (the checkout root in CI)
 * as a relative reference, each segment percent-encoded (spaces, "#", "%", Vietnamese
 * letters); a path outside it as a file: URI.
 */
function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(sep).map(encodeURIComponent).join("/");
}
