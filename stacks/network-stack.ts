/**
 * Network stack: one Docker network per zone (internal unless the zone needs a route
 * out) and the zone firewall, the only thing with a leg in every zone, which enforces
 * the inventory's flow matrix with the generated nftables rules (default deny).
 */
import type { Construct } from "constructs";
import { DatacentreStack, type StackContext } from "./base-stack.js";
import type { HardeningException } from "./constructs/exceptions.js";
import { HardenedContainer } from "./constructs/hardened-container.js";
import { ZoneNetwork } from "./constructs/zone.js";
import { PATHS } from "./runtime.js";

function routeOut(internet: string): HardeningException {
  return internet === "none"
    ? {
        setting: "route-out",
        reason:
          "forwards logs and metrics to the provincial and national SOCs; the host egress rules allow only their ports",
        reason_vi:
          "chuyển nhật ký và số liệu giám sát tới SOC của tỉnh và quốc gia; luật đi ra của máy chủ chỉ cho phép các cổng đó",
      }
    : {
        setting: "route-out",
        reason: `the inventory gives the zone internet: ${internet}; the host egress rules allow only the flows toward "internet"`,
        reason_vi: `bản kiểm kê cho vùng này internet: ${internet}; luật đi ra của máy chủ chỉ cho phép các luồng tới "internet"`,
      };
}

export class NetworkStack extends DatacentreStack {
  readonly zones = new Map<string, ZoneNetwork>();

  constructor(scope: Construct, ctx: StackContext) {
    super(scope, "network", ctx);
    const { plan } = this;
    const ownership = this.ownership("zoning");

    for (const z of plan.zones.values()) {
      const reserved = Object.fromEntries(
        [...z.addresses.serviceAddresses].map(([endpoint, ip]) => [`svc-${endpoint}`, ip]),
      );
      const zone = new ZoneNetwork(this, `zone-${z.zone.id}`, {
        datacentre: plan.dc.id,
        zoneId: z.zone.id,
        kind: z.zone.kind,
        networkName: z.network,
        bridgeName: z.bridge,
        subnet: z.addresses.subnet,
        gateway: z.addresses.gateway,
        reserved,
        internal: z.internal,
        ownership,
        exceptions: z.internal ? [] : [routeOut(z.zone.internet)],
        overlay: plan.swarm !== undefined,
      });
      this.zones.set(z.zone.id, zone);
    }

    new HardenedContainer(this, "zone-firewall", {
      name: this.containerName("zone-firewall"),
      image: this.image("firewall"),
      datacentre: plan.dc.id,
      role: "zone-firewall",
      zones: [...plan.zones.keys()],
      ownership,
      lifecycle: "service",
      networks: [...plan.zones.values()].map((z) => ({
        network: z.network,
        ipv4Address: z.addresses.firewall,
      })),
      user: "0:0",
      entrypoint: ["/bin/sh", `${PATHS.config}/firewall/start.sh`],
      healthcheck: {
        test: ["CMD", "nft", "list", "table", "inet", "attt_zone_firewall"],
        interval: "15s",
        startPeriod: "10s",
      },
      memoryMb: 128,
      cpus: "1.0",
      capabilitiesAdd: ["NET_ADMIN"],
      sysctls: { "net.ipv4.ip_forward": "1" },
      mounts: [this.configMount("firewall")],
      labels: this.configHash("firewall"),
      exceptions: [
        {
          setting: "run-as-root",
          reason: "loads nftables rules and service addresses into its own network namespace",
          reason_vi:
            "nạp luật nftables và địa chỉ dịch vụ vào không gian mạng (network namespace) riêng của nó",
        },
        {
          setting: "add-capabilities",
          reason: "NET_ADMIN: the firewall programs nftables and addresses; nothing else is added",
          reason_vi: "NET_ADMIN: tường lửa cấu hình nftables và địa chỉ; không thêm quyền nào khác",
        },
        {
          setting: "sysctls",
          reason: "net.ipv4.ip_forward=1 in its own namespace: it routes the allowed flows between zones",
          reason_vi:
            "net.ipv4.ip_forward=1 trong namespace riêng: định tuyến các luồng được phép giữa các vùng",
        },
      ],
      dependsOn: [...this.zones.values()].map((z) => z.network),
    });
  }
}
