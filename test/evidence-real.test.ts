/**
 * Real machine evidence through `attt check --evidence`: no record here is built by the
 * test. `attt baseline generate` writes the Linux bundle of a one-machine inventory;
 * apply.sh and audit.sh run against a copy of the Debian 12 root; the JSON that audit.sh
 * writes goes to `attt check`. The machine then counts: 100 % of 1 for every requirement
 * its bundle serves. Once the inventory changes what the bundle sets, the same record is
 * reported as coming from an outdated bundle until the new bundle is applied and audited.
 * Uploaded with `audit.sh --upload` to `attt serve` (HTTPS, PostgreSQL), the same record
 * read back by `attt check --evidence postgres://...` gives the same verdict.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlById } from "../baselines/controls/index.js";
import { Evidence } from "../model/evidence.js";
import type { Verdict } from "../policies/engine.js";
import { runCli } from "./helpers/cli.js";
import {
  makeCredential,
  selfSignedTls,
  serviceTestsUnavailable,
  startDatabase,
  startService,
} from "./helpers/evidence-service.js";
import {
  OFFLINE_FAILS,
  rootTarball,
  rootTestsUnavailable,
  run,
  type ScratchRoot,
  scratchRoot,
} from "./helpers/linux-root.js";

const unavailable = rootTestsUnavailable();
if (unavailable) console.warn(`evidence-real tests skipped: ${unavailable}`);

const POLICY = "evidence.controls.pass-share";
/** The controls an alternate root cannot measure: their failure is real evidence, so the test expects it, by name. */
const OFFLINE = OFFLINE_FAILS;
/** HP-EDU too: its requirement HP-EDU-2 is served by linux.login.defaults and by no control in OFFLINE, so a drift there shows. */
const PLANS = ["HY-EDU", "HY-PROV", "HP-EDU"];
const MACHINE = "attt-test-host"; // the hostname linux-prepare.sh gives the root
const UNIT = "so-thu";
const BUNDLE = `${UNIT}/linux-lab`;
/** The audit dates its record by the clock: the inventory describes today (in Vietnam), so the record is current. */
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** One unit, one Debian 12 lab machine named as the root's hostname; `level` and `logTo` vary. */
function inventoryYaml(o: { level: 2 | 3; logTo: string }): string {
  return `province:
  id: tinh-thu
  name: "Tỉnh Thử"
  plans: [${PLANS.join(", ")}]
  asOf: "${TODAY}"
  department: ${UNIT}
datacentre:
  id: ttdl
  name: "Trung tâm dữ liệu tỉnh"
  owner: ${UNIT}
  level: 3
  hosts:
    - { id: dc-host-1, endpoint: "unix:///var/run/docker.sock" }
  zones:
    - { id: app, kind: app, subnet: 10.9.2.0/24 }
    - { id: mgmt, kind: management, subnet: 10.9.4.0/24 }
    - { id: backup, kind: backup, subnet: 10.9.5.0/24 }
  backup:
    schedule: "0 1 * * *"
    keep: { daily: 7, weekly: 4, monthly: 12 }
    offline: { path: /mnt/offline, schedule: "0 3 * * 0" }
    restoreDrill: "0 5 1 * *"
  monitoring:
    provincialSoc: { host: soc.example.vn, port: 6514, protocol: syslog-tls }
    nationalSoc: { host: nsoc.example.vn, port: 6514, protocol: syslog-tls }
units:
  - id: ${UNIT}
    name: "Sở Giáo dục và Đào tạo Thử"
    type: department
    level: ${o.level}
    machines:
      - { role: lab, os: debian-12, count: 1, hosts: [{ name: ${MACHINE} }] }
    network:
      remoteAdminFrom: [10.70.40.0/24]
      logTo: "${o.logTo}"
`;
}

