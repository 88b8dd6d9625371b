/**
 * rsyslog for the log-forwarding tests: the generated drop-in is included, as
 * /etc/rsyslog.d/*.conf would be, into Debian's stock rsyslog.conf (work directory moved
 * to a temporary one), then validated with `rsyslogd -N1`. With `-d`, rsyslogd prints
 * how it parsed every object: its type, each parameter's value after unescaping, and
 * one "processes this action" line per action. That is the structure a test compares.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toolPath } from "./vendor-tools.js";

export const RSYSLOGD = toolPath("rsyslogd");
export const GTLS_DRIVER = [
  "/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so",
  "/usr/lib/rsyslog/lmnsd_gtls.so",
].find((p) => existsSync(p));

const MINIMAL_MASTER =
  'module(load="imuxsock")\n$WorkDirectory /var/spool/rsyslog\n$IncludeConfig /etc/rsyslog.d/*.conf\n';

/** Debian's rsyslog.conf with the drop-in in place of /etc/rsyslog.d/*.conf and a private work directory. */
function masterConfig(dir: string, dropIn: string): string {
  const stock = existsSync("/etc/rsyslog.conf") ? readFileSync("/etc/rsyslog.conf", "utf8") : MINIMAL_MASTER;
  return stock
    .replace(/^\$WorkDirectory .*$/m, `$WorkDirectory ${dir}`)
    .replace(/^\$IncludeConfig .*$/m, `$IncludeConfig ${dropIn}`);
}

export interface RsyslogObject {
  kind: string;
  params: Record<string, string>;
}

export interface RsyslogCheck {
  ok: boolean;
  output: string;
  /** Objects (module, input, ruleset ...) in the order rsyslogd parsed them, with their parameters. */
  objects: RsyslogObject[];
  /** Output modules of the actions, in order ("omfwd", "omfile" ...). */
  actions: string[];
  /** Parameters of the omfwd actions as rsyslogd stored them (lower-case names). */
  forwardParams: Array<Record<string, string>>;
}

export function rsyslogCheck(dir: string, dropIn: string): RsyslogCheck {
  const dropInFile = join(dir, "60-attt-forward-to-soc.conf");
  const master = join(dir, "rsyslog.conf");
  writeFileSync(dropInFile, dropIn);
  writeFileSync(master, masterConfig(dir, dropInFile));
  const plain = spawnSync(RSYSLOGD as string, ["-N1", "-f", master], { encoding: "utf8" });
  const debug = spawnSync(RSYSLOGD as string, ["-d", "-n", "-N1", "-f", master], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    ok: plain.status === 0,
    output: `${plain.stdout}${plain.stderr}`,
    ...parseDebug(`${debug.stdout}${debug.stderr}`),
  };
}

/** Reads the parts of rsyslogd's debug output that describe the parsed configuration. */
function parseDebug(text: string): Omit<RsyslogCheck, "ok" | "output"> {
  const objects: RsyslogObject[] = [];
  const actions: string[] = [];
  const forwardParams: Array<Record<string, string>> = [];
  let inForwardBlock: Record<string, string> | undefined;
  for (const line of text.split("\n")) {
    const obj = /cnf:global:obj: obj: '([^']*)'$/.exec(line);
    if (obj?.[1]) {
      objects.push({ kind: obj[1], params: {} });
      continue;
    }
    // "\tname: 'tag', value 'the value'": a parameter as written, after unescaping.
    const param = /\tname: '([^']*)', value '(.*)'$/.exec(line);
    if (param?.[1] && param[2] !== undefined && objects.length > 0) {
      (objects[objects.length - 1] as RsyslogObject).params[param[1]] = param[2];
      continue;
    }
    const action = /Module builtin:(\w+) processes this action\.$|Module (\w+) processes this action\.$/.exec(
      line,
    );
    if (action) {
      actions.push((action[1] ?? action[2]) as string);
      continue;
    }
    if (/omfwd\.c: action param blk in omfwd:$/.test(line)) {
      inForwardBlock = {};
      forwardParams.push(inForwardBlock);
      continue;
    }
    // "rainerscript.c: target:  'soc.hungyen.gov.vn'" (a string) or "streamdrivermode: 1" (a number)
    // inside omfwd's parameter block.
    const set = /rainerscript\.c: ([\w.]+): (?: '(.*)'|(-?\d+))$/.exec(line);
    if (inForwardBlock && set?.[1]) inForwardBlock[set[1]] = (set[2] ?? set[3]) as string;
    else if (inForwardBlock && !/rainerscript\.c: [\w.]+: \(unset\)$/.test(line)) inForwardBlock = undefined;
  }
  return { objects, actions, forwardParams };
}

/** A running rsyslogd (foreground, own pid file); `stop` waits for it to exit and save its queues. */
export interface RunningRsyslog {
  stop: () => Promise<void>;
  output: () => string;
}

export async function startRsyslogd(configFile: string, pidFile: string): Promise<RunningRsyslog> {
  const { spawn } = await import("node:child_process");
  const child = spawn(RSYSLOGD as string, ["-n", "-f", configFile, "-i", pidFile], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Give it time to load its modules and open its inputs before the test writes anything.
  await new Promise((r) => setTimeout(r, 1000));
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      // rsyslogd saves its queues before exiting; a stuck one must not outlive the test.
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A syslog-over-TLS receiver standing in for the provincial SOC: writes what it receives to `received`. */
export function socReceiverConfig(
  dir: string,
  port: number,
  cert: { cert: string; key: string },
  received: string,
): string {
  return [
    `global(workDirectory="${dir}" DefaultNetstreamDriverCAFile="${cert.cert}"`,
    `       DefaultNetstreamDriverCertFile="${cert.cert}" DefaultNetstreamDriverKeyFile="${cert.key}")`,
    'module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.Authmode="anon")',
    `input(type="imtcp" port="${port}")`,
    `action(type="omfile" file="${received}")`,
    "",
  ].join("\n");
}
