/**
 * The vitest entry point: a province's repository sees each requirement as a test named
 * by its ID; the demo's violations fail by ID and a passing requirement passes.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { expect, it } from "vitest";

it("runs the plans as tests named by requirement ID", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "attt-plan-tests-")), "junit.xml");
  const root = join(import.meta.dirname, "..");
  const r = await execa(
    "npx",
    [
      "vitest",
      "run",
      "--config",
      "examples/province-repo/vitest.config.ts",
      "--reporter=junit",
      `--outputFile=${out}`,
    ],
    {
      cwd: root,
      reject: false,
    },
  );
  expect(r.exitCode).toBe(1);
  const xml = readFileSync(out, "utf8");
  // Test names are "<plan> > <ID> <title>" (another requirement's title may mention an ID).
  // A violated requirement fails, with its finding as the message (in Vietnamese by default) ...
  expect(xml).toMatch(
    /<testcase [^>]*name="[^"]*&gt; HY-PROV-29 [^"]*"[^>]*>\s*<failure[^>]*message="HY-PROV-29: 1 tồn tại/,
  );
  expect(xml).toContain("khắc phục: Thuê tổ chức độc lập");
  // ... one the demo meets passes, and one needing human evidence is skipped.
  expect(xml).toMatch(/<testcase [^>]*name="[^"]*&gt; HY-EDU-S09 [^"]*"[^>]*\/?>(\s*<\/testcase>)?/);
  expect(xml).not.toMatch(/name="[^"]*&gt; HY-EDU-S09 [^"]*"[^>]*>\s*<(failure|skipped)/);
  expect(xml).toMatch(/name="[^"]*&gt; HY-EDU-S07 [^"]*evidence-missing[^"]*"[^>]*>\s*<skipped/);
});
