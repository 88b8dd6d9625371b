/**
 * The HTML report renders in real headless Chromium without console errors; the test
 * takes a screenshot (its path is printed) and checks the charts are on the page.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { syntheticEvidence, writeEvidence } from "../bench/synthetic-evidence.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { bundledCatalogue } from "../model/load-catalogue.js";
import { loadInventory } from "../model/load-inventory.js";
import { checkProvince } from "../policies/check-province.js";
import { renderReports } from "../policies/report/index.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`SKIPPED: HTML render test needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!hasChromium)("HTML report in headless Chromium", () => {
  for (const lang of ["vi", "en"] as const) {
    it(`renders the ${lang} report with no console error and a KPI chart`, async () => {
      const loaded = loadInventory(DEMO_INVENTORY);
      const dir = mkdtempSync(join(tmpdir(), "attt-html-"));
      writeEvidence(join(dir, "evidence"), syntheticEvidence(loaded.inventory, { failShare: 0.03 }));
      const verdict = await checkProvince({
        loaded,
        catalogue: bundledCatalogue(),
        waivers: [],
        evidenceDir: join(dir, "evidence"),
      });
      const names = new Map(loaded.inventory.units.map((u) => [u.id, u.name]));
      const html = renderReports(verdict, bundledCatalogue(), ["html"], lang, names).get(
        `report.${lang}.html`,
      ) as string;
      const file = join(dir, `report.${lang}.html`);
      writeFileSync(file, html);

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const errors: string[] = [];
        page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
        await page.goto(`file://${file}`);
        expect(errors).toEqual([]);
        // One KPI bar per measured requirement with a percentage target (of the province's
        // plans), counted in the verdict, and the verdict shown.
        const measured = verdict.requirements.filter(
          (r) => r.status !== "not-applicable" && r.measure !== undefined && r.target?.unit === "percent",
        );
        expect(measured.length).toBeGreaterThan(1);
        const kpiBars = await page.locator('svg[aria-label="KPI"] rect title').count();
        expect(kpiBars).toBe(measured.length);
        expect(await page.locator('svg[aria-label="KPI"] text.lbl').allTextContents()).toEqual(
          measured.map((r) => r.id),
        );
        expect(await page.locator(".verdict").textContent()).toMatch(lang === "vi" ? /Kết luận/ : /Verdict/);
        const shot = join(dir, `report.${lang}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        const png = readFileSync(shot);
        expect(png.subarray(1, 4).toString()).toBe("PNG");
        expect(png.readUInt32BE(16)).toBe(1200);
        console.log(`screenshot: ${shot}`);
      } finally {
        await browser.close();
      }
      if (process.env.CI) rmSync(dir, { recursive: true, force: true });
    });
  }
});
