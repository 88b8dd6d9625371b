/**
 * The Linux controls as data: complete, traceable to the plans, and resolved by level
 * and role as their comments say; the emitter's output is deterministic.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleSpecs } from "../baselines/bundle-spec.js";
import { linuxControls } from "../baselines/controls/linux/index.js";
import { pamProfileModules } from "../baselines/emit/linux/activation.js";
import type { FileSetting, Setting } from "../baselines/settings.js";
import { Province } from "../model/inventory.js";
import { packageRoot } from "../model/package-root.js";
import { ConfigValueError, hostPort, ipv4Cidr } from "../templates/escape/config-values.js";
import { debianUnit, fileText, linuxBundle, testInventory, type UnitInput } from "./helpers/linux-bundles.js";

const CONTROL_DIR = join(packageRoot, "baselines", "controls", "linux");

/** Every requirement ID of the plan catalogue. */
const catalogueIds = new Set(
  readdirSync(join(packageRoot, "policies", "plans"))
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) =>
      [...readFileSync(join(packageRoot, "policies", "plans", f), "utf8").matchAll(/^\s*- id: (\S+)$/gm)].map(
        (m) => m[1] as string,
      ),
    ),
);

const settingsOf = (unit: UnitInput, role: "office" | "teacher" | "lab" | "classified" | "server") => {
  const { spec } = linuxBundle(unit, role);
  return new Map(spec.controls.map((c) => [c.control.id, c.settings]));
};
function fileContent(settings: Setting[] | undefined, path: string): string {
  const found = (settings ?? []).find((s): s is FileSetting => s.kind === "file" && s.path === path);
  if (!found) throw new Error(`no file setting for ${path}`);
  return found.content;
}

describe("the Linux control catalogue", () => {
  it("lists every control file of the folder, once", async () => {
    const files = readdirSync(CONTROL_DIR).filter(
      (f) => f.endsWith(".ts") && f !== "index.ts" && f !== "common.ts",
    );
    const fromFiles = await Promise.all(
      files.map(
        async (f) => ((await import(join(CONTROL_DIR, f))) as { default: { id: string } }).default.id,
      ),
    );
    expect(linuxControls.map((c) => c.id).sort()).toEqual(fromFiles.sort());
    expect(new Set(fromFiles).size).toBe(fromFiles.length);
  });

  it.each(linuxControls.map((c) => [c.id, c] as const))("%s is complete and traceable", (_id, c) => {
    expect(c.id).toMatch(/^linux\.[a-z0-9-]+\.[a-z0-9-]+$/);
    for (const text of [c.title.vi, c.title.en, c.rationale.vi, c.rationale.en])
      expect(text.length).toBeGreaterThan(5);
    expect(Object.keys(c.references).length).toBeGreaterThan(0);
    for (const id of c.requirements) expect(catalogueIds, `${c.id} cites ${id}`).toContain(id);
    expect(c.appliesTo.os).toEqual(["linux"]);
  });
});

