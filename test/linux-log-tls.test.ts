/**
 * Log forwarding over TLS, for real: the bundle is applied to the Debian 12 root, the
 * root's own rsyslogd (with the bundle's forward configuration, included as is) sends
 * to a real rsyslogd listening with TLS only on port 6514, both in a network namespace
 * of their own. The SOC's certificate, made here by openssl, is signed by the CA the
 * inventory names (network.logCa): the message arrives. An impostor whose certificate
 * names the same host but is signed by another CA gets nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debianUnit, fileText, linuxBundle, writeBundle } from "./helpers/linux-bundles.js";
import { rootTestsUnavailable, run, type ScratchRoot, scratchRoot } from "./helpers/linux-root.js";

const hostTool = (name: string) => run("sh", ["-c", `command -v ${name}`]).status === 0;
const unavailable =
  rootTestsUnavailable() ??
  (["rsyslogd", "openssl", "ip", "logger"].every(hostTool)
    ? run("sh", ["-c", "ls /usr/lib/*/rsyslog/lmnsd_gtls.so"]).status === 0
      ? undefined
      : "needs rsyslog-gnutls on the host"
    : "needs rsyslogd, openssl, ip and logger on the host");
if (unavailable) console.warn(`linux-log-tls tests skipped: ${unavailable}`);

const SOC = "soc.example.vn";

/** A CA and a server certificate for the SOC's name signed by it, in dir/<name>-*. */
function makePki(dir: string, name: string): { ca: string; cert: string; key: string } {
  const ca = join(dir, `${name}-ca.pem`);
  const caKey = join(dir, `${name}-ca.key`);
  const key = join(dir, `${name}-server.key`);
  const csr = join(dir, `${name}-server.csr`);
  const cert = join(dir, `${name}-server.pem`);
  const ext = join(dir, `${name}-ext.cnf`);
  writeFileSync(ext, `subjectAltName=DNS:${SOC}\nextendedKeyUsage=serverAuth\n`);
  const steps = [
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      caKey,
      "-out",
      ca,
      "-days",
      "2",
      "-subj",
      `/CN=${name} test CA`,
    ],
    ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", `/CN=${SOC}`],
    [
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      ca,
      "-CAkey",
      caKey,
      "-CAcreateserial",
      "-out",
      cert,
      "-days",
      "2",
      "-extfile",
      ext,
    ],
  ];
  for (const args of steps) {
    const r = run("openssl", args);
    if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
  }
  return { ca, cert, key };
}

