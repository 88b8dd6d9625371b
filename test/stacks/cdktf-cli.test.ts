/**
 * `cdktf synth` (the CLI a cdktf user reaches for) runs the same app as `npm run synth`
 * and writes the same stacks.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

it("cdktf synth and npm run synth write identical stacks", async () => {
  const viaCli = join(mkdtempSync(join(tmpdir(), "attt-cdktf-")), "out");
  const viaApp = join(mkdtempSync(join(tmpdir(), "attt-app-")), "out");
  const env = { CHECKPOINT_DISABLE: "1", CI: "1" };
  const cli = await execa("npx", ["cdktf", "synth", "--output", viaCli], { cwd: ROOT, env, reject: false });
  expect(cli.exitCode, cli.stderr).toBe(0);
  const app = await execa("npx", ["tsx", "stacks/main.ts"], {
    cwd: ROOT,
    env: { ATTT_SYNTH_OUT: viaApp },
    reject: false,
  });
  expect(app.exitCode, app.stderr).toBe(0);
  for (const stack of ["network", "storage", "data", "backup", "monitoring"]) {
    const file = `stacks/${stack}/cdk.tf.json`;
    expect(existsSync(join(viaCli, file)), file).toBe(true);
    expect(readFileSync(join(viaCli, file), "utf8")).toBe(readFileSync(join(viaApp, file), "utf8"));
  }
}, 180_000);
