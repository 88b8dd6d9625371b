/**
 * What a Linux administrator's review of the baselines found (issue 14), on the real
 * Debian 12 test root: apply.sh refuses to leave su to root alone when nobody can sudo;
 * a server on Wi-Fi keeps its Wi-Fi (NOT APPLIED) and audit.sh sees the interface and the
 * loaded modules; /tmp's tmpfs waits for the next boot and audit.sh says so; apt's
 * templates are unpacked outside the noexec /tmp and upgrades keep the kit's conffiles;
 * autofs in use stays on; root's PATH is read without running root's login files; only
 * [xdmcp] Enable counts for XDMCP; undo.sh says when a restart is needed; the file scan
 * skips snaps, snapshots and other filesystems and keeps five paths and a count.
 *
 * "Live" steps run the scripts chrooted into the root (unshare: own mounts, own network
 * namespace, so nothing reaches the host's firewall or audit rules); they only read, or
 * refuse, or undo inside the root: no live apply.sh (sysctl would reach the host kernel).
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Evidence } from "../model/evidence.js";
import { debianUnit, fileText, linuxBundle, type TestBundle, writeBundle } from "./helpers/linux-bundles.js";
import {
  type Run,
  rootTarball,
  rootTestsUnavailable,
  run,
  type ScratchRoot,
  scratchRoot,
  snapshot,
} from "./helpers/linux-root.js";

const unavailable = rootTestsUnavailable();
if (unavailable) console.warn(`linux-admin-review tests skipped: ${unavailable}`);

/** A command chrooted into the root with /proc and /dev, in its own mount and network namespaces. */
function live(root: string, command: string): Run {
  const script = 'mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" && shift && exec chroot "$@"';
  return run(
    "unshare",
    ["-m", "-n", "--propagation", "private", "sh", "-c", script, "sh", root, root, "sh", "-c", command],
    {
      timeout: 300_000,
    },
  );
}

const evidenceOf = (file: string) => Evidence.parse(JSON.parse(readFileSync(file, "utf8")));
const resultOf = (file: string, control: string) =>
  evidenceOf(file).results.find((r) => r.control === control);

