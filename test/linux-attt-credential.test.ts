/**
 * attt.sh (the Linux one step) takes the upload address and the credential only from a file
 * root alone could have written and root alone can read, as Test-Baseline.ps1 does on Windows
 * (second Windows review, findings 2 and 3): otherwise it warns, audits, writes the record
 * and skips the upload. credential_problems is run here, cut from the generated attt.sh, on
 * real files with real owners and modes.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { debianUnit, linuxBundle } from "./helpers/linux-bundles.js";
import { run } from "./helpers/linux-root.js";

const NOBODY = 65534;
const unavailable =
  process.getuid?.() === 0 ? undefined : "needs root to give files other owners (CI runs as root)";
if (unavailable) console.warn(`linux-attt-credential tests skipped: ${unavailable}`);

const attt = String(linuxBundle(debianUnit("lab", { level: 2 }), "lab").emitted.files.get("attt.sh"));
/** The function's text as the bundle carries it. */
const fnText = attt.slice(
  attt.indexOf("credential_problems() {"),
  attt.indexOf("\n}\n", attt.indexOf("credential_problems() {")) + 3,
);
const work = mkdtempSync(join(tmpdir(), "attt-credential-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A credential in its own directory, the way a case sets them up. */
function credential(
  opts: { dirMode?: number; fileMode?: number; dirOwner?: number; fileOwner?: number } = {},
) {
  const dir = join(work, `case-${n++}`, "attt");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "upload.credential");
  writeFileSync(file, "# attt-upload-url: https://evil.example\nsecret\n");
  chmodSync(file, opts.fileMode ?? 0o600);
  chmodSync(dir, opts.dirMode ?? 0o700);
  chownSync(file, opts.fileOwner ?? 0, 0);
  chownSync(dir, opts.dirOwner ?? 0, 0);
  return { dir, file };
}
const problems = (file: string): string => {
  const r = run("bash", ["-c", `set -u\n${fnText}\ncredential_problems "$1"`, "bash", file]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

describe.skipIf(unavailable !== undefined)(
  "attt.sh trusts a credential file only when root alone owns, writes and reads it",
  () => {
    it("the function is in the generated attt.sh, and its answer decides whether the address is read", () => {
      expect(fnText).toMatch(/^credential_problems\(\) \{[\s\S]*\n\}\n$/);
      const decide = attt.slice(attt.indexOf('problems=$(credential_problems "$CREDENTIAL")'));
      expect(decide.indexOf('if [ -n "$problems" ]; then')).toBeLessThan(decide.indexOf("attt-upload-url"));
      expect(decide).toMatch(
        /say "Cảnh báo: tệp khóa[\s\S]*KHÔNG gửi[\s\S]*"Warning: the credential[\s\S]*NOT sent/,
      );
      // Warned: url stays empty, so the record goes to a file and nothing is sent.
      const warned = decide.slice(0, decide.indexOf("elif [ -r"));
      expect(warned).not.toMatch(/url=|--upload|exit/);
    });

    it("a root-owned 0700 directory with a 0600 file is trusted", () => {
      expect(problems(credential().file)).toBe("");
    });

    it.each([
      [
        "the file readable by others",
        { fileMode: 0o644 },
        /upload\.credential: .*others may read or write \(644\)/,
      ],
      ["the file writable by its group", { fileMode: 0o620 }, /others may read or write \(620\)/],
      ["the file a user's", { fileOwner: NOBODY }, /upload\.credential: .*owner uid 65534/],
      ["the directory writable by all", { dirMode: 0o777 }, /attt: .*others may write \(777\)/],
      ["the directory a user's (who can replace the file)", { dirOwner: NOBODY }, /attt: .*owner uid 65534/],
    ] as const)("%s is refused", (_, opts, why) => {
      expect(problems(credential(opts).file)).toMatch(why);
    });

    it("a root's link to a file in a user's directory is refused (the target's directory counts)", () => {
      const planted = credential({ dirOwner: NOBODY });
      const safe = credential();
      const link = join(safe.dir, "linked.credential");
      symlinkSync(planted.file, link);
      expect(problems(link)).toContain(`${planted.dir}: chủ sở hữu / owner uid 65534`);
    });

    it("a file that cannot be examined is refused", () => {
      expect(problems(join(work, "absent", "upload.credential"))).toMatch(/permissions unreadable/);
    });
  },
);
