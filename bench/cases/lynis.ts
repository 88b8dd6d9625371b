/**
 * An independent auditor's view: Lynis (the Debian package) runs inside the cached
 * Debian 12 root before and after apply.sh of a role's bundle, and its hardening
 * index (0-100) is read from the report it writes. The two runs go in parallel, each
 * in its own copy of the root, chrooted with /proc and /dev in a private mount
 * namespace. --quiet because Lynis otherwise pauses 5 s on every "exception" it
 * shows, and a chroot has several (no kernel package, no network interfaces).
 * From a chroot Lynis sees the host's kernel and processes, so its checks of running
 * daemons and live sysctl values cannot move: the index measures the files.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
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

/** Runs `lynis audit system --quick` chrooted into root and returns its hardening index. */
export async function lynisIndex(root: string): Promise<number> {
  const script =
    'mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" && ' +
    'chroot "$1" lynis audit system --quick --quiet --no-colors --no-log >/dev/null 2>&1; exit 0';
  await execFileAsync("unshare", ["-m", "--propagation", "private", "sh", "-c", script, "sh", root], {
    timeout: 600_000,
  });
  const report = readFileSync(join(root, "var/log/lynis-report.dat"), "utf8");
  const m = /^hardening_index=(\d+)$/m.exec(report);
  if (!m) throw new Error(`no hardening_index in ${root}/var/log/lynis-report.dat`);
  return Number(m[1]);
}

/** Lynis's hardening index of a fresh Debian 12 root, and of one after the role's apply.sh. */
export async function lynisHardeningIndexes(role: MachineRole = "lab"): Promise<LynisIndexes> {
  rootTarball();
  const before = scratchRoot();
  const after = scratchRoot();
  try {
    const bundle = linuxBundle(debianUnit(role), role);
    const dir = writeBundle(join(after.dir, "bundle"), bundle.emitted);
    const applied = run(join(dir, "apply.sh"), ["--root", after.root]);
    if (applied.status !== 0) throw new Error(`apply.sh failed: ${applied.stderr}`);
    const [b, a] = await Promise.all([lynisIndex(before.root), lynisIndex(after.root)]);
    return { role, before: b, after: a };
  } finally {
    before.remove();
    after.remove();
  }
}

/** For `npm run bench`: prints both indexes. */
export async function printLynisBench(role: MachineRole = "lab"): Promise<LynisIndexes> {
  const r = await lynisHardeningIndexes(role);
  const delta = r.after - r.before;
  process.stdout.write(
    `Lynis hardening index, Debian 12 root, role ${r.role}: before apply.sh ${r.before}, after ${r.after} (${delta >= 0 ? "+" : ""}${delta})\n`,
  );
  return r;
}

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified", "server"];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Every role, one after the other (each runs its two Lynis audits in parallel).
  const wanted = process.argv[2] as MachineRole | undefined;
  for (const role of wanted ? [wanted] : ROLES) await printLynisBench(role);
}