describe.skipIf(unavailable !== undefined)("Linux baselines after an administrator's review", () => {
  let scratch: ScratchRoot;
  let root: string;
  let server: TestBundle;
  let office: TestBundle;
  let serverDir: string;
  let officeDir: string;
  const w = (path: string, text: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  beforeAll(() => {
    rootTarball();
    scratch = scratchRoot();
    root = scratch.root;
    server = linuxBundle(debianUnit("server"), "server");
    office = linuxBundle(debianUnit("office"), "office");
    // Inside the root, so the chrooted runs find them too.
    serverDir = writeBundle(join(root, "root", "server"), server.emitted);
    officeDir = writeBundle(join(root, "root", "office"), office.emitted);
  }, 600_000);
  afterAll(() => scratch?.remove());

  it("no sudo administrator: apply.sh refuses (exit 2, Vietnamese first, the usermod command) and changes nothing", () => {
    const before = snapshot(root);
    const refused = live(root, "bash /root/server/apply.sh");
    expect(refused.status, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(
      /attt: từ chối: gói này chỉ cho root dùng su[^\n]*\nattt: {3}refused: this bundle lets only root use su/,
    );
    expect(refused.stderr).toContain("usermod -aG sudo");
    expect(refused.stderr).toMatch(/Chưa thay đổi gì\.\nattt: {3}Nothing was changed\./);
    expect(snapshot(root)).toEqual(before);
    // A member of group sudo without a login shell is no administrator either.
    expect(live(root, "useradd -M -s /usr/sbin/nologin -G sudo svc").status).toBe(0);
    expect(live(root, "bash /root/server/apply.sh").status).toBe(2);
    // The README says it before anything else.
    const readme = fileText(server.emitted, "README.md");
    expect(readme.indexOf("usermod -aG sudo")).toBeGreaterThan(0);
    expect(readme.indexOf("usermod -aG sudo")).toBeLessThan(readme.indexOf("## Cách dùng"));
  });

  describe("a server on Wi-Fi, with autofs, a profile without PATH and stray files", () => {
    let applied: Run;
    let audit: Run;
    const evidence = () => join(scratch.dir, "server.json");
    beforeAll(() => {
      // An administrator who can sudo: apply.sh goes ahead.
      expect(live(root, "useradd -m -K HOME_MODE=0750 -s /bin/bash -G sudo ops").status).toBe(0);
      // wlan0 up, cfg80211 loaded (the root's own /sys and /proc: nothing is mounted there).
      w("sys/class/net/wlan0/operstate", "up\n");
      mkdirSync(join(root, "sys/class/net/wlan0/wireless"), { recursive: true });
      w("proc/modules", "cfg80211 1228800 1 mac80211, Live 0x0000000000000000\n");
      // autofs enabled, with no active map (Debian's auto.master: comments and includes).
      w(
        "etc/systemd/system/autofs.service",
        "[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n",
      );
      w("etc/auto.master", "#/misc\t/etc/auto.misc\n+dir:/etc/auto.master.d\n+auto.master\n");
      expect(run("systemctl", [`--root=${root}`, "enable", "autofs.service"]).status).toBe(0);
      // Ubuntu's /etc/profile sets no PATH (pam_env does): bash's default would end in ":.".
      const profile = readFileSync(join(root, "etc/profile"), "utf8");
      w("etc/profile", profile.replace(/^\s*PATH=.*$/gm, ""));
      // Seven world-writable files; others in a snap, in snapshots; none counts there.
      for (let i = 1; i <= 7; i++) w(`srv/ww${i}`, "x");
      for (const p of ["snap/core/1/ww", "timeshift/snapshots/ww", ".snapshots/1/ww"]) w(p, "x");
      for (const p of [
        ...[1, 2, 3, 4, 5, 6, 7].map((i) => `srv/ww${i}`),
        "snap/core/1/ww",
        "timeshift/snapshots/ww",
        ".snapshots/1/ww",
      ])
        chmodSync(join(root, p), 0o666);
      applied = run(join(serverDir, "apply.sh"), ["--root", root]);
      // Another filesystem mounted inside the root (a USB disk, a network share): not walked.
      mkdirSync(join(root, "mnt/other"), { recursive: true });
      audit = run("unshare", [
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        `mount -t tmpfs tmpfs "$1/mnt/other" && touch "$1/mnt/other/ww" && chmod 666 "$1/mnt/other/ww" && exec bash "$2" --root "$1" --out "$3"`,
        "sh",
        root,
        join(serverDir, "audit.sh"),
        evidence(),
      ]);
    }, 600_000);

    it("apply.sh leaves the Wi-Fi blacklist out (NOT APPLIED, Vietnamese first) and applies the rest", () => {
      expect(applied.stderr).not.toMatch(/từ chối|refused|CẢNH BÁO/);
      expect(applied.stderr).toMatch(
        /CHƯA ÁP DỤNG: máy đang dùng mạng không dây \(wlan0 \(up\)\)[^\n]*\nattt: {5}NOT APPLIED: the machine is using a wireless network/,
      );
      expect(applied.status).toBe(1);
      expect(() => readFileSync(join(root, "etc/modprobe.d/60-attt-wireless.conf"))).toThrow();
      expect(readFileSync(join(root, "etc/pam.d/su"), "utf8")).toContain("pam_wheel.so use_uid group=root");
    });

    it("audit.sh sees the wireless interface and the loaded module, not only the missing file", () => {
      const r = resultOf(evidence(), "linux.wireless.server-off");
      expect(r?.status).toBe("fail");
      expect(r?.detail).toContain("interfaces: wlan0 modules loaded: cfg80211");
    });

    it("autofs is measured, not switched off: enabled with no map fails, with the command", () => {
      expect(run("systemctl", [`--root=${root}`, "is-enabled", "autofs.service"]).stdout.trim()).toBe(
        "enabled",
      );
      expect(resultOf(evidence(), "linux.services.unused-off")?.detail).toContain(
        "autofs: expected off, or on with active maps (in use), observed autofs enabled with no active map",
      );
      expect(audit.stdout + audit.stderr).toContain("sudo systemctl disable --now autofs");
    });

    it("root's PATH comes from ENV_SUPATH when /etc/profile sets none: no false finding", () => {
      expect(resultOf(evidence(), "linux.accounts.integrity")?.detail ?? "").not.toContain("root-path");
    });

    it("the file scan skips snaps, snapshots and other filesystems, keeps five paths and the count", () => {
      const detail = resultOf(evidence(), "linux.files.world-writable-unowned")?.detail ?? "";
      expect(detail).toContain("observed 7: /srv/ww1, /srv/ww2, /srv/ww3, /srv/ww4, /srv/ww5");
      expect(detail).not.toMatch(/ww6|snap|timeshift|mnt\/other/);
    });

    it("AIDE: the observed text gives the same command as the hint and the README", () => {
      expect(resultOf(evidence(), "linux.aide.integrity")?.detail).toContain("run sudo aideinit -y -f");
      const readme = fileText(server.emitted, "README.md");
      expect(readme).toContain("sudo aideinit -y -f");
    });

    it("apt unpacks templates outside /tmp; upgrades keep the kit's conffiles", () => {
      const dump = live(root, "apt-config dump");
      expect(dump.stdout).toContain('APT::ExtractTemplates::TempDir "/var/lib/attt/apt-tmp";');
      expect(dump.stdout).toMatch(/^dpkg::options:: "--force-confold";$/im);
      // The directory apt is told to use is made root-only by the hook apt runs first.
      const hook = dump.stdout.match(/^DPkg::Pre-Invoke:: "(.*)";$/m)?.[1] as string;
      expect(live(root, `${hook} && stat -c '%a %U' /var/lib/attt/apt-tmp`).stdout.trim()).toBe("700 root");
    });

    it("live: /tmp takes effect after restart (tmp.mount enabled, not mounted), said in Vietnamese first", () => {
      const r = live(root, "bash /root/server/audit.sh --out /root/live.json");
      expect(r.stderr + r.stdout).toContain("Có hiệu lực sau khi khởi động lại máy");
      expect(resultOf(join(root, "root/live.json"), "linux.filesystems.tmp-shm")?.detail).toContain(
        "observed takes effect after restart (tmp.mount enabled, not mounted yet)",
      );
    });

    it("live undo.sh with /tmp still mounted noexec says to restart the machine", () => {
      const r = live(root, "mount -t tmpfs -o nodev,nosuid,noexec tmpfs /tmp && bash /root/server/undo.sh");
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/CẦN KHỞI ĐỘNG LẠI MÁY: [^\n]* \/tmp[^\n]*\nattt: {3}RESTART THE MACHINE/);
    });
  });

  describe("an office machine: XDMCP, autofs in use, PATH from /etc/environment", () => {
    const out = () => join(scratch.dir, "office.json");
    const audit = () => run(join(officeDir, "audit.sh"), ["--root", root, "--out", out()]);
    beforeAll(() => {
      w("etc/gdm3/daemon.conf", "[xdmcp]\nEnable = False\n\n[debug]\nEnable=true\n");
      w("etc/auto.master", "/home/net\t/etc/auto.home\n");
      w("etc/environment", 'PATH="/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin:."\n');
    });

    it("GDM's [debug] Enable=true is not XDMCP; [xdmcp] enable = YES (any case, spaces) is", () => {
      audit();
      expect(resultOf(out(), "linux.desktop.gdm-lockdown")?.detail ?? "").not.toContain("xdmcp");
      w("etc/gdm3/custom.conf", "[XDMCP]\n  enable =  YES  \n");
      audit();
      expect(resultOf(out(), "linux.desktop.gdm-lockdown")?.detail).toContain(
        "/etc/gdm3/daemon.conf /etc/gdm3/custom.conf [xdmcp] Enable: expected Enable off (not true, 1 or yes), observed xdmcp.Enable on at /etc/gdm3/custom.conf:2",
      );
      // autofs with an active map is in use on purpose: it passes.
      expect(resultOf(out(), "linux.services.unused-off")?.detail ?? "").not.toContain("autofs");
      // root's PATH is pam_env's, from /etc/environment: its "." is found.
      expect(resultOf(out(), "linux.accounts.integrity")?.detail).toContain(".: relative");
      rmSync(join(root, "etc/environment"));
    });
  });
});
