/**
 * docs/cis-<benchmark>-level1.md: every CIS level-1 item of Debian 12 and of Ubuntu
 * 22.04 and 24.04 (the lists derived from ComplianceAsCode, baselines/cis/*-level1.json,
 * by derive.ts) with what the toolkit does about it. Debian 12's rows come from the
 * Linux controls' `cis` fields and baselines/cis/dispositions.ts; an Ubuntu item takes
 * the row of the Debian 12 item with the same title (the benchmarks share their text,
 * not their numbering), and says when there is none. Vietnamese first.
 *
 *   npm run docs:cis    rewrites the files; test/cis-table.test.ts checks they are current
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../../model/package-root.js";
import type { Control } from "../control.js";
import { linuxControls } from "../controls/linux/index.js";
import { DISPOSITIONS, UBUNTU_DISPOSITIONS } from "./dispositions.js";

export interface CisItem {
  id: string;
  title: string;
  automated: boolean;
  server: boolean;
  workstation: boolean;
}

export type Benchmark = "debian12" | "ubuntu2204" | "ubuntu2404";
export const BENCHMARKS: Record<Benchmark, string> = {
  debian12: "CIS Debian Linux 12 Benchmark v1.1.0",
  ubuntu2204: "CIS Ubuntu Linux 22.04 LTS Benchmark v2.0.0",
  ubuntu2404: "CIS Ubuntu Linux 24.04 LTS Benchmark v1.0.0",
};

const SHORT: Record<Benchmark, string> = {
  debian12: "CIS Debian 12",
  ubuntu2204: "CIS Ubuntu 22.04",
  ubuntu2404: "CIS Ubuntu 24.04",
};

export const cisTablePath = (b: Benchmark): string => join(packageRoot, "docs", `cis-${b}-level1.md`);
export const CIS_TABLE_PATH = cisTablePath("debian12");

export function cisItems(b: Benchmark = "debian12"): { source: string; items: CisItem[] } {
  return JSON.parse(readFileSync(join(packageRoot, "baselines", "cis", `${b}-level1.json`), "utf8"));
}

export type Status = "implemented" | "exception" | "alternative" | "reinstall" | "not-covered";

export interface Row {
  item: CisItem;
  status: Status;
  controls: string[];
  note: string;
  /** For an Ubuntu item: the Debian 12 item of the same title, whose row it takes. */
  debian?: string;
}

/** Titles compared without case or extra spaces (punctuation counts: /etc/passwd is not /etc/passwd-). */
const titleKey = (t: string) => t.toLowerCase().replace(/\s+/g, " ").trim();

/** Rows of any benchmark: Debian 12's own, or Ubuntu's through the Debian 12 item of the same title. */
export function benchmarkRows(b: Benchmark, controls: Control[] = linuxControls): Row[] {
  const debian = cisRows(controls);
  if (b === "debian12") return debian;
  const byTitle = new Map(debian.map((r) => [titleKey(r.item.title), r]));
  return cisItems(b).items.map((item) => {
    const same = byTitle.get(titleKey(item.title));
    return same ? { ...same, item, debian: same.item.id } : ubuntuOnlyRow(item, controls);
  });
}

/** An Ubuntu item without a Debian 12 twin: the controls naming it (cisUbuntu), or its disposition. */
function ubuntuOnlyRow(item: CisItem, controls: Control[]): Row {
  const NONE = "Không có mục cùng tên trong CIS Debian 12 / no Debian 12 item of this title";
  const by = controls.filter((c) => c.cisUbuntu?.includes(item.id)).map((c) => c.id);
  if (by.length > 0) return { item, status: "implemented", controls: by, note: NONE };
  const d = UBUNTU_DISPOSITIONS[item.id];
  if (d?.kind === "exception")
    return {
      item,
      status: "exception",
      controls: [],
      note: `${d.roles.join(", ")}: ${d.why.vi} / ${d.why.en}`,
    };
  if (d?.kind === "alternative")
    return { item, status: "alternative", controls: [], note: `→ ${d.instead}: ${d.why.vi} / ${d.why.en}` };
  if (d?.kind === "reinstall")
    return { item, status: "reinstall", controls: [], note: `${d.why.vi} / ${d.why.en}` };
  return { item, status: "not-covered", controls: [], note: NONE };
}

