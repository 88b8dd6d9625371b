/**
 * An independent auditor's view: Lynis (the Debian package) runs inside the cached
 * Debian 12 root before and after apply.sh of each role's bundle, and its hardening
 * index (0-100) is read from the report it writes. Each run gets its own copy of the
 * root, chrooted with /proc and /dev in a private mount namespace; the untouched root is
 * audited once and compared with every role (it is the same root for all of them), and
 * at most two audits run at a time (the test machines have two cores).
 *
 * --quiet because Lynis otherwise pauses 5 s on every "exception" it shows, and a chroot
 * has several (no kernel package, no network interfaces). Two slow tests that no
 * baseline changes are skipped in every run, before and after alike (a profile passed
 * with --profile): CRYP-7902 (the expiry of every CA certificate, tens of seconds) and
 * PKGS-7392 (asks the network for security updates, which a test machine has not).
 * From a chroot Lynis sees the host's kernel and processes, so its checks of running
 * daemons and live sysctl values cannot move: the index measures the files.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { MachineRole } from "../../model/inventory.js";
import { debianUnit, linuxBundle, writeBundle } from "../../test/helpers/linux-bundles.js";
import { rootTarball, run, scratchRoot } from "../../test/helpers/linux-root.js";

const execFileAsync = promisify(execFile);

export interface LynisIndexes {
  role: MachineRole;
  before: number;
  after: number;
}

const PROFILE = "/tmp/attt-bench.prf";
export const SKIPPED_TESTS = ["CRYP-7902", "PKGS-7392"];

/** Runs `lynis audit system --quick` chrooted into root and returns its hardening index. */
export async function lynisIndex(root: string): Promise<number> {
  writeFileSync(join(root, PROFILE), SKIPPED_TESTS.map((t) => `skip-test=${t}\n`).join(""));
  const script =
    'mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" && ' +
    'chroot "$1" lynis audit system --quick --quiet --no-colors --no-log --profile "$2" >/dev/null 2>&1; exit 0';
  await execFileAsync(
    "unshare",
    ["-m", "--propagation", "private", "sh", "-c", script, "sh", root, PROFILE],
    {
      timeout: 900_000,
    },
  );
  const report = readFileSync(join(root, "var/log/lynis-report.dat"), "utf8");
  const m = /^hardening_index=(\d+)$/m.exec(report);
  if (!m) throw new Error(`no hardening_index in ${root}/var/log/lynis-report.dat`);
  return Number(m[1]);
}

/** The index of a fresh copy of the root, after `prepare` (if any) changed it. */
async function indexOf(prepare?: (root: string, dir: string) => void): Promise<number> {
  const scratch = scratchRoot();
  try {
    prepare?.(scratch.root, scratch.dir);
    return await lynisIndex(scratch.root);
  } finally {
    scratch.remove();
  }
}

/** After the role's apply.sh. */
const applyRole = (role: MachineRole) => (root: string, dir: string) => {
  const bundle = writeBundle(join(dir, "bundle"), linuxBundle(debianUnit(role), role).emitted);
  const applied = run(join(bundle, "apply.sh"), ["--root", root]);
  if (applied.status !== 0) throw new Error(`apply.sh (${role}) failed: ${applied.stderr}`);
};

/** Runs the jobs, at most `width` at once, and returns their results in order. */
async function pooled<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await (jobs[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

/** Lynis's hardening index of the untouched Debian 12 root, and of one after each role's apply.sh. */
export async function lynisHardeningIndexes(roles: MachineRole[]): Promise<LynisIndexes[]> {
  rootTarball();
  const [before, ...after] = await pooled(
    [() => indexOf(), ...roles.map((role) => () => indexOf(applyRole(role)))],
    2,
  );
  return roles.map((role, i) => ({ role, before: before as number, after: after[i] as number }));
}

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified", "server"];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const wanted = process.argv[2] as MachineRole | undefined;
  const start = process.hrtime.bigint();
  const results = await lynisHardeningIndexes(wanted ? [wanted] : ROLES);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(
    `Lynis hardening index, Debian 12 root (tests skipped in every run: ${SKIPPED_TESTS.join(", ")})\n`,
  );
  for (const r of results) {
    const delta = r.after - r.before;
    process.stdout.write(
      `  role ${r.role.padEnd(10)} before apply.sh ${r.before}, after ${r.after} (${delta >= 0 ? "+" : ""}${delta})\n`,
    );
  }
  process.stdout.write(`  ${results.length + 1} Lynis runs, two at a time: ${seconds.toFixed(0)} s\n`);
}
