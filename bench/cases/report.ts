/**
 * The Department's report (attt report) for the synthetic 2,000-school province with
 * evidence from every machine: the time to build the .docx, the .xlsx appendix and the
 * Markdown from the verdict, their sizes, and the .docx body's pages (LibreOffice, when
 * installed). Issue 12 asks for under 10 s and under 30 pages.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundledCatalogue } from "../../model/load-catalogue.js";
import { loadInventory } from "../../model/load-inventory.js";
import { packageRoot } from "../../model/package-root.js";
import { loadNarrative } from "../../model/report-narrative.js";
import { checkProvince } from "../../policies/check-province.js";
import { departmentReport, REPORT_FILES } from "../../policies/report/department.js";
import type { Period } from "../../policies/report/period.js";
import { parsePeriod } from "../../policies/report/period.js";
import { peakMemory, report, timed } from "../measure.js";
import { syntheticEvidence, writeEvidence } from "../synthetic-evidence.js";
import { writeSyntheticProvince } from "../synthetic-province.js";

const dir = mkdtempSync(join(tmpdir(), "attt-bench-report-"));
try {
  writeSyntheticProvince(join(dir, "inventory"), { schools: 2000, namedHosts: false });
  const loaded = loadInventory(join(dir, "inventory"));
  writeEvidence(join(dir, "evidence"), syntheticEvidence(loaded.inventory, { failShare: 0.02 }));
  const verdict = await timed("attt check --evidence (the verdict)", () =>
    checkProvince({ loaded, catalogue: bundledCatalogue(), waivers: [], evidenceDir: join(dir, "evidence") }),
  );
  report("units", loaded.inventory.units.length);
  report("findings", verdict.findings.length);
  const narrative = loadNarrative(join(packageRoot, "examples", "report-narrative.yaml"));
  const files = await timed("attt report (.docx + .xlsx + .md)", () =>
    departmentReport({
      verdict,
      previous: verdict,
      inventory: loaded.inventory,
      catalogue: bundledCatalogue(),
      period: parsePeriod("2026") as Period,
      narrative,
    }),
  );
  for (const [name, bytes] of files) {
    report(`${name} size`, `${(bytes.length / 1024).toFixed(0)} KiB`);
    writeFileSync(join(dir, name), bytes);
  }
  report("peak memory (RSS)", peakMemory());
  if (existsSync("/usr/bin/soffice") && existsSync("/usr/bin/pdfinfo")) {
    await timed("LibreOffice: .docx to PDF", () =>
      execFileSync(
        "/usr/bin/soffice",
        [
          "--headless",
          "--norestore",
          `-env:UserInstallation=file://${dir}/profile`,
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          join(dir, REPORT_FILES.docx),
        ],
        { stdio: "pipe" },
      ),
    );
    const info = execFileSync("/usr/bin/pdfinfo", [join(dir, "bao-cao.pdf")]).toString();
    report(".docx pages (A4, LibreOffice)", /Pages:\s+(\d+)/.exec(info)?.[1] ?? "?");
  } else report(".docx pages", "not counted: LibreOffice or poppler-utils not installed");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
