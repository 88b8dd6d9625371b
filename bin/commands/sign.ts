import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { BundleError, signZip } from "../../baselines/bundle/sign-zip.js";
import { generateKeys, KeyError, privateKeyFrom, publicKeyFrom } from "../../baselines/bundle/signing.js";
import { verifyBundle } from "../../baselines/bundle/verify.js";
import { action, EXIT_FINDINGS, printJson, UsageError } from "../cli-kit.js";

const readOrFail = (file: string, what: string): Buffer => {
  if (!existsSync(file)) throw new UsageError(`${file}: no such ${what}`);
  return readFileSync(file);
};

const asUsage = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof KeyError || e instanceof BundleError) throw new UsageError(e.message);
    throw e;
  }
};

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
        if (existsSync(priv)) throw new UsageError(`${priv} exists; refusing to overwrite a signing key`);
        mkdirSync(opts.out, { recursive: true });
        const keys = generateKeys();
        writeFileSync(priv, keys.privatePem, { mode: 0o600, flag: "wx" });
        writeFileSync(pub, keys.publicPem, { mode: 0o644 });
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
          privateKeyFrom(readOrFail(opts.key, "key file").toString("utf8"), opts.key),
        );
        for (const zip of zips) {
          const signed = asUsage(() => signZip(readOrFail(zip, "bundle"), key, zip));
          writeFileSync(`${zip}.tmp`, signed);
          renameSync(`${zip}.tmp`, zip);
          process.stdout.write(`signed ${zip}\n`);
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
        const key = asUsage(() => publicKeyFrom(readOrFail(opts.key, "key file").toString("utf8"), opts.key));
        const result = verifyBundle(readOrFail(zip, "bundle"), key);
        if (opts.json)
          printJson({
            ok: result.ok,
            problems: result.problems,
            unit: result.manifest?.unit,
            files: result.manifest?.files.length,
          });
        else if (result.ok)
          process.stdout.write(
            `OK: ${zip}: signature valid, ${result.manifest?.files.length} files match the manifest (unit ${result.manifest?.unit})\n`,
          );
        else {
          process.stderr.write(`REJECTED: ${zip}: do not run anything from this bundle\n`);
          for (const p of result.problems) process.stderr.write(`  - ${p}\n`);
        }
        return result.ok ? 0 : EXIT_FINDINGS;
      }),
    );
}
