import { linkSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { BundleError, signZip } from "../../baselines/bundle/sign-zip.js";
import { generateKeys, KeyError, privateKeyFrom, publicKeyFrom } from "../../baselines/bundle/signing.js";
import { verifyBundle } from "../../baselines/bundle/verify.js";
import {
  action,
  EXIT_FINDINGS,
  fsReason,
  isPathError,
  printJson,
  readInputFile,
  UsageError,
} from "../cli-kit.js";

const PRIVATE_KEY = "an Ed25519 private key file (attt keygen writes attt-signing.key)";
const PUBLIC_KEY = "the Department's Ed25519 public key file (attt-signing.pub)";
const BUNDLE = "a bundle zip file (attt baseline package)";

const asUsage = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof KeyError || e instanceof BundleError) throw new UsageError(e.message);
    throw e;
  }
};

/** True if anything (a file, a directory, a dangling link) is at `path`. */
const occupied = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

/** A temporary name beside `file`, for writing it whole before it takes its place. */
const tempBeside = (file: string) => join(dirname(file), `.${basename(file)}.attt-tmp-${process.pid}`);

/** Puts a finished temporary file at `target`, never replacing anything already there. */
function publishNew(tmp: string, target: string): void {
  try {
    linkSync(tmp, target); // fails with EEXIST if the target appeared meanwhile
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw e;
    // File systems without hard links (FAT on a USB stick): check, then rename.
    if (occupied(target)) throw Object.assign(new Error(`${target} exists`), { code: "EEXIST" });
    renameSync(tmp, target);
  }
}

/**
 * Writes both key files or neither: refuses if either exists, writes each to a temporary
 * file, then links them into place; a failure removes whatever this run wrote.
 */
