/**
 * The generated nftables rules, loaded into a network namespace ("the machine")
 * joined by a veth pair to a second namespace ("the Internet"): real TCP connections
 * (nc) before and after the rules load. Addresses are the documentation range
 * 192.0.2.0/24 and only ever exist inside these two namespaces, whose names carry a
 * per-run suffix so that two runs on one machine never share them.
 *
 * A refused connection proves nothing by itself (a listener not yet up refuses too), so
 * every connection first waits for its listener (ss -ltn in the namespace), every port
 * is shown to connect before the rules load, and every block is shown to be the rules'
 * doing: a counting rule appended to the chain counts the flow's packets reaching the
 * chain's end, where its drop policy applies.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debianUnit, fileText, linuxBundle } from "./helpers/linux-bundles.js";
import { rootTestsUnavailable, run } from "./helpers/linux-root.js";

const unavailable =
  rootTestsUnavailable() ??
  (run("which", ["nc", "nft", "ip", "ping", "ss"]).status !== 0
    ? "needs nc, nft, ip, ping and ss (linux-prepare.sh installs them)"
    : undefined);
if (unavailable) console.warn(`linux-nftables-netns tests skipped: ${unavailable}`);

const MACHINE_IP = "192.0.2.10";
const ADMIN_IP = "192.0.2.20"; // inside remoteAdminFrom 192.0.2.16/28
const OTHER_IP = "192.0.2.40"; // outside it

/** This run's suffix for namespace and interface names (interface names: 15 characters at most). */
const RUN = randomBytes(3).toString("hex");

/** Loads an nftables file into a namespace, the way nftables.service would (nft -f). */
const load = (ns: string, rules: string) =>
  run("sh", ["-c", `ip netns exec ${ns} nft -f /dev/stdin <<'EOF'\n${rules}EOF`]);

/** Two namespaces joined by a veth pair, torn down at the end. */
function network(tag: string) {
  const machine = `attt-m-${tag}-${RUN}`;
  const internet = `attt-i-${tag}-${RUN}`;
  const vm = `vm-${tag}-${RUN}`;
  const vi = `vi-${tag}-${RUN}`;
  const sh = (ns: string, cmd: string, timeout = 15_000) =>
    run("ip", ["netns", "exec", ns, "sh", "-c", cmd], { timeout });
  const must = (r: { status: number; stderr: string }, what: string) => {
    if (r.status !== 0) throw new Error(`${what}: ${r.stderr}`);
  };
  const up = () => {
    // `ip netns add` fails on a name that exists: never borrow another run's namespace.
    for (const ns of [machine, internet]) must(run("ip", ["netns", "add", ns]), `ip netns add ${ns}`);
    must(
      run("ip", ["link", "add", vm, "netns", machine, "type", "veth", "peer", "name", vi, "netns", internet]),
      "veth pair",
    );
    must(
      sh(machine, `ip link set lo up && ip addr add ${MACHINE_IP}/24 dev ${vm} && ip link set ${vm} up`),
      "machine addresses",
    );
    must(
      sh(
        internet,
        `ip link set lo up && ip addr add ${ADMIN_IP}/24 dev ${vi} && ip addr add ${OTHER_IP}/24 dev ${vi} && ip link set ${vi} up`,
      ),
      "internet addresses",
    );
  };
  const down = () => {
    for (const ns of [machine, internet]) run("ip", ["netns", "del", ns]);
  };
  /**
   * One TCP connection from namespace `from` to ip:port, where `to` listens: true when
   * the listener received the message. The client starts only once the listener shows
   * in `ss -ltn`; a listener that never comes up throws rather than reading as a block.
   * Bounded: the client gives up after 2 s, and the listener is then stopped.
   */
  const connects = (from: string, to: string, ip: string, port: number, source?: string): boolean => {
    const token = `hello-${Math.random().toString(36).slice(2)}`;
    const src = source ? `-s ${source}` : "";
    const r = sh(
      to,
      `F=$(mktemp); timeout 10 nc -l -N ${ip} ${port} > "$F" & L=$!; ` +
        `n=0; until ss -Hltn "src ${ip} and sport = :${port}" | grep -q .; do ` +
        `n=$((n+1)); if [ $n -gt 100 ]; then echo NO-LISTENER; kill $L; rm -f "$F"; exit 0; fi; sleep 0.05; done; ` +
        `ip netns exec ${from} sh -c "printf ${token} | timeout 3 nc -N -w 2 ${src} ${ip} ${port}" || kill $L 2>/dev/null; ` +
        `wait $L; cat "$F"; rm -f "$F"`,
    );
    if (r.stdout.includes("NO-LISTENER")) throw new Error(`nc never listened on ${ip}:${port} in ${to}`);
    return r.stdout.includes(token);
  };
  /**
   * Appends a rule that only counts (no verdict) to a chain of the loaded rules: a packet
   * of `match` that reaches it met no accept before it and meets the chain's drop policy
   * after it. Returns a reader of its packet count.
   */
  const countAtEnd = (table: string, chain: string, match: string): (() => number) => {
    const tag = `attt-test-${Math.random().toString(36).slice(2, 10)}`;
    must(
      run("ip", [
        "netns",
        "exec",
        machine,
        "nft",
        "add",
        "rule",
        "inet",
        table,
        chain,
        ...match.split(" "),
        "counter",
        "comment",
        `"${tag}"`,
      ]),
      `count ${match}`,
    );
    return () => {
      const listed = run("ip", ["netns", "exec", machine, "nft", "list", "chain", "inet", table, chain]);
      const m = new RegExp(`counter packets (\\d+) bytes \\d+ comment "${tag}"`).exec(listed.stdout);
      if (!m) throw new Error(`no counter ${tag} in:\n${listed.stdout}`);
      return Number(m[1]);
    };
  };
  return { machine, internet, up, down, sh, connects, countAtEnd };
}