describe.skipIf(unavailable !== undefined)("log forwarding over TLS to a real rsyslog", () => {
  const work = mkdtempSync(join(tmpdir(), "attt-logtls-"));
  const ns = `attt-logtls-${process.pid}`;
  let scratch: ScratchRoot;
  let soc: { ca: string; cert: string; key: string };
  let impostor: { ca: string; cert: string; key: string };
  let receiver: ChildProcess | undefined;
  let sender: ChildProcess | undefined;
  let received = "";
  let conf = "";

  /** A TLS-only syslog receiver on port 6514 inside the namespace, writing what it gets to `out`. */
  const startReceiver = (pki: { ca: string; cert: string; key: string }, out: string): ChildProcess => {
    const dir = mkdtempSync(join(work, "receiver-"));
    const confFile = join(dir, "rsyslog.conf");
    writeFileSync(
      confFile,
      [
        `global(workDirectory="${dir}" DefaultNetstreamDriver="gtls"`,
        `  DefaultNetstreamDriverCAFile="${pki.ca}" DefaultNetstreamDriverCertFile="${pki.cert}"`,
        `  DefaultNetstreamDriverKeyFile="${pki.key}")`,
        'module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")',
        'input(type="imtcp" port="6514")',
        `*.* action(type="omfile" file="${out}")`,
        "",
      ].join("\n"),
    );
    return spawn("ip", ["netns", "exec", ns, "rsyslogd", "-n", "-f", confFile, "-i", join(dir, "pid")], {
      stdio: "ignore",
    });
  };

  const stop = async (p: ChildProcess | undefined) => {
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((resolve) => p.once("exit", resolve));
    p.kill("SIGTERM");
    await exited;
  };

  /** Sends one message through the root's rsyslogd; resolves with the receiver's file after `ms`, or when it holds the text. */
  const sendAndWait = async (text: string, out: string, ms: number): Promise<string> => {
    const sock = join(scratch.root, "run/attt-probe.sock");
    for (let i = 0; i < 50 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
    const logged = run("logger", ["-u", sock, "-t", "attt-probe", text]);
    expect(logged.status, logged.stderr).toBe(0);
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (existsSync(out) && readFileSync(out, "utf8").includes(text)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    return existsSync(out) ? readFileSync(out, "utf8") : "";
  };

  beforeAll(async () => {
    soc = makePki(work, "soc");
    impostor = makePki(work, "impostor");
    scratch = scratchRoot();
    const unit = debianUnit("lab", {
      network: {
        remoteAdminFrom: ["10.70.40.0/24"],
        logTo: `${SOC}:6514`,
        logCa: readFileSync(soc.ca, "utf8"),
      },
    });
    const bundle = linuxBundle(unit, "lab");
    conf = fileText(bundle.emitted, "files/etc/rsyslog.d/60-attt-forward.conf");
    const dir = writeBundle(join(work, "bundle"), bundle.emitted);
    const applied = run(join(dir, "apply.sh"), ["--root", scratch.root]);
    expect(applied.status, applied.stderr).toBe(0);
    // The SOC's name resolves to the namespace's loopback, inside the root.
    appendFileSync(join(scratch.root, "etc/hosts"), `127.0.0.1 ${SOC}\n`);
    writeFileSync(
      join(scratch.root, "etc/attt-test-sender.conf"),
      [
        'global(workDirectory="/var/spool/rsyslog")',
        'module(load="imuxsock" SysSock.Use="off")',
        'input(type="imuxsock" Socket="/run/attt-probe.sock")',
        // The bundle's own file, exactly as apply.sh installed it.
        'include(file="/etc/rsyslog.d/60-attt-forward.conf")',
        "",
      ].join("\n"),
    );
    run("ip", ["netns", "add", ns]);
    run("ip", ["-n", ns, "link", "set", "lo", "up"]);
    received = join(work, "received.log");
    receiver = startReceiver(soc, received);
    await new Promise((r) => setTimeout(r, 1500));
    const script =
      'mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" && exec chroot "$1" rsyslogd -n -f /etc/attt-test-sender.conf -i /run/attt-sender.pid';
    sender = spawn(
      "ip",
      [
        "netns",
        "exec",
        ns,
        "unshare",
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        script,
        "sh",
        scratch.root,
      ],
      { stdio: "ignore" },
    );
  });

  afterAll(async () => {
    await stop(sender);
    await stop(receiver);
    run("ip", ["netns", "del", ns]);
    scratch?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it("the forward configuration speaks TLS, checks the SOC's name and trusts the SOC's CA", () => {
    expect(conf).toMatch(/StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509\/name"/);
    expect(conf).toContain(`StreamDriverPermittedPeers="${SOC}"`);
    expect(conf).toContain('StreamDriver.CAFile="/etc/ssl/attt/soc-ca.pem"');
    expect(readFileSync(join(scratch.root, "etc/ssl/attt/soc-ca.pem"), "utf8")).toBe(
      readFileSync(soc.ca, "utf8"),
    );
  });

  it("a message logged on the machine reaches the SOC's TLS-only listener", async () => {
    const text = `attt-tls-probe-${Date.now()}`;
    const got = await sendAndWait(text, received, 30_000);
    expect(got).toContain(text);
  });

  it("an impostor with a certificate for the same name from another CA receives nothing", async () => {
    await stop(receiver);
    const stolen = join(work, "impostor.log");
    receiver = startReceiver(impostor, stolen);
    await new Promise((r) => setTimeout(r, 1500));
    const text = `attt-tls-secret-${Date.now()}`;
    const got = await sendAndWait(text, stolen, 8_000);
    expect(got).not.toContain(text);
  });
});