/** One row per item; throws when a control or a disposition names an item the list lacks. */
export function cisRows(controls: Control[] = linuxControls): Row[] {
  const { items } = cisItems();
  const known = new Set(items.map((i) => i.id));
  const byItem = new Map<string, string[]>();
  for (const c of controls)
    for (const id of c.cis ?? []) {
      if (!known.has(id))
        throw new Error(`control ${c.id} names CIS item ${id}, not a level-1 item of the list`);
      byItem.set(id, [...(byItem.get(id) ?? []), c.id]);
    }
  for (const id of Object.keys(DISPOSITIONS))
    if (!known.has(id))
      throw new Error(`baselines/cis/dispositions.ts names CIS item ${id}, not a level-1 item`);
  return items.map((item) => {
    const controlsFor = byItem.get(item.id) ?? [];
    const d = DISPOSITIONS[item.id];
    if (d?.kind === "exception") {
      // Implemented for some roles, an exception for others: both are said.
      return {
        item,
        status: "exception",
        controls: controlsFor,
        note: `${d.roles.join(", ")}: ${d.why.vi} / ${d.why.en}`,
      };
    }
    if (d?.kind === "reinstall")
      return { item, status: "reinstall", controls: controlsFor, note: `${d.why.vi} / ${d.why.en}` };
    if (controlsFor.length > 0) return { item, status: "implemented", controls: controlsFor, note: "" };
    if (d?.kind === "alternative")
      return { item, status: "alternative", controls: [], note: `→ ${d.instead}: ${d.why.vi} / ${d.why.en}` };
    return { item, status: "not-covered", controls: [], note: "" };
  });
}

const LABEL: Record<Status, string> = {
  implemented: "đã áp dụng / implemented",
  exception: "ngoại lệ / exception",
  alternative: "phương án khác / alternative",
  reinstall: "cần cài lại / needs reinstallation",
  "not-covered": "chưa có / not covered yet",
};

const cell = (s: string) => s.replace(/\|/g, "\\|");

export function cisTable(b: Benchmark = "debian12", controls: Control[] = linuxControls): string {
  const { source, items } = cisItems(b);
  const rows = benchmarkRows(b, controls);
  const count = (s: Status) => rows.filter((r) => r.status === s).length;
  const summary = (Object.keys(LABEL) as Status[]).map((s) => `| ${LABEL[s]} | ${count(s)} |`).join("\n");
  const ubuntu = b !== "debian12";
  const body = rows
    .map((r) => {
      const levels = [r.item.server ? "S" : "", r.item.workstation ? "W" : ""].filter(Boolean).join(", ");
      const by = r.controls.map((c) => `\`${c}\``).join(", ");
      const debian = ubuntu ? ` ${r.debian ?? ""} |` : "";
      return `| ${r.item.id} | ${cell(r.item.title)} | ${levels} |${debian} ${LABEL[r.status]} | ${by} | ${cell(r.note)} |`;
    })
    .join("\n");
  const name = BENCHMARKS[b];
  const mapping = ubuntu
    ? `\nMỗi mục Ubuntu lấy trạng thái của mục CIS Debian 12 cùng tên (cột Debian 12; xem docs/cis-debian12-level1.md): các bộ chuẩn dùng chung nội dung, khác số mục. Mục riêng của Ubuntu do kiểm soát nêu nó (cisUbuntu) hoặc baselines/cis/dispositions.ts (UBUNTU_DISPOSITIONS) quyết định. / Each Ubuntu item takes the status of the CIS Debian 12 item of the same title (column Debian 12; see docs/cis-debian12-level1.md): the benchmarks share their text, not their numbering. Ubuntu's own items are decided by the control naming them (cisUbuntu) or by baselines/cis/dispositions.ts (UBUNTU_DISPOSITIONS).\n`
    : "";
  const headerCells = ubuntu
    ? "| CIS | Nội dung / Title | Hồ sơ / Profile | Debian 12 | Trạng thái / Status | Kiểm soát / Control | Ghi chú / Note |\n|---|---|---|---|---|---|---|"
    : "| CIS | Nội dung / Title | Hồ sơ / Profile | Trạng thái / Status | Kiểm soát / Control | Ghi chú / Note |\n|---|---|---|---|---|---|";
  return `<!-- Generated by baselines/cis/table.ts (npm run docs:cis): edit the controls' cis fields or baselines/cis/dispositions.ts, not this file. -->
# ${SHORT[b]} cấp độ 1 / ${SHORT[b]} level 1

Mỗi mục cấp độ 1 của ${name} (S: máy chủ, W: máy trạm) và cách attt-kit xử lý: đã áp dụng (bởi kiểm soát nào), ngoại lệ (vai trò, lý do), phương án khác của chính CIS, cần cài lại máy (phân vùng), hoặc chưa có.
Every level-1 item of the ${name} (S: server, W: workstation) and what attt-kit does about it: implemented (by which control), exception (roles, reason), the benchmark's other branch, needs reinstallation (partitions), or not covered yet.
${mapping}
Nguồn danh sách / Item list: ${source}. ${items.length} mục / items.
Máy chủ Docker (vai trò server) theo hồ sơ S, các vai trò trường học theo hồ sơ W; vai trò mật (classified) nghiêm nhất. / Docker hosts (role server) follow profile S, school roles profile W; the classified role is the strictest.

| Trạng thái / Status | Số mục / Items |
|---|---|
${summary}

${headerCells}
${body}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const b of Object.keys(BENCHMARKS) as Benchmark[]) {
    writeFileSync(cisTablePath(b), cisTable(b));
    process.stdout.write(`wrote ${cisTablePath(b)}\n`);
  }
}
