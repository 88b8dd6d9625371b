/**
 * The Docker host's egress rules (config/host/attt-egress.nft), loaded into a network
 * namespace that plays the Docker host: a bridge named as the monitoring zone's Docker
 * bridge, a "container" namespace on it, and an "Internet" namespace behind an uplink,
 * routed (no NAT) so that addresses stay as they are. Real TCP connections (nc) before
 * and after the rules load; each block is shown to be the rules' doing by the counter
 * of the zone's drop rule.
 *
 * Addresses are documentation and benchmark ranges that only exist in these namespaces,
 * whose names carry a per-run suffix.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { swarmInventory } from "../../bench/synthetic-swarm.js";
import type { Inventory } from "../../model/inventory.js";
import { firewallConfig } from "../../stacks/config/firewall.js";
import { planDatacentre } from "../../stacks/datacentre-plan.js";
import { resolveOptions } from "../../stacks/options.js";
import { fixtureInventory } from "../helpers/dc-inventory.js";
import { rootTestsUnavailable, run } from "../helpers/linux-root.js";
import { connects, counterOf, loadRules, must, nsSh } from "../helpers/netns.js";

const unavailable =
  rootTestsUnavailable() ??
  (run("which", ["nc", "nft", "ip", "ss"]).status !== 0
    ? "needs nc, nft, ip and ss (linux-prepare.sh installs them)"
    : undefined);
if (unavailable) console.warn(`host egress tests skipped: ${unavailable}`);

const SOC_IP = "203.0.113.17"; // inside the pinned 203.0.113.16/29
const ELSEWHERE_IP = "203.0.113.100"; // outside it
const SOC_PORT = 6514;
const UPLINK_HOST = "198.18.0.1";
const UPLINK_NET = "198.18.0.2";
const RUN = randomBytes(3).toString("hex");

/** The fixture data centre with both SOCs on one port, pinned to `addresses` or not; on a 3-host swarm when `swarm`. */
function egressFor(
  addresses?: string[],
  swarm = false,
): { rules: string; bridge: string; subnet: string; dropRule: string; managementSubnet: string } {
  const soc = (host: string) => ({ host, port: SOC_PORT, ...(addresses ? { addresses } : {}) });
  const inventory: Inventory = fixtureInventory({
    mutate: (dc) => {
      const monitoring = dc.monitoring as Record<string, Record<string, unknown>>;
      Object.assign(monitoring.provincialSoc as object, soc("soc.example.vn"));
      Object.assign(monitoring.nationalSoc as object, soc("giamsat.example.vn"));
    },
  });
  const plan = planDatacentre(
    swarm ? swarmInventory(inventory, 3) : inventory,
    resolveOptions(inventory.datacentre.id),
  );
  const file = firewallConfig(plan).find((f) => f.path === "host/attt-egress.nft");
  if (!file) throw new Error("no host/attt-egress.nft");
  const managementSubnet = inventory.datacentre.zones.find((z) => z.kind === "management")?.subnet ?? "";
  // On a swarm the zones leave the host by docker_gwbridge, whose addresses are Docker's own
  // (here a benchmark range), and the drop rule exempts no zone.
  return swarm
    ? {
        rules: file.content,
        bridge: "docker_gwbridge",
        subnet: "198.18.7.0/24",
        dropRule: 'iifname "docker_gwbridge" ct state new counter',
        managementSubnet,
      }
    : {
        rules: file.content,
        bridge: plan.monitoringZone.bridge,
        subnet: plan.monitoringZone.addresses.subnet,
        dropRule: `iifname "${plan.monitoringZone.bridge}" ip daddr != @zone_subnets ct state new counter`,
        managementSubnet,
      };
}

/** host <-bridge-> container, host <-uplink-> internet; routed, as on a Docker host. */
function dockerHost(tag: string, bridge: string, subnet: string, elsewhere?: string) {
  const host = `attt-h-${tag}-${RUN}`;
  const container = `attt-c-${tag}-${RUN}`;
  const internet = `attt-n-${tag}-${RUN}`;
  const [network] = subnet.split("/") as [string];
  const gateway = network.replace(/\.0$/, ".1");
  const containerIp = network.replace(/\.0$/, ".10");
  const up = () => {
    for (const ns of [host, container, internet]) must(run("ip", ["netns", "add", ns]), `ip netns add ${ns}`);
    must(nsSh(host, "sysctl -qw net.ipv4.ip_forward=1 && ip link set lo up"), "forwarding");
    must(
      nsSh(
        host,
        `ip link add ${bridge} type bridge && ip addr add ${gateway}/24 dev ${bridge} && ip link set ${bridge} up`,
      ),
      "bridge",
    );
    must(
      run("ip", [
        "link",
        "add",
        `vc-${tag}-${RUN}`,
        "netns",
        container,
        "type",
        "veth",
        "peer",
        "name",
        `vb-${tag}-${RUN}`,
        "netns",
        host,
      ]),
      "container veth",
    );
    must(
      nsSh(host, `ip link set vb-${tag}-${RUN} master ${bridge} && ip link set vb-${tag}-${RUN} up`),
      "bridge port",
    );
    must(
      nsSh(
        container,
        `ip link set lo up && ip addr add ${containerIp}/24 dev vc-${tag}-${RUN} && ip link set vc-${tag}-${RUN} up && ip route add default via ${gateway}`,
      ),
      "container addresses",
    );
    must(
      run("ip", [
        "link",
        "add",
        `vu-${tag}-${RUN}`,
        "netns",
        host,
        "type",
        "veth",
        "peer",
        "name",
        `vn-${tag}-${RUN}`,
        "netns",
        internet,
      ]),
      "uplink veth",
    );
    must(
      nsSh(
        host,
        `ip addr add ${UPLINK_HOST}/30 dev vu-${tag}-${RUN} && ip link set vu-${tag}-${RUN} up && ip route add 203.0.113.0/24 via ${UPLINK_NET}` +
          (elsewhere ? ` && ip route add ${elsewhere}/32 via ${UPLINK_NET}` : ""),
      ),
      "host uplink",
    );
    must(
      nsSh(
        internet,
        `ip link set lo up && ip addr add ${UPLINK_NET}/30 dev vn-${tag}-${RUN} && ip addr add ${SOC_IP}/24 dev vn-${tag}-${RUN} && ` +
          `ip addr add ${ELSEWHERE_IP}/24 dev vn-${tag}-${RUN} && ip link set vn-${tag}-${RUN} up && ip route add ${subnet} via ${UPLINK_HOST}` +
          (elsewhere ? ` && ip addr add ${elsewhere}/32 dev vn-${tag}-${RUN}` : ""),
      ),
      "internet addresses",
    );
  };
  const down = () => {
    for (const ns of [host, container, internet]) run("ip", ["netns", "del", ns]);
  };
  return { host, container, internet, containerIp, up, down };
}

