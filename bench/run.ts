/**
 * npm run bench: runs each benchmark in its own process (so its peak memory is its own)
 * and prints the figures. Benchmarks print; they never assert.
 *
 *   npm run bench              every benchmark
 *   npm run bench -- inventory only the named ones
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";

const dir = import.meta.dirname;
const all = readdirSync(join(dir, "cases"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(", ")}; one of: ${all.join(", ")}\n`);
  process.exit(2);
}
const chosen = wanted.length ? all.filter((b) => wanted.includes(b)) : all;

for (const name of chosen) {
  process.stdout.write(`\n== ${name} ==\n`);
  const r = await execa("node", ["--import", "tsx", join(dir, "cases", `${name}.ts`)], {
    reject: false,
    stdout: "inherit",
    stderr: "inherit",
  });
  if (r.exitCode !== 0) process.stdout.write(`(${name} exited ${r.exitCode})\n`);
}
