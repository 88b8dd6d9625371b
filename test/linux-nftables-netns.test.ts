/**
 * The generated nftables rules, loaded into a network namespace ("the machine")
 * joined by a veth pair to a second namespace ("the Internet"): real TCP connections
 * (nc) before and after the rules load. Addresses are the documentation range
 * 192.0.2.0/24 and only ever exist inside these two namespaces.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { debianUnit, fileText, linuxBundle } from "./helpers/linux-bundles.js";
import { rootTestsUnavailable, run } from "./helpers/linux-root.js";

const unavailable =
  rootTestsUnavailable() ??
  (run("which", ["nc", "nft", "ip", "ping"]).status !== 0
    ? "needs nc, nft, ip and ping (linux-prepare.sh installs them)"
    : undefined);
if (unavailable) console.warn(`linux-nftables-netns tests skipped: ${unavailable}`);

const MACHINE_IP = "192.0.2.10";
const ADMIN_IP = "192.0.2.20"; // inside remoteAdminFrom 192.0.2.16/28
const OTHER_IP = "192.0.2.40"; // outside it

/** Loads an nftables file into a namespace, the way nftables.service would (nft -f). */
const load = (ns: string, rules: string) =>
  run("sh", ["-c", `ip netns exec ${ns} nft -f /dev/stdin <<'EOF'\n${rules}EOF`]);

/** Two namespaces joined by a veth pair, torn down at the end. */
function network(tag: string) {
  const machine = `attt-m-${tag}`;
  const internet = `attt-i-${tag}`;
  const sh = (ns: string, cmd: string, timeout = 10_000) =>
    run("ip", ["netns", "exec", ns, "sh", "-c", cmd], { timeout });
  const up = () => {
    for (const ns of [machine, internet]) run("ip", ["netns", "add", ns]);
    run("ip", [
      "link",
      "add",
      `vm-${tag}`,
      "netns",
      machine,
      "type",
      "veth",
      "peer",
      "name",
      `vi-${tag}`,
      "netns",
      internet,
    ]);
    sh(
      machine,
      `ip link set lo up && ip addr add ${MACHINE_IP}/24 dev vm-${tag} && ip link set vm-${tag} up`,
    );
    sh(
      internet,
      `ip link set lo up && ip addr add ${ADMIN_IP}/24 dev vi-${tag} && ip addr add ${OTHER_IP}/24 dev vi-${tag} && ip link set vi-${tag} up`,
    );
  };
  const down = () => {
    for (const ns of [machine, internet]) run("ip", ["netns", "del", ns]);
  };
  /**
   * One TCP connection from namespace `from` to ip:port, where `to` listens: true when
   * the listener received the message. Bounded: nc gives up after 2 s.
   */
  const connects = (from: string, to: string, ip: string, port: number, source?: string): boolean => {
    const token = `hello-${Math.random().toString(36).slice(2)}`;
    const src = source ? `-s ${source}` : "";
    const r = sh(
      to,
      `timeout 4 nc -l -N ${ip} ${port} > /tmp/attt-nc-$$ & L=$!; sleep 0.3; ` +
        `ip netns exec ${from} sh -c "printf ${token} | timeout 3 nc -N -w 2 ${src} ${ip} ${port}"; ` +
        `wait $L; cat /tmp/attt-nc-$$; rm -f /tmp/attt-nc-$$`,
    );
    return r.stdout.includes(token);
  };
  return { machine, internet, up, down, sh, connects };
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

      const loaded = load(net.machine, rules);
      expect(loaded.status, loaded.stderr).toBe(0);

      expect(net.connects(net.machine, net.internet, ADMIN_IP, 8080)).toBe(false); // out
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 8081)).toBe(false); // in
      expect(net.connects(net.machine, net.machine, "127.0.0.1", 8082)).toBe(true); // loopback
      const ping = net.sh(net.machine, `ping -c 1 -W 1 ${ADMIN_IP}`);
      expect(ping.status).not.toBe(0);
    });
  });

  describe("office: default-deny inbound, SSH only from remoteAdminFrom", () => {
    const net = network("off");
    const unit = debianUnit("office", { network: { remoteAdminFrom: ["192.0.2.16/28"] } });
    const rules = fileText(linuxBundle(unit, "office").emitted, "files/etc/nftables.conf");
    beforeAll(net.up);
    afterAll(net.down);

    it("lets SSH in from the admin network only, nothing else in, everything out", () => {
      const loaded = load(net.machine, rules);
      expect(loaded.status, loaded.stderr).toBe(0);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 22, ADMIN_IP)).toBe(true);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 22, OTHER_IP)).toBe(false);
      expect(net.connects(net.internet, net.machine, MACHINE_IP, 8443, ADMIN_IP)).toBe(false);
      // Outbound and its replies (established) pass.
      expect(net.connects(net.machine, net.internet, OTHER_IP, 8080)).toBe(true);
      expect(net.connects(net.machine, net.machine, "127.0.0.1", 8082)).toBe(true);
      expect(net.sh(net.internet, `ping -c 1 -W 1 ${MACHINE_IP}`).status).toBe(0);
    });
  });
});
