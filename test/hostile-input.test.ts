/**
 * Issue 18's defects that are not one malformed file each (those are in
 * malformed-input.test.ts, Terraform in stacks/terraform-literal.test.ts, typographic
 * quotes in linux-shellcheck.test.ts): a comment banner that made the YAML reader
 * backtrack for minutes, names that drove the terminal, what validate must refuse
 * before a generator meets it, and values described in words.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadInventory } from "../model/load-inventory.js";
import { describeFound, InputError } from "../model/problems.js";
import { terminalText } from "../model/terminal-text.js";
import { parseYaml } from "../model/yaml-source.js";
import { runCliInProcess } from "./helpers/cli-inprocess.js";

const MINIMAL = readFileSync(join(import.meta.dirname, "fixtures/minimal/inventory.yaml"), "utf8");
const work = mkdtempSync(join(tmpdir(), "attt-hostile-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function inventory(text: string): string {
  const dir = join(work, `inv-${++n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "inventory.yaml"), text);
  return dir;
}

describe("a comment banner above the content", () => {
  // The old empty-file test, /^(\s*#.*\n?)*\s*$/, backtracked exponentially in the number
  // of '#' on a line when content followed: 28 took 30 s, 30 minutes. 200 would never end.
  it("a line of 200 '#' and a banner of 2,000 lines load at once", () => {
    const banner = `${"#".repeat(200)}\n${"# Sở GDĐT — kiểm kê\n".repeat(2000)}${"#".repeat(200)}\n`;
    expect(loadInventory(inventory(banner + MINIMAL)).inventory.units).toHaveLength(2);
    const problems: never[] = [];
    expect(parseYaml(Buffer.from(`${"#".repeat(5000)}\na: 1\n`), "f.yaml", problems)?.data).toEqual({ a: 1 });
  });

  it("a file of comments only is still 'an empty file'", () => {
    const problems: Array<{ found: string }> = [];
    expect(parseYaml(Buffer.from(`${"#".repeat(5000)}\n  # x\n\n`), "f.yaml", problems as never)).toBeNull();
    expect(problems.map((p) => p.found)).toEqual(["an empty file"]);
  });
});

describe("names from the inventory never drive the terminal", () => {
  it("check prints ESC, BEL and RLO in a person's name as visible escapes", async () => {
    const name = "Lê \u001b]0;pwned\u0007\u001b[31mĐỏ\u202eBình";
    const yaml = name.replaceAll("\u001b", "\\e").replaceAll("\u0007", "\\a");
    const dir = inventory(
      MINIMAL.replace('name: "Lê Thị Bình"', `name: "${yaml}"`)
        // A leaver whose account is still enabled: the person's name is in a finding on the console.
        .replace(
          "{ system: windows-local, username: binh, enabled: false }",
          "{ system: windows-local, username: binh }",
        ),
    );
    expect(loadInventory(dir).inventory.staff[1]?.name).toBe(name);
    const r = await runCliInProcess(["check", dir, "--lang", "en"]);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stdout).toContain("Lê \\x1b]0;pwned\\x07\\x1b[31mĐỏ\\u202eBình (resigned");
    expect(r.stdout.replace(/[\n\t]/g, "")).not.toMatch(/[\p{Cc}\u202a-\u202e]/u);
  });

  it("error lines show control characters in found values as escapes too", async () => {
    const dir = inventory(MINIMAL.replace("kind: postgres", 'kind: "post\\e[2Jgres\\u202e"'));
    const r = await runCliInProcess(["validate", dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.replace(/\n/g, "")).not.toMatch(/[\p{Cc}\u202e]/u);
    expect(r.stderr).toMatch(/post\\u001b\[2Jgres\\u202e/);
  });

  it("terminalText keeps line breaks, tabs and Vietnamese", () => {
    expect(terminalText("Lê Lợi\n\tĐỏ \u0085 \u009b \u2066x\u2069")).toBe(
      "Lê Lợi\n\tĐỏ \\x85 \\x9b \\u2066x\\u2069",
    );
  });
});

describe("validate refuses what a generator could not write", () => {
  const refusal = async (text: string) => {
    const r = await runCliInProcess(["validate", inventory(text)]);
    expect(r.exitCode, r.stderr).toBe(2);
    return r.stderr;
  };

  it('a " in a TLS file (synth crashed: "unescaped double quotes")', async () => {
    const stderr = await refusal(
      MINIMAL.replace(
        "endpoint: unix:///var/run/docker.sock",
        "endpoint: tcp://10.9.4.5:2376\n      tls: { caFile: '/etc/a\"b.pem', certFile: /c.pem, keyFile: /k.pem }",
      ),
    );
    expect(stderr).toMatch(
      /inventory\.yaml:17:\d+: datacentre\.hosts\[0\]\.tls\.caFile: expected a path to a PEM file/,
    );
  });

  it("a WSUS URL of 5,000 characters (registry.pol holds values of at most 65,535 bytes)", async () => {
    const stderr = await refusal(
      MINIMAL.replace(
        "    securityOfficer: tran-van-an\n",
        `    securityOfficer: tran-van-an\n    network: { wsus: "https://wsus.example/${"a".repeat(5000)}" }\n`,
      ),
    );
    expect(stderr).toMatch(/units\[0\]\.network\.wsus: expected a URL of at most 2,048 characters/);
  });
});

describe("values described in words", () => {
  it(".nan, .inf and 1e400 are not 'number null'", () => {
    expect(describeFound(Number.NaN)).toBe("not a number (.nan)");
    expect(describeFound(Number.POSITIVE_INFINITY)).toMatch(/infinite/);
    try {
      loadInventory(inventory(MINIMAL.replace("count: 10", "count: 1e400")));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems[0]?.found).toMatch(/infinite number/);
    }
  });
});