/** Loads the egress rules on the host; returns a reader of the monitoring zone's drop counter. */
function loadEgress(host: string, egress: { rules: string; dropRule: string }): () => number {
  const loaded = loadRules(host, egress.rules);
  expect(loaded.status, loaded.stderr).toBe(0);
  return counterOf(host, "attt_egress", "forward", egress.dropRule);
}

describe.skipIf(unavailable !== undefined)("Docker host egress rules in network namespaces", () => {
  describe("SOC addresses named: the monitoring zone reaches the SOC port at those addresses only", () => {
    const egress = egressFor(["203.0.113.16/29"]);
    const net = dockerHost("pin", egress.bridge, egress.subnet);
    beforeAll(net.up);
    afterAll(net.down);

    it("connects to the SOC, not to the same port elsewhere, nor to another port of the SOC", () => {
      // Before the rules: every one of these connections works.
      expect(connects(net.container, net.internet, SOC_IP, SOC_PORT)).toBe(true);
      expect(connects(net.container, net.internet, ELSEWHERE_IP, SOC_PORT)).toBe(true);
      expect(connects(net.container, net.internet, SOC_IP, 8080)).toBe(true);

      expect(egress.rules).toContain(`ip daddr { 203.0.113.16/29 } tcp dport ${SOC_PORT} accept`);
      const dropped = loadEgress(net.host, egress);

      expect(connects(net.container, net.internet, SOC_IP, SOC_PORT)).toBe(true);
      expect(dropped()).toBe(0);
      expect(connects(net.container, net.internet, ELSEWHERE_IP, SOC_PORT)).toBe(false);
      const afterElsewhere = dropped();
      expect(afterElsewhere, "the SOC port elsewhere met the zone's drop").toBeGreaterThan(0);
      expect(connects(net.container, net.internet, SOC_IP, 8080)).toBe(false);
      expect(dropped(), "another port of the SOC met the zone's drop").toBeGreaterThan(afterElsewhere);
      // Inbound to the zone is not this table's business: the Internet still reaches the container.
      expect(connects(net.internet, net.container, net.containerIp, 9100)).toBe(true);
    });
  });

  describe("SOC addresses not named: the SOC port at any address outside the data centre", () => {
    const egress = egressFor();
    const net = dockerHost("any", egress.bridge, egress.subnet);
    beforeAll(net.up);
    afterAll(net.down);

    it("connects to the SOC port anywhere, and to nothing else", () => {
      const dropped = loadEgress(net.host, egress);
      expect(connects(net.container, net.internet, SOC_IP, SOC_PORT)).toBe(true);
      expect(connects(net.container, net.internet, ELSEWHERE_IP, SOC_PORT)).toBe(true);
      expect(dropped()).toBe(0);
      expect(connects(net.container, net.internet, ELSEWHERE_IP, 8080)).toBe(false);
      expect(dropped(), "another port met the zone's drop").toBeGreaterThan(0);
    });
  });

  describe("on a swarm: docker_gwbridge reaches the SOC port, and no address in a zone's subnet", () => {
    const egress = egressFor(undefined, true);
    // Another host of the data centre whose address lies in the management zone's subnet.
    const hostInZone = egress.managementSubnet.replace(/\.0\/\d+$/, ".12");
    const net = dockerHost("swm", egress.bridge, egress.subnet, hostInZone);
    beforeAll(net.up);
    afterAll(net.down);

    it("drops a new connection to an address inside a zone's subnet (no exemption for the zones)", () => {
      expect(connects(net.container, net.internet, hostInZone, 22)).toBe(true);
      const dropped = loadEgress(net.host, egress);
      expect(connects(net.container, net.internet, SOC_IP, SOC_PORT)).toBe(true);
      expect(dropped()).toBe(0);
      expect(connects(net.container, net.internet, hostInZone, 22)).toBe(false);
      expect(dropped(), "the address in the management zone met the drop").toBeGreaterThan(0);
    });
  });
});
