/**
 * Officers and school staff read Vietnamese first: every usage error the CLI raises carries
 * its Vietnamese wording (UsageError's second argument), except those that pass on another
 * error's own message (which then gets the generic Vietnamese line pointing to the English).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

const BIN = join(import.meta.dirname, "..", "bin");

/** The argument lists of every `new UsageError(...)` in a source text. */
function usageErrorCalls(text: string): string[] {
  const calls: string[] = [];
  for (let at = text.indexOf("new UsageError("); at >= 0; at = text.indexOf("new UsageError(", at + 1)) {
    let depth = 1;
    let quote = "";
    let i = at + "new UsageError(".length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i] as string;
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote) quote = "";
      } else if (c === '"' || c === "`" || c === "'") quote = c;
      else if (c === "(") depth++;
      else if (c === ")") depth--;
    }
    calls.push(text.slice(start, i - 1));
  }
  return calls;
}

/** Commas at the top level of an argument list (not inside strings, templates or brackets). */
function topLevelArgs(args: string): number {
  let depth = 0;
  let quote = "";
  let n = 1;
  for (let i = 0; i < args.length; i++) {
    const c = args[i] as string;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "`" || c === "'") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "," && depth === 0 && args.slice(i + 1).trim() !== "") n++;
  }
  return n;
}

describe("CLI usage errors in Vietnamese", () => {
  it("every UsageError the CLI raises has its Vietnamese wording, or passes on another error's message", () => {
    const files = readdirSync(BIN, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const english: string[] = [];
    let calls = 0;
    for (const f of files) {
      for (const args of usageErrorCalls(readFileSync(join(BIN, f), "utf8"))) {
        calls++;
        const passedOn = /^\s*(\(?e(\s+as\s+Error)?\)?\.message|e\.problems\b)/.test(args);
        if (topLevelArgs(args) < 2 && !passedOn) english.push(`${f}: ${args.trim().slice(0, 80)}`);
      }
    }
    expect(calls).toBeGreaterThan(40);
    expect(english).toEqual([]);
  });

  it("prints the Vietnamese line first, then the English, exit 2", async () => {
    const r = await runCli(["schema", "no-such-schema"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /^lỗi: không có lược đồ "no-such-schema"; chọn một trong .+\nerror: unknown schema "no-such-schema"/,
    );
  });
});
