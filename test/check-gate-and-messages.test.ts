/**
 * What a CI job and a Vietnamese-only officer meet at the command line: the exit code a
 * conclusion gives (--fail-on), an output directory that is never emptied unsaid, and
 * messages in Vietnamese first, then English (English alone with --lang en). All of it in
 * process and before any inventory is read: seconds.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeTreeAtomic } from "../model/write-tree.js";
import { failsGate } from "../policies/status.js";
import { runCliInProcess as run } from "./helpers/cli-inprocess.js";

describe("attt check --fail-on", () => {
  it("CHƯA ĐẠT fails every gate; CHƯA ĐỦ CĂN CỨ only --fail-on insufficient; ĐẠT none", () => {
    expect(failsGate("not-met", "not-met")).toBe(true);
    expect(failsGate("not-met", "insufficient")).toBe(true);
    expect(failsGate("insufficient", "not-met")).toBe(false);
    expect(failsGate("insufficient", "insufficient")).toBe(true);
    expect(failsGate("met", "insufficient")).toBe(false);
  });
  it("an unknown value is bad input: Vietnamese first, then English; --lang en gives the English alone", async () => {
    const r = await run(["check", "--fail-on", "bogus"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'lỗi: --fail-on phải là not-met hoặc insufficient, không phải "bogus"\n' +
        'error: --fail-on must be not-met or insufficient, not "bogus"\n',
    );
    const en = await run(["check", "--fail-on", "bogus", "--lang", "en"]);
    expect(en.stderr).toBe('error: --fail-on must be not-met or insufficient, not "bogus"\n');
  });
  it("--help states every exit code, 3 included", async () => {
    const r = await run(["check", "--help"]);
    const help = r.stdout.replace(/\s+/g, " ");
    expect(help).toMatch(/Exit 1 when the conclusion is CHƯA ĐẠT .* 0 when it is ĐẠT or CHƯA ĐỦ CĂN CỨ/);
    expect(help).toMatch(/1 with --fail-on insufficient/);
    expect(help).toMatch(/2 on bad input .* 3 on an internal error/);
  });
});

describe("attt check --format X --out DIR never deletes an earlier check's other reports unsaid", () => {
  it("refuses (exit 2, naming the files), and leaves them as they were", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "attt-gate-")), "reports");
    writeTreeAtomic(
      dir,
      "check",
      new Map([
        ["verdict.json", "{}\n"],
        ["report.vi.html", "<p>x</p>\n"],
        ["junit.xml", "<x/>\n"],
      ]),
    );
    const r = await run(["check", "--format", "junit", "--out", dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      `lỗi: --out ${dir} đang có report.vi.html, verdict.json của lần kiểm tra trước`,
    );
    expect(r.stderr).toContain(
      `error: --out ${dir} holds report.vi.html, verdict.json from an earlier check`,
    );
    expect(readFileSync(join(dir, "verdict.json"), "utf8")).toBe("{}\n");
    expect(existsSync(join(dir, "report.vi.html"))).toBe(true);
  });
});

describe("attt plan list and show follow --lang", () => {
  it("list: Vietnamese status and the plan's wording by default, English with --lang en", async () => {
    const vi = await run(["plan", "list", "--document", "HY-PROV"]);
    expect(vi.exitCode).toBe(0);
    expect(vi.stdout).toMatch(/^HY-PROV-25 +tự động +Tổ chức giám sát an toàn thông tin 24\/7/m);
    const en = await run(["plan", "list", "--document", "HY-PROV", "--lang", "en"]);
    expect(en.stdout).toMatch(/^HY-PROV-25 +automated +Monitor important information systems/m);
    expect(en.stdout.split("\n").length).toBe(vi.stdout.split("\n").length);
  });
  it("show: Vietnamese labels and the target in its unit; English labels with --lang en", async () => {
    const vi = await run(["plan", "show", "HY-PROV-25"]);
    expect(vi.stdout).toMatch(/^Chỉ tiêu: +≥ 24 giờ \(/m);
    expect(vi.stdout).toMatch(/^Thời hạn: +Thường xuyên$/m);
    expect(vi.stdout).not.toMatch(/^(Target|Deadline|Lead):/m);
    const en = await run(["plan", "show", "HY-PROV-25", "--lang", "en"]);
    expect(en.stdout).toMatch(/^Target: +hours per day/m);
    const bad = await run(["plan", "show", "HY-EDU-X9"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^lỗi: không có yêu cầu "HY-EDU-X9".*\nerror: unknown requirement/);
  });
});