describe.skipIf(unavailable !== undefined)("nftables rules in network namespaces", () => {
  describe("classified: nothing but loopback, in or out", () => {
    const net = network("cls");
    const rules = fileText(
      linuxBundle(debianUnit("classified"), "classified").emitted,
      "files/etc/nftables.conf",
    );
    beforeAll(net.up);
    afterAll(net.down);

    it("a connection to the Internet works before the rules load and fails after; loopback keeps working", () => {
      expect(net.connects(net.machine, net.internet, ADMIN_IP, 8080)).toBe(true);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 8081)).toBe(true);
      expect(net.sh(net.machine, `ping -c 1 -W 1 ${ADMIN_IP}`).status).toBe(0);

      const loaded = load(net.machine, rules);
      expect(loaded.status, loaded.stderr).toBe(0);
      const out = net.countAtEnd("attt_isolate", "output", "tcp dport 8080");
      const inbound = net.countAtEnd("attt_isolate", "input", "tcp dport 8081");
      const ping = net.countAtEnd("attt_isolate", "output", "icmp type echo-request");

      expect(net.connects(net.machine, net.internet, ADMIN_IP, 8080)).toBe(false); // out
      expect(out(), "the connection out met the output chain's drop").toBeGreaterThan(0);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 8081)).toBe(false); // in
      expect(inbound(), "the connection in met the input chain's drop").toBeGreaterThan(0);
      expect(net.connects(net.machine, net.machine, "127.0.0.1", 8082)).toBe(true); // loopback
      expect(net.sh(net.machine, `ping -c 1 -W 1 ${ADMIN_IP}`).status).not.toBe(0);
      expect(ping(), "the ping met the output chain's drop").toBeGreaterThan(0);
    });
  });

  describe("office: default-deny inbound, SSH only from remoteAdminFrom", () => {
    const net = network("off");
    const unit = debianUnit("office", { network: { remoteAdminFrom: ["192.0.2.16/28"] } });
    const rules = fileText(linuxBundle(unit, "office").emitted, "files/etc/nftables.conf");
    beforeAll(net.up);
    afterAll(net.down);

    it("lets SSH in from the admin network only, nothing else in, everything out", () => {
      // Before the rules: every one of these connections works.
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 22, ADMIN_IP)).toBe(true);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 22, OTHER_IP)).toBe(true);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 8443, ADMIN_IP)).toBe(true);

      const loaded = load(net.machine, rules);
      expect(loaded.status, loaded.stderr).toBe(0);
      const sshAdmin = net.countAtEnd("attt_filter", "input", `ip saddr ${ADMIN_IP} tcp dport 22`);
      const sshOther = net.countAtEnd("attt_filter", "input", `ip saddr ${OTHER_IP} tcp dport 22`);
      const https = net.countAtEnd("attt_filter", "input", "tcp dport 8443");

      expect(net.connects(net.internet, net.machine, MACHINE_IP, 22, ADMIN_IP)).toBe(true);
      expect(sshAdmin(), "SSH from the admin network is accepted before the chain's end").toBe(0);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 22, OTHER_IP)).toBe(false);
      expect(sshOther(), "SSH from elsewhere met the input chain's drop").toBeGreaterThan(0);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 8443, ADMIN_IP)).toBe(false);
      expect(https(), "port 8443 met the input chain's drop").toBeGreaterThan(0);
      // Outbound and its replies (established) pass.
      expect(net.connects(net.machine, net.internet, OTHER_IP, 8080)).toBe(true);
      expect(net.connects(net.machine, net.machine, "127.0.0.1", 8082)).toBe(true);
      expect(net.sh(net.internet, `ping -c 1 -W 1 ${MACHINE_IP}`).status).toBe(0);
    });
  });
});
