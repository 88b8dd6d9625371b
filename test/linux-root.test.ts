/**
 * The Linux bundles, applied for real to a Debian 12 root made with debootstrap:
 * apply.sh then audit.sh passes every control, a second apply.sh changes nothing,
 * undo.sh restores every changed file byte for byte; the configuration files the
 * bundle installs are accepted by the programs that read them (sshd, rsyslogd, nft,
 * pam-auth-update), and apply.sh refuses the wrong OS or role.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Evidence } from "../model/evidence.js";
import type { MachineRole } from "../model/inventory.js";
import { clamavTestSignatures } from "./helpers/clamav-signatures.js";
import { debianUnit, linuxBundle, type TestBundle, writeBundle } from "./helpers/linux-bundles.js";
import {
  changedPaths,
  inRoot,
  OFFLINE_FAILS,
  rootTarball,
  rootTestsUnavailable,
  run,
  type ScratchRoot,
  type Snapshot,
  scratchRoot,
  snapshot,
} from "./helpers/linux-root.js";

const unavailable = rootTestsUnavailable();
if (unavailable) console.warn(`linux-root tests skipped: ${unavailable}`);

const ROLES: MachineRole[] = ["office", "teacher", "lab", "classified", "server"];

describe.skipIf(unavailable !== undefined)("Linux bundles in a real Debian 12 root", () => {
  const work = mkdtempSync(join(tmpdir(), "attt-bundles-"));
  beforeAll(() => {
    rootTarball();
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  describe.each(ROLES)("role %s", (role) => {
    // Level 3 for office and server so the key-only and stricter branches run for real too.
    const unit = debianUnit(role, { level: role === "office" || role === "server" ? 3 : 2 });
    let bundle: TestBundle;
    let dir: string;
    let scratch: ScratchRoot;
    const steps: Record<string, Map<string, string>> = {};
    let firstApply = { status: -1, stdout: "", stderr: "" };
    let secondApply = { status: -1, stdout: "", stderr: "" };
    let audit = { status: -1, stdout: "", stderr: "" };
    let undo = { status: -1, stdout: "", stderr: "" };

    beforeAll(() => {
      bundle = linuxBundle(unit, role);
      dir = writeBundle(join(work, role), bundle.emitted);
      scratch = scratchRoot();
      steps.before = snapshot(scratch.root);
      steps.logsBefore = snapshot(scratch.root, ["var/log"]);
      firstApply = run(join(dir, "apply.sh"), ["--root", scratch.root]);
      steps.applied = snapshot(scratch.root);
      steps.logsApplied = snapshot(scratch.root, ["var/log"]);
      audit = run(join(dir, "audit.sh"), [
        "--root",
        scratch.root,
        "--out",
        join(scratch.dir, "evidence.json"),
      ]);
      secondApply = run(join(dir, "apply.sh"), ["--root", scratch.root]);
      steps.reapplied = snapshot(scratch.root);
    });
    afterAll(() => scratch?.remove());

    it("apply.sh succeeds and changes the system", () => {
      expect(firstApply.stderr).not.toMatch(/NOT APPLIED/);
      expect(firstApply.status, firstApply.stderr).toBe(0);
      const changed = changedPaths(steps.before as Map<string, string>, steps.applied as Map<string, string>);
      expect(changed.length).toBeGreaterThan(10);
      // The test root's /etc/fstab mounts nothing on /tmp: systemd's tmp.mount makes it a tmpfs.
      expect(changed).toContain("etc/systemd/system/tmp.mount");
      expect(changed).toContain("etc/systemd/system/local-fs.target.wants/tmp.mount");
    });

    it("the login message names no OS: update-motd.d's uname script loses its execute bits, the update notice keeps them", () => {
      const mode = (step: string, file: string) =>
        Number.parseInt((steps[step]?.get(`etc/update-motd.d/${file}`) ?? "").split(" ")[1] as string, 8);
      expect(mode("before", "10-uname") & 0o111).not.toBe(0);
      expect(mode("applied", "10-uname") & 0o111).toBe(0);
      expect(mode("applied", "92-unattended-upgrades")).toBe(mode("before", "92-unattended-upgrades"));
      expect(mode("applied", "92-unattended-upgrades") & 0o111).not.toBe(0);
    });

    it("audit.sh then passes every control it can measure offline and writes valid evidence", () => {
      expect(audit.status, audit.stderr).toBe(1);
      const evidence = Evidence.parse(JSON.parse(readFileSync(join(scratch.dir, "evidence.json"), "utf8")));
      expect(evidence).toMatchObject({
        machine: "attt-test-host",
        unit: unit.id,
        role,
        os: "debian-12",
        bundle: { id: bundle.spec.id, sha256: bundle.hash },
      });
      expect(evidence.results.map((r) => r.control)).toEqual(bundle.spec.controls.map((c) => c.control.id));
      // Every control passes but those an offline root cannot show.
      const failed = evidence.results.filter(
        (r) => r.status !== "pass" && r.status !== "needs-reinstallation",
      );
      expect(failed.map((r) => r.control).sort()).toEqual(OFFLINE_FAILS);
      // The test root has one filesystem: the partitions CIS wants need a reinstallation.
      expect(evidence.results.filter((r) => r.status === "needs-reinstallation")).toEqual([
        {
          control: "linux.install.partitions",
          status: "needs-reinstallation",
          observed: "0 of 5 settings as expected",
          expected: "5 of 5 settings",
          detail: "5 of 5 settings need a reinstallation (partitions)",
        },
      ]);
      expect(audit.stderr).toContain(
        "      - /var/log on a partition of its own: cần cài lại máy / needs reinstallation\n",
      );
      const detailOf = (control: string) => failed.find((r) => r.control === control)?.detail;
      expect(detailOf("linux.aide.integrity")).toBe(
        "AIDE database: expected built by aideinit, observed no database /var/lib/aide/aide.db: run sudo aideinit -y -f (takes minutes)",
      );
      expect(detailOf("linux.filesystems.tmp-shm")).toBe(
        ["/tmp", "/dev/shm"]
          .map(
            (p) =>
              `${p} mounted: expected mounted nodev,nosuid,noexec, observed not measurable in an alternate root (--root): nothing is mounted there`,
          )
          .join("; "),
      );
      const details = (detailOf("linux.antimalware.scanner") ?? "").split("; ");
      expect(
        details.filter(
          (d) => !/^unit \S+ running: expected active, observed not measurable in an alternate root/.test(d),
        ),
      ).toEqual([
        "ClamAV daily signatures: expected at most " +
          (role === "classified" ? 14 : 7) +
          " day(s) old, observed no daily signatures in /var/lib/clamav (run freshclam, or copy them from offline media)",
      ]);
      expect(evidence.collectedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    });

    it("audit.sh measures the signatures' age: fresh ones pass, a month-old set fails", () => {
      if (role !== "lab") return;
      const check = (ageDays: number) => {
        const put = inRoot(scratch.root, clamavTestSignatures(ageDays));
        expect(put.status, put.stderr).toBe(0);
        const out = join(scratch.dir, `age-${ageDays}.json`);
        run(join(dir, "audit.sh"), ["--root", scratch.root, "--out", out]);
        const evidence = Evidence.parse(JSON.parse(readFileSync(out, "utf8")));
        return evidence.results.find((r) => r.control === "linux.antimalware.scanner")?.detail ?? "";
      };
      expect(check(0)).not.toMatch(/signatures/);
      expect(check(30)).toMatch(
        /ClamAV daily signatures: expected at most 7 day\(s\) old, observed 30 day\(s\) old/,
      );
      inRoot(
        scratch.root,
        "rm -rf /var/lib/clamav/daily.cud /var/lib/clamav/main.inc /var/lib/clamav/daily.inc /root/eicar.com",
      );
    });

    it("a missing AIDE database is a finding of its own, with the command in Vietnamese and English; a database aide built passes", () => {
      if (role !== "teacher") return;
      const aideResult = () => {
        const out = join(scratch.dir, "aide.json");
        const r = run(join(dir, "audit.sh"), ["--root", scratch.root, "--out", out]);
        const result = Evidence.parse(JSON.parse(readFileSync(out, "utf8"))).results.find(
          (x) => x.control === "linux.aide.integrity",
        );
        return { stderr: r.stderr, result };
      };
      const missing = aideResult();
      expect(missing.result?.status).toBe("fail");
      expect(missing.stderr).toContain(
        "attt:   KHÔNG ĐẠT / FAIL   linux.aide.integrity (3/4)\n" +
          "      - AIDE database\n" +
          "          cần / expected: built by aideinit\n" +
          "          thấy / observed: no database /var/lib/aide/aide.db: run sudo aideinit -y -f (takes minutes)\n" +
          "          → AIDE chưa có cơ sở dữ liệu để so sánh: chạy sudo aideinit -y -f (mất vài phút)\n" +
          "          → AIDE has no database to compare against: run sudo aideinit -y -f (takes minutes)\n",
      );
      // A real database, built by aide itself over one file (aideinit reads the whole disk).
      const built = inRoot(
        scratch.root,
        "printf 'database_out=file:/var/lib/aide/aide.db\\n/etc/hostname$ f sha256\\n' >/tmp/aide-one.conf && " +
          "aide --init --config=/tmp/aide-one.conf >/dev/null && rm /tmp/aide-one.conf",
      );
      expect(built.status, built.stderr).toBe(0);
      try {
        const present = aideResult();
        expect(present.result?.status).toBe("pass");
        expect(present.stderr).not.toContain("aideinit");
      } finally {
        rmSync(join(scratch.root, "var/lib/aide/aide.db"));
      }
    });

    it("a partition in /etc/fstab with its options passes; without them it fails", () => {
      if (role !== "office") return;
      const fstab = join(scratch.root, "etc/fstab");
      const original = readFileSync(fstab);
      try {
        const partitions = (options: string) =>
          ["/home", "/var", "/var/tmp", "/var/log", "/var/log/audit"]
            .map((p, i) => `/dev/vda${i + 2} ${p} ext4 ${options} 0 2\n`)
            .join("");
        const partitionsResult = (options: string) => {
          writeFileSync(fstab, `${original}${partitions(options)}`);
          const out = join(scratch.dir, "fstab.json");
          run(join(dir, "audit.sh"), ["--root", scratch.root, "--out", out]);
          return Evidence.parse(JSON.parse(readFileSync(out, "utf8"))).results.find(
            (r) => r.control === "linux.install.partitions",
          );
        };
        expect(partitionsResult("defaults,nodev,nosuid,noexec")?.status).toBe("pass");
        const without = partitionsResult("defaults,nodev");
        expect(without?.status).toBe("fail");
        expect(without?.detail).toContain(
          "/var/tmp on a partition of its own: expected its own partition, mounted nodev,nosuid,noexec, observed options defaults,nodev, without nosuid noexec",
        );
      } finally {
        writeFileSync(fstab, original);
      }
    });

    it("apply.sh narrows the log files under /var/log to 0640, their owners kept; wtmp, btmp and lastlog keep theirs", () => {
      const before = steps.logsBefore as Snapshot;
      const after = steps.logsApplied as Snapshot;
      const narrowed = changedPaths(before, after);
      // The test root's own 0644 files (faillog from login, apt's eipp log).
      expect(narrowed).toEqual(expect.arrayContaining(["var/log/faillog", "var/log/apt/eipp.log.xz"]));
      for (const path of narrowed) {
        const [kind, mode, owner, sum] = (after.get(path) as string).split(" ");
        const [, was, wasOwner, wasSum] = (before.get(path) as string).split(" ");
        expect({ kind, owner, sum }, path).toEqual({ kind: "file", owner: wasOwner, sum: wasSum });
        expect(Number.parseInt(mode as string, 8), path).toBe(Number.parseInt(was as string, 8) & 0o640);
      }
      for (const [path, entry] of after) {
        const [kind, mode] = entry.split(" ");
        if (kind !== "file" || /\/(wtmp|btmp|lastlog)[^/]*$/.test(path)) continue;
        expect(Number.parseInt(mode as string, 8) & ~0o640, path).toBe(0);
      }
      expect(after.get("var/log/wtmp")).toBe(before.get("var/log/wtmp"));
    });

    it("a second apply.sh changes nothing", () => {
      expect(secondApply.status, secondApply.stderr).toBe(0);
      expect(secondApply.stderr).toMatch(/done: 0 file\(s\) and 0 unit\(s\) changed/);
      expect(
        changedPaths(steps.applied as Map<string, string>, steps.reapplied as Map<string, string>),
      ).toEqual([]);
    });

    it("the installed configuration is accepted by the programs that read it", () => {
      const root = scratch.root;
      if (role !== "classified") {
        const sshd = inRoot(
          root,
          "mkdir -p /run/sshd && /usr/sbin/sshd -t && /usr/sbin/sshd -T -C user=alice,host=pc,addr=10.70.40.7",
        );
        expect(sshd.status, sshd.stderr).toBe(0);
        expect(sshd.stdout).toMatch(/^permitrootlogin no$/m);
        expect(sshd.stdout).toMatch(/^maxauthtries 4$/m);
        expect(sshd.stdout).toMatch(/^logingracetime 60$/m);
        expect(sshd.stdout).toMatch(/^allowusers \*@10\.70\.40\.0\/24$/m);
        // Key-only from level 3 and on Docker hosts.
        const keyOnly = unit.level === 3 || role === "server";
        expect(sshd.stdout).toMatch(new RegExp(`^passwordauthentication ${keyOnly ? "no" : "yes"}$`, "m"));
        const rsyslog = inRoot(root, "rsyslogd -N1");
        expect(rsyslog.status, rsyslog.stderr).toBe(0);
        expect(readFileSync(join(root, "etc/rsyslog.d/60-attt-forward.conf"), "utf8")).toContain(
          'target="soc.example.vn" port="6514"',
        );
      } else {
        expect(run("systemctl", [`--root=${root}`, "is-enabled", "ssh.service"]).stdout.trim()).toBe(
          "masked",
        );
        const modprobe = inRoot(
          root,
          "modprobe --showconfig | grep -E '^install (usb_storage|cfg80211|bluetooth) /bin/false$'",
        );
        expect(modprobe.stdout.trim().split("\n")).toHaveLength(3);
      }
      const ns = `attt-check-${role}`;
      run("ip", ["netns", "add", ns]);
      try {
        const nft = run("ip", ["netns", "exec", ns, "nft", "-c", "-f", join(root, "etc/nftables.conf")]);
        expect(nft.status, nft.stderr).toBe(0);
      } finally {
        run("ip", ["netns", "del", ns]);
      }
      const sysctl = readFileSync(join(root, "etc/sysctl.d/90-attt-hardening.conf"), "utf8");
      expect(sysctl).toMatch(new RegExp(`^net\\.ipv4\\.ip_forward = ${role === "server" ? 1 : 0}$`, "m"));
      const pam = readFileSync(join(root, "etc/pam.d/common-auth"), "utf8");
      expect(pam).toMatch(/pam_faillock\.so preauth[\s\S]*pam_unix\.so[\s\S]*pam_faillock\.so authfail/);
      expect(readFileSync(join(root, "etc/pam.d/common-password"), "utf8")).toMatch(
        /pam_pwhistory\.so remember=24/,
      );
    });

    it("undo.sh restores every changed file byte for byte", () => {
      undo = run(join(dir, "undo.sh"), ["--root", scratch.root]);
      expect(undo.status, undo.stderr).toBe(0);
      expect(changedPaths(steps.before as Map<string, string>, snapshot(scratch.root))).toEqual([]);
      expect(changedPaths(steps.logsBefore as Snapshot, snapshot(scratch.root, ["var/log"]))).toEqual([]);
    });
  });

  describe("packages", () => {
    let scratch: ScratchRoot;
    beforeAll(() => {
      scratch = scratchRoot();
    });
    afterAll(() => scratch?.remove());

    it("apply.sh installs a missing package with apt-get inside the root (refreshing the lists once)", {
      timeout: 300_000,
    }, () => {
      const removed = inRoot(scratch.root, "DEBIAN_FRONTEND=noninteractive dpkg --purge systemd-timesyncd");
      expect(removed.status, removed.stderr).toBe(0);
      const dir = writeBundle(join(work, "packages"), linuxBundle(debianUnit("lab"), "lab").emitted);
      const r = run(join(dir, "apply.sh"), ["--root", scratch.root], { timeout: 300_000 });
      expect(r.stderr).toMatch(/installing: systemd-timesyncd/);
      expect(r.status, r.stderr).toBe(0);
      const audit = run(join(dir, "audit.sh"), [
        "--root",
        scratch.root,
        "--out",
        join(scratch.dir, "e.json"),
      ]);
      // Only anti-malware's live measurements fail in a root: the installed package counts.
      expect(audit.stderr).toMatch(/package systemd-timesyncd|ĐẠT \/ pass {9}linux\.time\.sync/);
      expect(audit.stderr).toContain("ĐẠT / pass         linux.time.sync");
    });
  });

  describe("a /tmp partition in /etc/fstab", () => {
    let scratch: ScratchRoot;
    beforeAll(() => {
      scratch = scratchRoot();
    });
    afterAll(() => scratch?.remove());

    it("keeps the partition: apply.sh adds nodev, nosuid, noexec to its line instead of installing tmp.mount; undo.sh restores the line", () => {
      const fstab = join(scratch.root, "etc/fstab");
      // Aligned with tabs and spaces, an opposite option (exec) and a neighbour that must not change.
      const line = "UUID=0a1b-2c3d  /tmp\text4    defaults,exec,usrquota 0  2\n";
      const other = "/dev/vda6 /var/tmp ext4 defaults 0 2\n";
      writeFileSync(fstab, `${readFileSync(fstab, "utf8")}${line}${other}`);
      const before = snapshot(scratch.root);
      const dir = writeBundle(join(work, "fstab-tmp"), linuxBundle(debianUnit("lab"), "lab").emitted);
      const applied = run(join(dir, "apply.sh"), ["--root", scratch.root]);
      expect(applied.status, applied.stderr).toBe(0);
      expect(applied.stderr).toContain("changed: /etc/fstab (/tmp: nodev,nosuid,noexec)");
      const lines = readFileSync(fstab, "utf8").split("\n");
      expect(lines).toContain("UUID=0a1b-2c3d  /tmp\text4    defaults,usrquota,nodev,nosuid,noexec 0  2");
      expect(lines).toContain(other.trimEnd());
      // No tmp.mount of the bundle: it would win over the unit systemd makes from this line.
      const changed = changedPaths(before, snapshot(scratch.root));
      expect(changed.filter((p) => p.includes("tmp.mount"))).toEqual([]);
      expect(changed).toContain("etc/systemd/system/attt-dev-shm-options.service");

      const out = join(scratch.dir, "fstab-tmp.json");
      run(join(dir, "audit.sh"), ["--root", scratch.root, "--out", out]);
      const result = Evidence.parse(JSON.parse(readFileSync(out, "utf8"))).results.find(
        (r) => r.control === "linux.filesystems.tmp-shm",
      );
      // Only what an alternate root cannot show fails: the line and the unit's absence pass.
      expect(result?.observed).toBe("5 of 7 settings as expected");
      expect(result?.detail).not.toMatch(/fstab|tmp\.mount/);

      const again = run(join(dir, "apply.sh"), ["--root", scratch.root]);
      expect(again.stderr).toMatch(/done: 0 file\(s\) and 0 unit\(s\) changed/);

      // A tmp.mount put back by hand hides the partition: audit.sh names it.
      writeFileSync(join(scratch.root, "etc/systemd/system/tmp.mount"), "[Mount]\nWhat=tmpfs\n");
      run(join(dir, "audit.sh"), ["--root", scratch.root, "--out", out]);
      const hidden = Evidence.parse(JSON.parse(readFileSync(out, "utf8"))).results.find(
        (r) => r.control === "linux.filesystems.tmp-shm",
      );
      expect(hidden?.detail).toContain(
        "file /etc/systemd/system/tmp.mount: expected absent (/etc/fstab mounts /tmp), observed 644 0:0 ",
      );
      rmSync(join(scratch.root, "etc/systemd/system/tmp.mount"));

      const undone = run(join(dir, "undo.sh"), ["--root", scratch.root]);
      expect(undone.status, undone.stderr).toBe(0);
      expect(changedPaths(before, snapshot(scratch.root))).toEqual([]);
    });
  });

  describe("refusals", () => {
    let scratch: ScratchRoot;
    let dir: string;
    let pristine: Map<string, string>;
    beforeAll(() => {
      dir = writeBundle(join(work, "refusals"), linuxBundle(debianUnit("lab"), "lab").emitted);
      scratch = scratchRoot();
      pristine = snapshot(scratch.root);
    });
    afterAll(() => scratch?.remove());

    it("refuses a machine declared with another role, changing nothing", () => {
      const before = snapshot(scratch.root);
      const r = run(join(dir, "apply.sh"), ["--root", scratch.root, "--role", "classified"]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/wrong role: this bundle is for role lab/);
      expect(changedPaths(before, snapshot(scratch.root))).toEqual([]);
    });

    it("refuses a machine the inventory lists under another role", () => {
      const other = linuxBundle(
        debianUnit("lab", {
          machines: [
            { role: "lab", os: "debian-12", count: 1, hosts: [{ name: "some-lab-pc" }] },
            { role: "classified", os: "debian-12", count: 1, hosts: [{ name: "attt-test-host" }] },
          ],
        }),
        "lab",
      );
      const otherDir = writeBundle(join(work, "listed-elsewhere"), other.emitted);
      const r = run(join(otherDir, "apply.sh"), ["--root", scratch.root]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/the inventory lists attt-test-host with role classified/);
    });

    it("refuses the wrong OS with a clear message, changing nothing", () => {
      const osRelease = join(scratch.root, "etc/os-release");
      const original = readFileSync(osRelease);
      writeFileSync(osRelease, 'PRETTY_NAME="Ubuntu 24.04 LTS"\nID=ubuntu\nVERSION_ID="24.04"\n');
      try {
        const before = snapshot(scratch.root);
        const r = run(join(dir, "apply.sh"), ["--root", scratch.root]);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/wrong OS: this bundle is for debian 12; this machine runs ubuntu 24\.04/);
        expect(changedPaths(before, snapshot(scratch.root))).toEqual([]);
      } finally {
        writeFileSync(osRelease, original);
      }
    });

    it("refuses to run from a bundle whose files were modified", () => {
      const conf = join(dir, "files/etc/nftables.conf");
      writeFileSync(conf, `${readFileSync(conf, "utf8")}# tampered\n`);
      const r = run(join(dir, "apply.sh"), ["--root", scratch.root]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/bundle file files\/etc\/nftables.conf is missing or was modified/);
    });

    it("audit.sh fails, naming the setting, when the machine drifts", () => {
      const fresh = writeBundle(join(work, "drift"), linuxBundle(debianUnit("lab"), "lab").emitted);
      expect(run(join(fresh, "apply.sh"), ["--root", scratch.root]).status).toBe(0);
      const defs = join(scratch.root, "etc/login.defs");
      writeFileSync(
        defs,
        readFileSync(defs, "utf8").replace(/^PASS_MAX_DAYS\s+\d+$/m, "PASS_MAX_DAYS\t99999"),
      );
      const out = join(scratch.dir, "drift.json");
      const r = run(join(fresh, "audit.sh"), ["--root", scratch.root, "--out", out]);
      expect(r.status).toBe(1);
      const evidence = Evidence.parse(JSON.parse(readFileSync(out, "utf8")));
      // What an alternate root cannot show fails in any; the drift is the other one.
      const failed = evidence.results.filter(
        (x) => x.status === "fail" && !OFFLINE_FAILS.includes(x.control),
      );
      expect(failed.map((x) => x.control)).toEqual(["linux.login.defaults"]);
      expect(r.stderr).toContain("KHÔNG ĐẠT / FAIL   linux.login.defaults (");
      expect(r.stderr).toContain(
        "      - /etc/login.defs PASS_MAX_DAYS\n          cần / expected: <= 365\n          thấy / observed: 99999\n",
      );
      expect(failed[0]?.detail).toBe("/etc/login.defs PASS_MAX_DAYS: expected <= 365, observed 99999");
    });

    it("audit.sh names each account, permission and configuration problem; apply.sh fixes modes only; undo.sh restores them", () => {
      const fresh = writeBundle(join(work, "planted"), linuxBundle(debianUnit("lab"), "lab").emitted);
      expect(run(join(fresh, "apply.sh"), ["--root", scratch.root]).status).toBe(0);
      const planted = inRoot(
        scratch.root,
        [
          "useradd -o -u 0 -g 0 -M -s /bin/bash toor",
          "useradd -m -s /bin/bash bob && passwd -d bob >/dev/null",
          "chmod 0777 /home/bob && touch /home/bob/.rhosts && chmod 0666 /home/bob/.profile",
          "echo 'bob ALL=(ALL) !authenticate: ALL' >/etc/sudoers.d/bob",
          `echo 'module(load="imtcp")' >/etc/rsyslog.d/50-receive.conf`,
          "chmod 0666 /etc/shadow && chmod 0755 /etc/cron.d",
          "sed -i 's/ yescrypt$/ md5/' /etc/pam.d/common-password",
          "ln -s /etc/apparmor.d/usr.sbin.clamd /etc/apparmor.d/disable/usr.sbin.clamd",
          "touch /srv/left-behind && chown 4242:4343 /srv/left-behind",
          "echo 'umask 022' >>/root/.bashrc",
          "gpasswd -a bob root >/dev/null",
        ].join(" && "),
      );
      expect(planted.status, planted.stderr).toBe(0);
      const shadow = readFileSync(join(scratch.root, "etc/shadow"));
      const detailsOf = (name: string) => {
        const out = join(scratch.dir, `${name}.json`);
        run(join(fresh, "audit.sh"), ["--root", scratch.root, "--out", out]);
        const results = Evidence.parse(JSON.parse(readFileSync(out, "utf8"))).results;
        return Object.fromEntries(
          results
            .filter((r) => r.status === "fail" && !OFFLINE_FAILS.includes(r.control))
            .map((r) => [r.control, r.detail]),
        );
      };
      expect(detailsOf("planted")).toEqual({
        "linux.accounts.home-directories":
          "accounts: home-directories: expected no account breaking it, observed toor: /home/toor missing, bob: /home/bob mode 777 owner 1000:1000; " +
          "accounts: dot-files: expected no account breaking it, observed bob: /home/bob/.profile mode 666 owner 1000, bob: /home/bob/.rhosts exists",
        "linux.accounts.integrity":
          "accounts: no-empty-passwords: expected no account breaking it, observed bob; " +
          "accounts: unique-uids: expected no account breaking it, observed UID 0; " +
          "accounts: root-only-uid0: expected no account breaking it, observed toor; " +
          "accounts: root-only-gid0-account: expected no account breaking it, observed toor; " +
          "accounts: system-accounts-no-shell: expected no account breaking it, observed toor (/bin/bash); " +
          "accounts: root-umask: expected no account breaking it, observed /root/.bashrc:19: umask 022",
        "linux.files.world-writable-unowned":
          "files: world-writable: expected none, observed 3: /etc/shadow, /home/bob, /home/bob/.profile; " +
          "files: unowned: expected none, observed 1: /srv/left-behind",
        "linux.apparmor.enforced": "/etc/apparmor.d/disable: expected empty, observed usr.sbin.clamd",
        "linux.cron.restricted":
          "permissions /etc/cron.d: expected mode at most 700, owner 0:0, observed 755 0:0",
        "linux.files.account-databases":
          "permissions /etc/shadow: expected mode at most 640, owner 0:42, observed 666 0:42",
        "linux.logging.local-files":
          "/etc/rsyslog.conf /etc/rsyslog.d: expected no active line with imtcp imudp InputTCPServerRun UDPServerRun, observed /etc/rsyslog.d/50-receive.conf:1 (imtcp)",
        "linux.pam.unix":
          "/etc/pam.d/common-password pam_unix.so: expected arguments yescrypt|sha512 use_authtok, none of remember, observed obscure use_authtok try_first_pass md5: without yescrypt|sha512",
        "linux.su.restricted":
          "accounts: su-group-empty: expected no account breaking it, observed members of group root: bob",
        "linux.sudo.logging":
          "/etc/sudoers /etc/sudoers.d: expected no active line with !authenticate, observed /etc/sudoers.d/bob:1 (!authenticate)",
      });
      // apply.sh narrows the modes back, keeping the content; what it only measures stays reported.
      expect(run(join(fresh, "apply.sh"), ["--root", scratch.root]).status).toBe(0);
      expect(run("stat", ["-c", "%a %u:%g", join(scratch.root, "etc/shadow")]).stdout).toBe("640 0:42\n");
      expect(readFileSync(join(scratch.root, "etc/shadow"))).toEqual(shadow);
      const applied = snapshot(scratch.root);
      expect(Object.keys(detailsOf("reapplied")).sort()).toEqual([
        "linux.accounts.home-directories",
        "linux.accounts.integrity",
        "linux.apparmor.enforced",
        "linux.files.world-writable-unowned",
        "linux.logging.local-files",
        "linux.pam.unix",
        "linux.su.restricted",
        "linux.sudo.logging",
      ]);
      // undo.sh puts back the modes from before the first apply.sh, not the planted ones.
      expect(run(join(fresh, "undo.sh"), ["--root", scratch.root]).status).toBe(0);
      const now = snapshot(scratch.root);
      const modeOf = (snap: Map<string, string>, path: string) =>
        snap.get(path)?.split(" ").slice(0, 3).join(" ");
      for (const path of ["etc/crontab", "etc/cron.d", "etc/ssh/sshd_config"])
        expect(modeOf(now, path), path).toBe(modeOf(pristine, path));
      // ... which apply.sh had narrowed: the restore did something.
      expect(modeOf(applied, "etc/crontab")).not.toBe(modeOf(pristine, "etc/crontab"));
      // /etc/shadow was already right at the first apply.sh; the second one narrowed the
      // planted 666, and undo.sh undoes that change, as it undoes every change it made.
      expect(modeOf(now, "etc/shadow")).toBe("file 666 0:42");
    });
  });
});
