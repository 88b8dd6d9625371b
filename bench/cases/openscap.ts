/**
 * audit.sh against OpenSCAP, evaluating the same Debian 12 root (the cached test root
 * after the lab bundle's apply.sh): wall time of each, median of three runs, and their
 * ratio, with OpenSCAP's pass/fail counts before and after apply.sh for scale.
 *
 * Debian 12 ships openscap-scanner and ssg-debian, but ssg-debian 0.1.65 has content
 * for Debian 10 and 11 only, and no CIS profile. The benchmark evaluates the Debian 11
 * datastream's largest profile with one change made here, in a temporary copy: its
 * platform check (/etc/debian_version matches ^11.) is pointed at 12, so the rules run
 * instead of all reporting "notapplicable". OSCAP_PROBE_ROOT makes oscap's probes read
 * the root (what oscap-chroot does).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { debianUnit, linuxBundle, writeBundle } from "../../test/helpers/linux-bundles.js";
import { rootTarball, run, scratchRoot } from "../../test/helpers/linux-root.js";

const DS = "/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml";
const PROFILE = "xccdf_org.ssgproject.content_profile_anssi_np_nt28_high";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function timed(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function oscapCounts(
  ds: string,
  root: string,
  results: string,
): { ms: number; counts: Record<string, number> } {
  let out = "";
  const ms = timed(() => {
    const r = spawnSync("oscap", ["xccdf", "eval", "--profile", PROFILE, "--results", results, ds], {
      encoding: "utf8",
      env: { ...process.env, OSCAP_PROBE_ROOT: root },
      maxBuffer: 64 * 1024 * 1024,
    });
    out = r.stdout;
  });
  const counts: Record<string, number> = {};
  for (const m of out.matchAll(/^Result\r?\t(\w+)$/gm))
    counts[m[1] as string] = (counts[m[1] as string] ?? 0) + 1;
  return { ms, counts };
}

const show = (c: Record<string, number>) =>
  Object.entries(c)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");

if (spawnSync("oscap", ["--version"]).status !== 0 || !existsSync(DS)) {
  process.stdout.write(
    "skipped: needs Debian's openscap-scanner and ssg-debian (apt-get install openscap-scanner ssg-debian)\n",
  );
} else {
  rootTarball();
  const scratch = scratchRoot();
  try {
    const ds = join(scratch.dir, "ssg-debian11-as-12-ds.xml");
    writeFileSync(ds, readFileSync(DS, "utf8").replaceAll("^11.[0-9]+$", "^12.[0-9]+$"));
    const before = oscapCounts(ds, scratch.root, join(scratch.dir, "before.xml"));
    const dir = writeBundle(join(scratch.dir, "bundle"), linuxBundle(debianUnit("lab"), "lab").emitted);
    const applied = run(join(dir, "apply.sh"), ["--root", scratch.root]);
    if (applied.status !== 0) throw new Error(`apply.sh failed: ${applied.stderr}`);
    const auditMs: number[] = [];
    const oscapMs: number[] = [];
    let after = before;
    for (let i = 0; i < 3; i++) {
      auditMs.push(
        timed(() => {
          spawnSync(join(dir, "audit.sh"), ["--root", scratch.root, "--out", join(scratch.dir, "e.json")]);
        }),
      );
      after = oscapCounts(ds, scratch.root, join(scratch.dir, "after.xml"));
      oscapMs.push(after.ms);
    }
    const a = median(auditMs);
    const o = median(oscapMs);
    const checks = (JSON.parse(readFileSync(join(scratch.dir, "e.json"), "utf8")) as { results: unknown[] })
      .results.length;
    process.stdout.write(
      `OpenSCAP ${execFileSync("oscap", ["--version"], { encoding: "utf8" }).split("\n")[0]}, ${PROFILE} (ssg-debian11 content, platform check set to 12)\n` +
        `  rules before apply.sh: ${show(before.counts)}; after: ${show(after.counts)}\n` +
        `  audit.sh (lab, ${checks} controls): median ${a.toFixed(0)} ms; oscap: median ${o.toFixed(0)} ms (3 runs each, same root)\n` +
        `  ratio oscap / audit.sh: ${(o / a).toFixed(2)}\n`,
    );
  } finally {
    scratch.remove();
  }
}