function writeKeyPair(dir: string, priv: string, pub: string): void {
  const keys = generateKeys();
  const files: Array<[string, string, number]> = [
    [priv, keys.privatePem, 0o600],
    [pub, keys.publicPem, 0o644],
  ];
  const temps: string[] = [];
  const placed: string[] = [];
  try {
    for (const [target, pem, mode] of files) {
      const tmp = tempBeside(target);
      writeFileSync(tmp, pem, { mode, flag: "wx" });
      temps.push(tmp);
    }
    files.forEach(([target], i) => {
      publishNew(temps[i] as string, target);
      placed.push(target);
    });
  } catch (e) {
    for (const f of placed) rmSync(f, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw new UsageError(
        `a key file appeared in ${dir} while writing; refusing to overwrite it. Nothing was written`,
        `một tệp khóa vừa xuất hiện trong ${dir} khi đang ghi; không ghi đè. Không ghi tệp nào`,
      );
    if (isPathError(e))
      throw new UsageError(
        `--out ${dir}: cannot write the key files (${fsReason(e)}). Nothing was written`,
        `--out ${dir}: không ghi được các tệp khóa (lý do ở dòng tiếng Anh). Không ghi tệp nào`,
      );
    throw e;
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
}

export function registerSigning(program: Command): void {
  program
    .command("keygen")
    .description(
      "Create an Ed25519 key pair for signing bundles: attt-signing.key (keep it offline) and attt-signing.pub (give it to schools).",
    )
    .requiredOption("--out <dir>", "directory for the two key files")
    .action(
      action((opts: { out: string }) => {
        const priv = join(opts.out, "attt-signing.key");
        const pub = join(opts.out, "attt-signing.pub");
        const outStat = lstatSync(opts.out, { throwIfNoEntry: false });
        if (outStat && !statSync(opts.out, { throwIfNoEntry: false })?.isDirectory())
          throw new UsageError(
            `--out ${opts.out} exists and is not a directory; expected a directory for the key files`,
            `--out ${opts.out} đã có và không phải thư mục; cần một thư mục để ghi các tệp khóa`,
          );
        // Both checked before anything is written: a half-made pair must never be left behind.
        for (const [file, what] of [
          [priv, "a signing key"],
          [pub, "a public key (schools verify with it)"],
        ] as const) {
          if (occupied(file))
            throw new UsageError(
              `${file} exists; refusing to overwrite ${what}. Move it away or choose another --out. Nothing was written`,
              `${file} đã có; không ghi đè. Chuyển tệp đó đi hoặc chọn --out khác. Không ghi tệp nào`,
            );
        }
        try {
          mkdirSync(opts.out, { recursive: true });
        } catch (e) {
          if (isPathError(e))
            throw new UsageError(
              `--out ${opts.out}: cannot create the directory (${fsReason(e)})`,
              `--out ${opts.out}: không tạo được thư mục (lý do ở dòng tiếng Anh)`,
            );
          throw e;
        }
        writeKeyPair(opts.out, priv, pub);
        process.stdout.write(`wrote ${priv} (private: keep offline) and ${pub} (public)\n`);
        return 0;
      }),
    );

  program
    .command("sign")
    .description("Sign bundle zips (adds manifest.json.sig); each file must still match its manifest.")
    .argument("<zips...>", "bundle zip files")
    .requiredOption("--key <file>", "Ed25519 private key (attt keygen)")
    .action(
      action((zips: string[], opts: { key: string }) => {
        const key = asUsage(() =>
          privateKeyFrom(readInputFile(opts.key, PRIVATE_KEY, "--key").toString("utf8"), opts.key),
        );
        // Every bundle is checked and its signed copy written beside it before any is replaced.
        const targets = [...new Map(zips.map((z) => [resolve(z), z])).values()];
        const problems: string[] = [];
        const staged: Array<[tmp: string, zip: string]> = [];
        try {
          for (const zip of targets) {
            try {
              const bytes = readInputFile(zip, BUNDLE);
              const signed = asUsage(() => signZip(bytes, key, zip));
              if (problems.length > 0) continue; // still checked, no longer written
              const tmp = tempBeside(zip);
              try {
                writeFileSync(tmp, signed, { flag: "wx", mode: statSync(zip).mode & 0o777 });
              } catch (e) {
                if (isPathError(e))
                  throw new UsageError(
                    `${zip}: cannot write the signed bundle in ${dirname(zip)} (${fsReason(e)})`,
                    `${zip}: không ghi được gói đã ký vào ${dirname(zip)} (lý do ở dòng tiếng Anh)`,
                  );
                throw e;
              }
              staged.push([tmp, zip]);
            } catch (e) {
              if (!(e instanceof UsageError)) throw e;
              problems.push(e.message);
            }
          }
          if (problems.length > 0) {
            for (const p of problems) process.stderr.write(`error: ${p}\n`);
            throw new UsageError(
              `${problems.length} of ${targets.length} bundle(s) cannot be signed; no bundle was changed`,
              `${problems.length}/${targets.length} gói không ký được; không gói nào bị thay đổi`,
            );
          }
          while (staged.length > 0) {
            const [tmp, zip] = staged[0] as [string, string];
            try {
              renameSync(tmp, zip);
            } catch (e) {
              if (isPathError(e))
                throw new UsageError(
                  `${zip}: cannot replace it (${fsReason(e)})`,
                  `${zip}: không thay được tệp (lý do ở dòng tiếng Anh)`,
                );
              throw e;
            }
            staged.shift();
            process.stdout.write(`signed ${zip}\n`);
          }
        } finally {
          for (const [tmp] of staged) rmSync(tmp, { force: true });
        }
        return 0;
      }),
    );

  program
    .command("verify")
    .description(
      "Verify a bundle before running it: signature, and every file against the manifest. Exit 0 valid, 1 rejected.",
    )
    .argument("<zip>", "bundle zip file")
    .requiredOption("--key <file>", "Ed25519 public key of the Department (attt-signing.pub)")
    .option("--json", "machine-readable result")
    .action(
      action((zip: string, opts: { key: string; json?: boolean }) => {
        const key = asUsage(() =>
          publicKeyFrom(readInputFile(opts.key, PUBLIC_KEY, "--key").toString("utf8"), opts.key),
        );
        const result = verifyBundle(readInputFile(zip, BUNDLE), key);
        if (opts.json)
          printJson({
            ok: result.ok,
            problems: result.problems,
            unit: result.manifest?.unit,
            files: result.manifest?.files.length,
          });
        else if (result.ok)
          process.stdout.write(
            `OK: ${zip}: chữ ký hợp lệ, ${result.manifest?.files.length} tệp khớp với manifest (đơn vị ${result.manifest?.unit}) / ` +
              `signature valid, ${result.manifest?.files.length} files match the manifest (unit ${result.manifest?.unit})\n`,
          );
        else {
          process.stderr.write(
            `REJECTED: ${zip}: KHÔNG chạy bất cứ tệp nào trong gói này / do not run anything from this bundle\n`,
          );
          for (const p of result.problems) process.stderr.write(`  - ${p}\n`);
        }
        return result.ok ? 0 : EXIT_FINDINGS;
      }),
    );
}