describe.skipIf(unavailable !== undefined)("real audit.sh evidence through attt check --evidence", () => {
  const work = mkdtempSync(join(tmpdir(), "attt-evidence-real-"));
  const inventory = join(work, "inventory");
  let scratch: ScratchRoot;
  let step = 0;

  const writeInventory = (o: { level: 2 | 3; logTo: string }) => {
    mkdirSync(inventory, { recursive: true });
    writeFileSync(join(inventory, "inventory.yaml"), inventoryYaml(o));
  };

  /** `attt baseline generate` for the inventory as it is now; the bundle's directory. */
  const generate = async (): Promise<string> => {
    const out = join(work, `bundles-${++step}`);
    const r = await runCli(["baseline", "generate", inventory, "--os", "linux", "--out", out]);
    expect(r.exitCode, r.stderr).toBe(0);
    return join(out, BUNDLE);
  };

  /** Runs the bundle's script against the root; for audit.sh, the record it wrote, alone in a fresh directory. */
  const apply = (bundle: string) => {
    const r = run(join(bundle, "apply.sh"), ["--root", scratch.root]);
    expect(r.status, r.stderr).toBe(0);
  };
  const audit = (bundle: string, expectStatus = 0): { dir: string; evidence: Evidence } => {
    const dir = join(work, `evidence-${++step}`);
    mkdirSync(dir);
    const file = join(dir, `${MACHINE}.json`);
    const r = run(join(bundle, "audit.sh"), ["--root", scratch.root, "--out", file]);
    expect(r.status, r.stderr).toBe(expectStatus);
    return {
      dir,
      evidence: Evidence.parse(JSON.parse(readFileSync(file, "utf8"))),
    };
  };

  /** `attt check INVENTORY --evidence DIR`, read back from its verdict.json. */
  const check = async (evidenceDir: string): Promise<Verdict> => {
    const out = join(work, `report-${++step}`);
    const r = await runCli(["check", inventory, "--evidence", evidenceDir, "--format", "json", "--out", out]);
    // 0 or 1 (other requirements may fail); 2 would be the evidence refused as bad input.
    expect([0, 1], r.stderr).toContain(r.exitCode);
    return JSON.parse(readFileSync(join(out, "verdict.json"), "utf8")) as Verdict;
  };
  const findingsOf = (v: Verdict) => v.findings.filter((f) => f.policy === POLICY);

  /** The province's requirements served by the controls the record reports (from the catalogue). */
  const servedBy = (e: Evidence): string[] =>
    [
      ...new Set(
        e.results.flatMap((r) =>
          (controlById.get(r.control)?.requirements ?? []).filter((q) =>
            PLANS.some((p) => q.startsWith(`${p}-`)),
          ),
        ),
      ),
    ].sort();

  /** What the verdict says of each of those requirements: status and the machines counted. */
  const states = (v: Verdict, reqs: string[]) =>
    Object.fromEntries(
      reqs.map((id) => {
        const r = v.requirements.find((x) => x.id === id);
        // The evidence pack's figure, whether it is the requirement's headline or another figure.
        const m = [r?.measure, ...(r?.otherMeasures ?? [])].find((x) => x?.policy === POLICY);
        return [
          id,
          {
            status: r?.status,
            measured: m ? `${m.numerator} of ${m.denominator}` : "none",
          },
        ];
      }),
    );
  const all = (reqs: string[], state: { status: string; measured: string }) =>
    Object.fromEntries(reqs.map((id) => [id, state]));
  /** Requirements served by the given controls (from the catalogue). */
  const servedByControls = (e: Evidence, controls: string[]) =>
    servedBy({
      ...e,
      results: e.results.filter((r) => controls.includes(r.control)),
    });
  /** A record's requirements: those a failing control serves at 0 of 1, the others at 1 of 1. */
  const expected = (e: Evidence, failing: string[]) => ({
    ...all(servedBy(e), { status: "pass", measured: "1 of 1" }),
    ...all(servedByControls(e, failing), {
      status: "fail",
      measured: "0 of 1",
    }),
  });

  let first: { bundle: string; dir: string; evidence: Evidence };
  let served: string[];

  beforeAll(async () => {
    rootTarball();
    scratch = scratchRoot();
    writeInventory({ level: 2, logTo: "soc.example.vn:6514" });
    const bundle = await generate();
    apply(bundle);
    first = { bundle, ...audit(bundle, 1) };
    served = servedBy(first.evidence);
  });
  afterAll(() => {
    scratch?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it("audit.sh writes a record for the inventory's machine and bundle: every control passes but those a root cannot measure", () => {
    expect(first.evidence).toMatchObject({
      machine: MACHINE,
      unit: UNIT,
      role: "lab",
      bundle: { id: BUNDLE },
    });
    expect(first.evidence.results.length).toBeGreaterThan(10);
    // Partitions are install-time: "needs reinstallation", which no script can fix, is not a failure.
    const notPassing = first.evidence.results.filter((r) => r.status !== "pass");
    const byControl = (a: string[], b: string[]) => String(a[0]).localeCompare(String(b[0]));
    expect(notPassing.map((r) => [r.control, r.status]).sort(byControl)).toEqual(
      [...OFFLINE.map((c) => [c, "fail"]), ["linux.install.partitions", "needs-reinstallation"]].sort(
        byControl,
      ),
    );
    expect(served.length).toBeGreaterThan(3);
  });

  it("check counts the real record: 1 of 1 machine for every requirement but those the unmeasurable controls serve", async () => {
    const v = await check(first.dir);
    expect(v.policiesRun).toContain(POLICY);
    expect(findingsOf(v).map((f) => f.message)).toEqual([`${MACHINE} fails ${OFFLINE.join(", ")}`]);
    const passing = served.filter((id) => !servedByControls(first.evidence, OFFLINE).includes(id));
    expect(passing.length).toBeGreaterThan(2);
    expect(states(v, served)).toEqual(expected(first.evidence, OFFLINE));
  });

  it("check without the record: the machine sent nothing and counts 0 of 1 (the record is what made it pass)", async () => {
    const empty = join(work, "no-evidence");
    mkdirSync(empty);
    const v = await check(empty);
    expect(findingsOf(v).map((f) => f.message)).toEqual([
      expect.stringMatching(new RegExp(`1 of 1 lab machines of .* sent no evidence: ${MACHINE}`)),
    ]);
    expect(states(v, served)).toEqual(all(served, { status: "fail", measured: "0 of 1" }));
  });

  it("a control that really fails on the machine is named, and fails only the requirements it serves", async () => {
    const defs = join(scratch.root, "etc/login.defs");
    const original = readFileSync(defs);
    writeFileSync(defs, original.toString("utf8").replace(/^PASS_MAX_DAYS\s+\d+$/m, "PASS_MAX_DAYS\t99999"));
    let drifted: { dir: string; evidence: Evidence };
    try {
      drifted = audit(first.bundle, 1);
    } finally {
      writeFileSync(defs, original);
    }
    const v = await check(drifted.dir);
    expect(findingsOf(v).map((f) => [f.subject, f.message])).toEqual([
      [`machine ${MACHINE}`, `${MACHINE} fails ${[...OFFLINE, "linux.login.defaults"].sort().join(", ")}`],
    ]);
    expect(servedByControls(drifted.evidence, ["linux.login.defaults"])).toContain("HP-EDU-2");
    // HP-EDU-2 passed on the first record (no control in OFFLINE serves it); the drift alone fails it.
    expect(states(await check(first.dir), ["HP-EDU-2"])).toEqual(
      all(["HP-EDU-2"], { status: "pass", measured: "1 of 1" }),
    );
    expect(states(v, ["HP-EDU-2"])).toEqual(all(["HP-EDU-2"], { status: "fail", measured: "0 of 1" }));
    expect(states(v, served)).toEqual(expected(drifted.evidence, [...OFFLINE, "linux.login.defaults"]));
  });

  describe.each([
    ["the unit's security level (2 -> 3)", { level: 3 as const, logTo: "soc.example.vn:6514" }],
    ["the syslog endpoint", { level: 2 as const, logTo: "soc2.example.vn:6514" }],
  ])("after the inventory changes %s", (_name, changed) => {
    let next: string;
    beforeAll(async () => {
      writeInventory(changed);
      next = await generate();
    });
    afterAll(() => writeInventory({ level: 2, logTo: "soc.example.vn:6514" }));

    it("the regenerated bundle is a different bundle (another hash in its scripts)", () => {
      const hashIn = (dir: string) =>
        /^ATTT_BUNDLE_SHA256='([0-9a-f]{64})'$/m.exec(readFileSync(join(dir, "audit.sh"), "utf8"))?.[1];
      expect(hashIn(first.bundle)).toBe(first.evidence.bundle.sha256);
      expect(hashIn(next)).toMatch(/^[0-9a-f]{64}$/);
      expect(hashIn(next)).not.toBe(first.evidence.bundle.sha256);
    });

    it("the same real record is reported as from an outdated bundle and no longer counts", async () => {
      const v = await check(first.dir);
      const findings = findingsOf(v);
      expect(findings.map((f) => [f.subject, f.message])).toEqual([
        [
          `machine ${MACHINE}`,
          `${MACHINE} was audited against an outdated bundle (${first.evidence.bundle.sha256.slice(
            0,
            12,
          )}...)`,
        ],
      ]);
      expect(findings[0]?.location).toContain(`${MACHINE}.json`);
      expect(states(v, served)).toEqual(all(served, { status: "fail", measured: "0 of 1" }));
    });

    it("applying and auditing the new bundle makes the machine count again", async () => {
      apply(next);
      const fresh = audit(next, 1);
      expect(fresh.evidence.bundle.sha256).not.toBe(first.evidence.bundle.sha256);
      const v = await check(fresh.dir);
      expect(findingsOf(v).map((f) => f.message)).toEqual([`${MACHINE} fails ${OFFLINE.join(", ")}`]);
      const now = servedBy(fresh.evidence);
      expect(states(v, now)).toEqual(expected(fresh.evidence, OFFLINE));
      // Back to the first bundle for the next case.
      apply(first.bundle);
    });
  });

  describe.skipIf(serviceTestsUnavailable() !== undefined)(
    "uploaded with audit.sh --upload to attt serve",
    () => {
      it("the service stores the real record, and check reads it back from PostgreSQL with the directory's verdict", async () => {
        const db = await startDatabase();
        const tls = selfSignedTls(join(work, "tls"));
        const service = await startService({
          inventory,
          dbUrl: db.serviceUrl,
          tls,
        });
        try {
          const credential = await makeCredential(db.ownerUrl, UNIT, join(work, "credentials"));
          const dir = join(work, `uploaded-${++step}`);
          mkdirSync(dir);
          const file = join(dir, `${MACHINE}.json`);
          const r = run(join(first.bundle, "audit.sh"), [
            "--root",
            scratch.root,
            "--out",
            file,
            "--upload",
            service.url,
            "--credential",
            credential.file,
            "--ca",
            tls.cert,
          ]);
          // Exit 1: the record holds the unmeasurable control's failure; it is uploaded all the same.
          expect(r.status, r.stderr).toBe(1);
          expect(r.stderr + r.stdout).toMatch(/evidence uploaded/);
          // What the machine wrote is what the database holds, byte for byte once parsed.
          const written = JSON.parse(readFileSync(file, "utf8"));
          expect(JSON.parse(db.sql("SELECT record FROM evidence"))).toEqual(written);
          expect(db.sql("SELECT machine_id FROM evidence")).toBe(written.machineId);
          // Audited and sent again: a second record of the same machine (same machine ID), counted once.
          const again = run(join(first.bundle, "audit.sh"), [
            "--root",
            scratch.root,
            "--upload",
            service.url,
            "--credential",
            credential.file,
            "--ca",
            tls.cert,
          ]);
          expect(again.status, again.stderr).toBe(1);
          expect(db.sql("SELECT count(DISTINCT machine_id) || ' ' || count(*) FROM evidence")).toMatch(
            /^1 [12]$/,
          );
          const fromDb = await check(db.serviceUrl);
          const fromDir = await check(dir);
          const withoutPlace = (v: Verdict) =>
            JSON.parse(JSON.stringify(v, (k, x) => (k === "location" ? undefined : x))) as Verdict;
          expect(withoutPlace(fromDb)).toEqual(withoutPlace(fromDir));
          expect(states(fromDb, served)).toEqual(expected(first.evidence, OFFLINE));
          // The one-step launcher: apply, audit, upload to the address the credential file names,
          // and the unit's line from the service, equal to what the database holds.
          const withUrl = await makeCredential(db.ownerUrl, UNIT, join(work, "credentials"), "create", [
            "--url",
            service.url,
          ]);
          expect(readFileSync(withUrl.file, "utf8")).toContain(`# attt-upload-url: ${service.url}\n`);
          const before = Number(db.sql("SELECT count(*) FROM evidence"));
          // The one-step launcher as a teacher runs it, with the unit's credential file.
          const launch = () =>
            run("bash", [
              join(first.bundle, "attt.sh"),
              "--root",
              scratch.root,
              "--credential",
              withUrl.file,
              "--ca",
              tls.cert,
              "--no-reboot",
            ]);
          const launched = launch();
          const said = launched.stdout + launched.stderr;
          // Exit 1: audit.sh's (the unmeasurable control fails); applied, audited and uploaded all the same.
          expect(launched.status, said).toBe(1);
          expect(said).toMatch(
            /1\. Áp dụng cấu hình an toàn[\s\S]*2\. Kiểm tra và gửi minh chứng[\s\S]*evidence uploaded/,
          );
          expect(Number(db.sql("SELECT count(*) FROM evidence"))).toBe(before + 1);
          const [reported, passing] = db
            .sql(
              `SELECT count(*) || ' ' || count(*) FILTER (WHERE NOT jsonb_path_exists(record, '$.results[*] ? (@.status == "fail" || @.status == "error")'))
                 FROM (SELECT DISTINCT ON (machine_id) record FROM evidence ORDER BY machine_id, collected_at DESC) l`,
            )
            .split(" ")
            .map(Number);
          expect([reported, passing]).toEqual([1, 0]);
          expect(said).toContain(
            `== Đơn vị ${UNIT}: ${passing}/1 máy đạt (${reported}/1 máy đã gửi minh chứng trong kỳ) ==`,
          );
          // The same credential readable by others: attt.sh warns, audits, writes the record to a
          // file and sends nothing (a file others can write could name anyone's server).
          chmodSync(withUrl.file, 0o644);
          const loose = launch();
          const warned = loose.stdout + loose.stderr;
          expect(loose.status, warned).toBe(1);
          expect(warned).toContain(`Cảnh báo: tệp khóa ${withUrl.file}`);
          expect(warned).toContain(
            `${withUrl.file}: người khác đọc hoặc sửa được / others may read or write (644)`,
          );
          expect(warned).not.toMatch(/evidence uploaded|máy đạt/);
          expect(Number(db.sql("SELECT count(*) FROM evidence"))).toBe(before + 1);
          const kept = /Gửi tệp (\/var\/lib\/attt\/evidence-\S+\.json) qua trang tải lên/.exec(warned)?.[1];
          expect(kept && existsSync(kept), warned).toBe(true);
          expect(Evidence.parse(JSON.parse(readFileSync(kept as string, "utf8"))).machineId).toBe(
            first.evidence.machineId,
          );
          rmSync(kept as string);
          // A revoked credential: audit.sh says the upload failed, with exit 3.
          const revoke = await runCli(["credential", "revoke", "--db", db.ownerUrl, "--unit", UNIT]);
          expect(revoke.exitCode, revoke.stderr).toBe(0);
          const refused = run(join(first.bundle, "audit.sh"), [
            "--root",
            scratch.root,
            "--upload",
            service.url,
            "--credential",
            credential.file,
            "--ca",
            tls.cert,
          ]);
          expect(refused.status).toBe(3);
          expect(refused.stderr + refused.stdout).toMatch(/HTTP 401.*revoked/);
        } finally {
          await service.stop();
          db.stop();
        }
      }, 300_000);
    },
  );
});
