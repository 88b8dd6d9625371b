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
import { connects, countAtEnd, loadRules, must, nsSh } from "./helpers/netns.js";

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

/** Two namespaces joined by a veth pair, torn down at the end. */
function network(tag: string) {
  const machine = `attt-m-${tag}-${RUN}`;
  const internet = `attt-i-${tag}-${RUN}`;
  const vm = `vm-${tag}-${RUN}`;
  const vi = `vi-${tag}-${RUN}`;
  const up = () => {
    // `ip netns add` fails on a name that exists: never borrow another run's namespace.
    for (const ns of [machine, internet]) must(run("ip", ["netns", "add", ns]), `ip netns add ${ns}`);
    must(
      run("ip", ["link", "add", vm, "netns", machine, "type", "veth", "peer", "name", vi, "netns", internet]),
      "veth pair",
    );
    must(
      nsSh(machine, `ip link set lo up && ip addr add ${MACHINE_IP}/24 dev ${vm} && ip link set ${vm} up`),
      "machine addresses",
    );
    must(
      nsSh(
        internet,
        `ip link set lo up && ip addr add ${ADMIN_IP}/24 dev ${vi} && ip addr add ${OTHER_IP}/24 dev ${vi} && ip link set ${vi} up`,
      ),
      "internet addresses",
    );
  };
  const down = () => {
    for (const ns of [machine, internet]) run("ip", ["netns", "del", ns]);
  };
  return {
    machine,
    internet,
    up,
    down,
    countAtEnd: (table: string, chain: string, match: string) => countAtEnd(machine, table, chain, match),
  };
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
      expect(connects(net.machine, net.internet, ADMIN_IP, 8080)).toBe(true);
      expect(connects(net.internet, net.machine, MACHINE_IP, 8081)).toBe(true);
      expect(nsSh(net.machine, `ping -c 1 -W 1 ${ADMIN_IP}`).status).toBe(0);

      const loaded = loadRules(net.machine, rules);
      expect(loaded.status, loaded.stderr).toBe(0);
      const out = net.countAtEnd("attt_isolate", "output", "tcp dport 8080");
      const inbound = net.countAtEnd("attt_isolate", "input", "tcp dport 8081");
      const ping = net.countAtEnd("attt_isolate", "output", "icmp type echo-request");

      expect(connects(net.machine, net.internet, ADMIN_IP, 8080)).toBe(false); // out
      expect(out(), "the connection out met the output chain's drop").toBeGreaterThan(0);
      expect(connects(net.internet, net.machine, MACHINE_IP, 8081)).toBe(false); // in
      expect(inbound(), "the connection in met the input chain's drop").toBeGreaterThan(0);
      expect(connects(net.machine, net.machine, "127.0.0.1", 8082)).toBe(true); // loopback
      expect(nsSh(net.machine, `ping -c 1 -W 1 ${ADMIN_IP}`).status).not.toBe(0);
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
      expect(connects(net.internet, net.machine, MACHINE_IP, 22, ADMIN_IP)).toBe(true);
      expect(connects(net.internet, net.machine, MACHINE_IP, 22, OTHER_IP)).toBe(true);
      expect(connects(net.internet, net.machine, MACHINE_IP, 8443, ADMIN_IP)).toBe(true);

      const loaded = loadRules(net.machine, rules);
      expect(loaded.status, loaded.stderr).toBe(0);
      const sshAdmin = net.countAtEnd("attt_filter", "input", `ip saddr ${ADMIN_IP} tcp dport 22`);
      const sshOther = net.countAtEnd("attt_filter", "input", `ip saddr ${OTHER_IP} tcp dport 22`);
      const https = net.countAtEnd("attt_filter", "input", "tcp dport 8443");

      expect(connects(net.internet, net.machine, MACHINE_IP, 22, ADMIN_IP)).toBe(true);
      expect(sshAdmin(), "SSH from the admin network is accepted before the chain's end").toBe(0);
      expect(connects(net.internet, net.machine, MACHINE_IP, 22, OTHER_IP)).toBe(false);
      expect(sshOther(), "SSH from elsewhere met the input chain's drop").toBeGreaterThan(0);
      expect(connects(net.internet, net.machine, MACHINE_IP, 8443, ADMIN_IP)).toBe(false);
      expect(https(), "port 8443 met the input chain's drop").toBeGreaterThan(0);
      // Outbound and its replies (established) pass.
      expect(connects(net.machine, net.internet, OTHER_IP, 8080)).toBe(true);
      expect(connects(net.machine, net.machine, "127.0.0.1", 8082)).toBe(true);
      expect(nsSh(net.internet, `ping -c 1 -W 1 ${MACHINE_IP}`).status).toBe(0);
    });
  });
});
