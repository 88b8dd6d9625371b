// docs/msft-baseline-coverage.md against its sources: every setting of each Microsoft
// baseline list (docs/msft-baseline/*.tsv) is classified exactly once, the summary
// counts are the rows' own, no declared exception or deviation is stale, and the file
// is what `npm run docs:coverage` writes today.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { windowsControls } from "../baselines/controls/win/index.js";
import { BASELINE_LISTS, loadBaselineList, rowIdentity } from "../baselines/coverage/baseline-list.js";
import { catalogueIdentities, classifyList, meets } from "../baselines/coverage/classify.js";
import {
  coverage,
  coverageMarkdown,
  type ListCoverage,
  STATUS_LABEL,
  STATUS_ORDER,
} from "../baselines/coverage/coverage-doc.js";
import { DECLARED, DEVIATIONS } from "../baselines/coverage/declared.js";
import type { Inventory } from "../model/inventory.js";
import { loadInventory } from "../model/load-inventory.js";
import { packageRoot } from "../model/package-root.js";

let inventory: Inventory;
let lists: ListCoverage[];

beforeAll(() => {
  inventory = loadInventory(join(packageRoot, "examples", "demo-province")).inventory;
  lists = coverage(inventory);
});

/** The data rows of a list file, counted from the file itself (comment and header lines excluded). */
const fileRows = (name: string) =>
  readFileSync(join(packageRoot, "docs", "msft-baseline", `${name}.tsv`), "utf8")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"))
    .slice(1);

describe("Microsoft baseline coverage", () => {
  it("classifies every row of every list exactly once; the summary counts add up to the list's own count", () => {
    for (const l of lists) {
      const raw = fileRows(l.name);
      expect(l.total, l.name).toBe(raw.length);
      expect(
        l.rows.map((r) => r.row.id),
        l.name,
      ).toEqual(raw.map((line) => line.split("\t")[0]));
      const sum = STATUS_ORDER.reduce((n, s) => n + l.counts[s], 0);
      expect(sum, l.name).toBe(raw.length);
      expect(
        l.rows.filter((r) => r.status === "unclassified").map((r) => `${r.row.id} ${r.identity}`),
        l.name,
      ).toEqual([]);
    }
  });

  it("the Windows 11 24H2 computer list: most of what applies to a standalone school machine is implemented", () => {
    const w11 = lists.find((l) => l.name === "windows-11-24h2-machine") as ListCoverage;
    const applicable = w11.rows.filter((r) => r.status !== "not-applicable").length;
    const done = w11.counts.implemented + w11.counts.deviation;
    console.log(
      `Windows 11 24H2 computer settings: ${done} of ${applicable} applicable implemented (${w11.total} listed)`,
    );
    expect(done / applicable).toBeGreaterThan(0.8);
  });

  it("docs/msft-baseline-coverage.md is what npm run docs:coverage writes, its summary row per list holds the counted statuses", () => {
    const doc = readFileSync(join(packageRoot, "docs", "msft-baseline-coverage.md"), "utf8");
    expect(doc).toBe(coverageMarkdown(lists));
    for (const l of lists) {
      const summary = doc.split("\n").find((line) => line.startsWith(`| ${l.title} |`));
      const cells = (summary ?? "")
        .split("|")
        .slice(2, -1)
        .map((c) => Number(c.trim()));
      const counted = STATUS_ORDER.filter((s) => s !== "unclassified").map(
        (s) => l.rows.filter((r) => r.status === s).length,
      );
      expect(cells, l.title).toEqual([l.rows.length, ...counted]);
      // One table line per row, under the list's own heading.
      const section = doc.split(`## ${l.title}\n`)[1]?.split("\n## ")[0] ?? "";
      const lines = section.split("\n").filter((x) => /^\| \d+ \|/.test(x));
      expect(lines.length, l.title).toBe(l.total);
      for (const [i, r] of l.rows.entries())
        expect(lines[i], r.row.id).toContain(`| ${STATUS_LABEL[r.status]} |`);
    }
  });

  it("every declared exception and deviation is still needed: its setting is listed, and not (or otherwise) implemented", () => {
    const seen = catalogueIdentities(inventory);
    const rows = BASELINE_LISTS.flatMap(({ name, title }) => loadBaselineList(name, title).rows);
    const ids = new Set(rows.map(rowIdentity));
    for (const key of Object.keys(DECLARED)) {
      expect(ids.has(key), `${key} is in no list`).toBe(true);
      expect(seen.has(key), `${key} is declared but a control implements it`).toBe(false);
    }
    for (const key of Object.keys(DEVIATIONS)) {
      const listed = rows.filter((r) => rowIdentity(r) === key);
      expect(listed.length, `${key} is in no list`).toBeGreaterThan(0);
      const values = [...(seen.get(key)?.values ?? [])];
      expect(
        listed.some((r) => values.some((v) => !meets(r, v))),
        `${key}: declared a deviation, but every value meets the baseline`,
      ).toBe(true);
    }
    for (const l of lists) {
      for (const r of l.rows.filter((x) => x.status === "deviation"))
        expect(r.reason, `${l.name} ${r.row.id} deviates without a declared reason`).not.toBeNull();
    }
  });

  it("compares values as the baseline's operator says", () => {
    const row = (recommended: string, operator: string, method = "Registry") =>
      ({
        id: "1",
        category: "",
        name: "",
        method,
        argument: "",
        registryPath: "",
        registryItem: "",
        recommended,
        operator,
      }) as const;
    expect(meets(row("196608", ">="), "196608")).toBe(true);
    expect(meets(row("196608", ">="), "32768")).toBe(false);
    expect(meets(row("10", "<="), "5")).toBe(true);
    expect(meets(row("10", "<="), "0")).toBe(false);
    expect(meets(row("Block", "="), "block")).toBe(true);
    expect(meets(row("Success", "contains", "auditpol"), "3")).toBe(true);
    expect(meets(row("Success and Failure", "=", "auditpol"), "1")).toBe(false);
    expect(meets(row("Disabled", "=", "service"), "disabled")).toBe(true);
  });

  it("every control that implements a baseline setting cites the Microsoft baseline in its references", () => {
    const implementing = new Set(lists.flatMap((l) => l.rows.flatMap((r) => r.controls)));
    expect(implementing.size).toBeGreaterThan(30);
    const silent = windowsControls
      .filter((x) => implementing.has(x.id))
      .filter((c) => !/Microsoft|MS Security Guide/.test(c.references.microsoft ?? ""))
      .map((c) => c.id);
    expect(silent).toEqual([]);
  });

  it("domain-member settings come only with an inventory that marks the machines domain-joined", () => {
    const w11 = lists.find((l) => l.name === "windows-11-24h2-machine") as ListCoverage;
    const netlogon = w11.rows.find((r) => r.identity.endsWith("NETLOGON\\PARAMETERS\\REQUIRESIGNORSEAL"));
    expect(netlogon?.status).toBe("implemented");
    expect(netlogon?.condition?.en).toBe("domain-joined machines only");
    // The demo province has no domain-joined group: no bundle of it carries the value.
    const seen = classifyList(
      loadBaselineList("windows-11-24h2-machine", "x"),
      catalogueIdentities(inventory),
    );
    expect(seen.find((r) => r.row.id === netlogon?.row.id)?.controls).toEqual([
      "win.domain.member-hardening",
    ]);
  });
});