describe("values by level and role", () => {
  it("passwords: 14 characters everywhere, all four classes from level 3; history 24", () => {
    const l2 = settingsOf(debianUnit("lab"), "lab");
    const l3 = settingsOf(debianUnit("lab", { level: 3 }), "lab");
    const conf = "/etc/security/pwquality.conf.d/60-attt.conf";
    expect(fileContent(l2.get("linux.password.quality"), conf)).toMatch(/^minlen = 14\nminclass = 3$/m);
    expect(fileContent(l3.get("linux.password.quality"), conf)).toMatch(/^minlen = 14\nminclass = 4$/m);
    expect(fileContent(l2.get("linux.password.history"), "/usr/share/pam-configs/attt-pwhistory")).toContain(
      "remember=24",
    );
    expect(l2.get("linux.account.lockout")).toContainEqual(
      expect.objectContaining({ key: "deny", value: "5", compare: "max" }),
    );
    expect(l3.get("linux.account.lockout")).toContainEqual(
      expect.objectContaining({ key: "unlock_time", value: "900", compare: "min" }),
    );
    expect(l3.get("linux.login.defaults")).toContainEqual(
      expect.objectContaining({ key: "PASS_MAX_DAYS", value: "90" }),
    );
  });

  it("ssh: key-only from level 3 and on Docker hosts; logins only from remoteAdminFrom", () => {
    const conf = "/etc/ssh/sshd_config.d/01-attt-hardening.conf";
    const sshd = (unit: UnitInput, role: "lab" | "server") =>
      fileContent(settingsOf(unit, role).get("linux.ssh.server-hardening"), conf);
    expect(sshd(debianUnit("lab"), "lab")).toMatch(/^PasswordAuthentication yes$/m);
    expect(sshd(debianUnit("lab", { level: 3 }), "lab")).toMatch(/^PasswordAuthentication no$/m);
    expect(sshd(debianUnit("server"), "server")).toMatch(/^PasswordAuthentication no$/m);
    expect(sshd(debianUnit("lab"), "lab")).toMatch(/^AllowUsers \*@10\.70\.40\.0\/24$/m);
    expect(sshd(debianUnit("lab"), "lab")).toMatch(
      /^PermitRootLogin no\nMaxAuthTries 4\nLoginGraceTime 60$/m,
    );
  });

  it("no remoteAdminFrom: SSH disabled, denied to all, and no firewall opening", () => {
    const none = settingsOf(debianUnit("office", { network: { remoteAdminFrom: [] } }), "office");
    expect(none.get("linux.ssh.server-hardening")).toContainEqual({
      kind: "systemd",
      unit: "ssh.service",
      state: "disabled",
    });
    expect(
      fileContent(none.get("linux.ssh.server-hardening"), "/etc/ssh/sshd_config.d/01-attt-hardening.conf"),
    ).toMatch(/^DenyUsers \*$/m);
    const rules = fileContent(none.get("linux.firewall.default-deny-inbound"), "/etc/nftables.conf");
    expect(rules).not.toMatch(/dport 22/);
    expect(rules).toMatch(/policy drop/);
  });

  it("server: SSH, and the Docker API port when the data centre uses tcp://, from admin networks only", () => {
    const rulesOf = (inventory: ReturnType<typeof testInventory>) => {
      const spec = bundleSpecs(inventory, { os: "linux", role: "server" })[0];
      const fw = spec?.controls.find((c) => c.control.id === "linux.firewall.default-deny-inbound");
      return fileContent(fw?.settings, "/etc/nftables.conf");
    };
    const inventory = testInventory([debianUnit("server")]);
    expect(rulesOf(inventory)).toMatch(/^\t\tip saddr @remote_admin tcp dport 22 accept$/m);
    const tls = { caFile: "ca.pem", certFile: "cert.pem", keyFile: "key.pem" };
    inventory.datacentre = {
      ...inventory.datacentre,
      hosts: [{ id: "h1", endpoint: "tcp://10.70.41.5:2376", tls, os: "debian-12" }],
    };
    expect(rulesOf(inventory)).toMatch(/^\t\tip saddr @remote_admin tcp dport \{ 22, 2376 \} accept$/m);
  });

  it("sysctl: ip_forward only on Docker hosts", () => {
    const conf = "/etc/sysctl.d/90-attt-hardening.conf";
    expect(fileContent(settingsOf(debianUnit("server"), "server").get("linux.kernel.sysctl"), conf)).toMatch(
      /^net\.ipv4\.ip_forward = 1$/m,
    );
    expect(fileContent(settingsOf(debianUnit("lab"), "lab").get("linux.kernel.sysctl"), conf)).toMatch(
      /^net\.ipv4\.ip_forward = 0$/m,
    );
  });

  it("classified: cut off, modules blocked, no remote login, nothing that needs a network", () => {
    const cls = settingsOf(debianUnit("classified"), "classified");
    expect([...cls.keys()]).toEqual(
      expect.arrayContaining([
        "linux.classified.network-isolation",
        "linux.classified.device-modules",
        "linux.classified.no-remote-login",
      ]),
    );
    for (const id of [
      "linux.ssh.server-hardening",
      "linux.firewall.default-deny-inbound",
      "linux.logging.forward",
      "linux.updates.unattended-security",
      "linux.time.sync",
    ]) {
      expect(cls.has(id), id).toBe(false);
    }
    const modules = fileContent(
      cls.get("linux.classified.device-modules"),
      "/etc/modprobe.d/60-attt-classified.conf",
    );
    for (const m of ["usb-storage", "cfg80211", "bluetooth"])
      expect(modules).toContain(`install ${m} /bin/false\nblacklist ${m}`);
    const rules = fileContent(cls.get("linux.classified.network-isolation"), "/etc/nftables.conf");
    expect(rules).toMatch(/hook output priority filter; policy drop;\n\t\toif "lo" accept/);
    expect(rules).not.toMatch(/established/);
  });

  it("log forwarding only where the unit names an endpoint", () => {
    expect(
      settingsOf(debianUnit("lab", { network: { remoteAdminFrom: [] } }), "lab").has("linux.logging.forward"),
    ).toBe(false);
  });

  it("time: the province's time servers in timesyncd's configuration when the inventory names them; hostile names refused", () => {
    const timeSync = (servers?: string[]) => {
      const inv = testInventory([debianUnit("teacher")]);
      if (servers) inv.province = Province.parse({ ...inv.province, timeServers: servers });
      const spec = bundleSpecs(inv, { os: "linux", role: "teacher" })[0];
      return spec?.controls.find((c) => c.control.id === "linux.time.sync")?.settings;
    };
    const path = "/etc/systemd/timesyncd.conf.d/60-attt-servers.conf";
    expect(fileContent(timeSync(["ntp.hungyen.gov.vn", "10.70.0.5"]), path)).toMatch(
      /\n\[Time\]\nNTP=ntp\.hungyen\.gov\.vn 10\.70\.0\.5\n$/,
    );
    expect(() => fileContent(timeSync(), path)).toThrow(/no file setting/);
    for (const hostile of ["ntp.vn\nFallbackNTP=evil", "ntp.vn evil.vn", "-ntp.vn", ""])
      expect(() => timeSync([hostile]), JSON.stringify(hostile)).toThrow(
        /host name or IPv4 address|too_small|>=1/i,
      );
  });

  it("anti-malware: the vendor agent all groups name, else ClamAV", () => {
    const agent = { product: "Bkav Endpoint", licensedUntil: "2027-06-30", service: "bkav-agent" };
    const group = (extra: object) => ({ role: "lab" as const, os: "debian-12" as const, count: 1, ...extra });
    const withAgent = settingsOf(debianUnit("lab", { machines: [group({ antiMalware: agent })] }), "lab");
    expect(withAgent.get("linux.antimalware.scanner")).toEqual([
      { kind: "systemd", unit: "bkav-agent.service", state: "enabled" },
      { kind: "linux-check", check: "unit-active", unit: "bkav-agent.service" },
    ]);
    const mixed = settingsOf(
      debianUnit("lab", { machines: [group({ antiMalware: agent }), group({ os: "ubuntu-22.04" })] }),
      "lab",
    );
    expect(mixed.get("linux.antimalware.scanner")).toContainEqual({
      kind: "package",
      name: "clamav-daemon",
      state: "present",
    });
    // ClamAV is measured: daemon and updater running, a daily scan scheduled, signatures of at most 7 days.
    const clamav = mixed.get("linux.antimalware.scanner");
    for (const unit of ["clamav-daemon.service", "clamav-freshclam.service", "attt-clamscan.timer"])
      expect(clamav).toContainEqual({ kind: "linux-check", check: "unit-active", unit });
    expect(clamav).toContainEqual({ kind: "linux-check", check: "clamav-signatures", maxAgeDays: 7 });
    expect(clamav).toContainEqual(
      expect.objectContaining({ kind: "file", path: "/etc/systemd/system/attt-clamscan.service" }),
    );
    // Classified: no updater (no network), signatures from offline media within 14 days.
    const classified = settingsOf(debianUnit("classified"), "classified").get("linux.antimalware.scanner");
    expect(classified).toContainEqual({ kind: "linux-check", check: "clamav-signatures", maxAgeDays: 14 });
    expect(classified).not.toContainEqual(expect.objectContaining({ unit: "clamav-freshclam.service" }));
    // The same mixed bundle also serves Ubuntu 22.04: SHA512, which every member understands.
    expect(mixed.get("linux.login.defaults")).toContainEqual(
      expect.objectContaining({ key: "ENCRYPT_METHOD", value: "SHA512" }),
    );
  });
});

describe("config values from the inventory", () => {
  it("are re-derived, never copied", () => {
    expect(ipv4Cidr("10.70.40.0/24")).toBe("10.70.40.0/24");
    expect(ipv4Cidr("010.1.2.3/8")).toBe("10.1.2.3/8");
    for (const bad of ["10.0.0.0/33", "256.0.0.1/8", "10.0.0.0/8 }", "10.0.0.0/8\n", "::/0"])
      expect(() => ipv4Cidr(bad)).toThrow(ConfigValueError);
    expect(hostPort("soc.example.vn:6514")).toEqual({ host: "soc.example.vn", port: 6514 });
    for (const bad of ['x" port="1', "host:0", "host:99999", ":514", "a b:1"])
      expect(() => hostPort(bad)).toThrow(ConfigValueError);
  });
});

describe("the Linux emitter", () => {
  it("is deterministic: the same inputs give byte-identical files", () => {
    const a = linuxBundle(debianUnit("server"), "server").emitted;
    const b = linuxBundle(debianUnit("server"), "server").emitted;
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [k, v] of a.files) expect(b.files.get(k), k).toEqual(v);
    expect([...a.executables].sort()).toEqual(["apply.sh", "attt.sh", "audit.sh", "undo.sh"]);
  });

  it("writes a README in Vietnamese first, then English, where inventory text stays one escaped line", () => {
    const { emitted } = linuxBundle(debianUnit("lab"), "lab", (u) => {
      u.name = "Trường *THPT*\n# injected heading";
    });
    const readme = fileText(emitted, "README.md");
    expect(readme.indexOf("# Bộ cấu hình an toàn Linux")).toBe(0);
    expect(readme.indexOf("# Linux hardening bundle")).toBeGreaterThan(readme.indexOf("## Cách dùng"));
    expect(readme).toContain("Đơn vị: Trường \\*THPT\\* \\# injected heading (");
    expect(readme).not.toMatch(/^# injected/m);
  });

  it("README: evidence named per machine, as audit.sh names it; exit codes 0, 1 and 2 as the runtime exits", () => {
    const readme = fileText(linuxBundle(debianUnit("lab"), "lab").emitted, "README.md");
    // Every machine writing evidence.json would overwrite each other's once collected.
    expect(readme).not.toMatch(/--out evidence\.json/);
    expect(readme.match(/`sudo bash audit\.sh --out "evidence-\$\(uname -n\)\.json"`/g)).toHaveLength(2);
    // bash, not ./: a zip unpacked without execute bits still runs.
    expect(readme.match(/`sudo bash apply\.sh`/g)).toHaveLength(2);
    expect(readme).not.toMatch(/sudo \.\//);
    // Exit codes the README states are the runtime's: die is exit 2, and audit dies on a wrong OS.
    const common = readFileSync(join(packageRoot, "templates", "linux", "runtime-common.sh"), "utf8");
    const audit = readFileSync(join(packageRoot, "templates", "linux", "runtime-audit.sh"), "utf8");
    expect(common).toMatch(/^die\(\) \{\n[^}]*\n {2}exit 2\n\}/m);
    expect(audit).toMatch(/OS_MATCHED" != yes[^\n]*\n\s+die "sai hệ điều hành[^\n]*\\\n\s+"wrong OS/);
    expect(audit).toContain('[ "$ALL_PASS" = yes ] || exit 1');
    expect(readme).toContain("Mã thoát 0 khi mọi yêu cầu đạt, 1 khi có yêu cầu chưa đạt, 2 khi từ chối chạy");
    expect(readme).toContain(
      "Exit code 0 when every control passes, 1 when some fail, 2 when it refuses to run",
    );
  });

  it("README says plainly whether this bundle switches SSH off, one word for evidence, severity in Vietnamese; --help exits 0", () => {
    const lab = linuxBundle(
      debianUnit("lab", { network: { remoteAdminFrom: [], logTo: "soc.example.vn:6514" } }),
      "lab",
    );
    const withAdmin = linuxBundle(debianUnit("lab"), "lab");
    const off = (b: typeof lab) =>
      b.spec.controls.some((c) => c.settings.some((x) => x.kind === "systemd" && x.unit === "ssh.service"));
    expect(off(lab)).toBe(true);
    expect(off(withAdmin)).toBe(false);
    expect(fileText(lab.emitted, "README.md")).toContain(
      "**Gói này tắt dịch vụ SSH trên máy** (ssh.service)",
    );
    expect(fileText(lab.emitted, "README.md")).toContain("**This bundle switches the SSH service off**");
    expect(fileText(withAdmin.emitted, "README.md")).toContain(
      "Gói này giữ SSH nhưng chỉ cho phép đăng nhập",
    );
    const readme = fileText(lab.emitted, "README.md");
    expect(readme).not.toContain("bằng chứng");
    expect(readme).toMatch(/\| (thấp|trung bình|cao|nghiêm trọng) \/ (low|medium|high|critical) \|/);
    expect(readme).not.toMatch(/\| (low|medium|high|critical) \|/);
    // Sentences the English part has, the Vietnamese has too.
    for (const vi of ["không bao giờ bị ghi đè", "chỉ tạo lại cấu hình PAM", "thư mục `files/`"])
      expect(readme.slice(0, readme.indexOf("# Linux hardening bundle")), vi).toContain(vi);
    // apply.sh --help: this script's name, every option's text whole, exit 0 (2 for a wrong option).
    const dir = mkdtempSync(join(tmpdir(), "attt-usage-"));
    for (const [rel, content] of lab.emitted.files) {
      mkdirSync(join(dir, rel, ".."), { recursive: true });
      writeFileSync(join(dir, rel), content);
    }
    const help = spawnSync("bash", ["apply.sh", "--help"], { cwd: dir, encoding: "utf8" });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain("cách dùng / usage: bash apply.sh ");
    expect(help.stdout).toContain("the CA certificate that signed the collection service's certificate");
    expect(help.stdout).not.toContain("bằng chứng");
    const wrong = spawnSync("bash", ["audit.sh", "--nope"], { cwd: dir, encoding: "utf8" });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("cách dùng / usage: bash audit.sh ");
  });

  it("finds the modules a pam-auth-update profile adds", () => {
    const profile =
      "Name: x\nDefault: yes\nAuth-Type: Primary\nAuth:\n\t[default=die] pam_faillock.so authfail\nAccount-Type: Primary\nAccount:\n\trequired pam_faillock.so\n";
    expect(pamProfileModules(profile)).toEqual([
      { type: "auth", module: "pam_faillock.so" },
      { type: "account", module: "pam_faillock.so" },
    ]);
  });
});
