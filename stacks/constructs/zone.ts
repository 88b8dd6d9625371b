/**
 * A network zone: one Docker bridge network with a fixed subnet, internal (no route out)
 * unless a route-out exception says why not. Service addresses the zone firewall answers
 * on are reserved in Docker's IPAM so no container ever takes one.
 */
import { Network } from "@cdktf/provider-docker/lib/network/index.js";
import { Construct } from "constructs";
import { terraformData } from "../../templates/escape/terraform.js";
import {
  baseLabels,
  type HardeningException,
  LABEL,
  labelList,
  type OwnershipLabels,
  reconcileExceptions,
} from "./exceptions.js";

export interface ZoneProps {
  datacentre: string;
  zoneId: string;
  kind: string;
  networkName: string;
  /** Linux bridge name (15 bytes at most), so host firewall rules can name it. */
  bridgeName: string;
  subnet: string;
  gateway: string;
  /** Addresses Docker must never hand out (name -> address). */
  reserved: Record<string, string>;
  /** true unless the zone needs a route out; false needs a route-out exception. */
  internal: boolean;
  ownership: OwnershipLabels;
  exceptions?: HardeningException[];
  /**
   * A swarm's zone: an overlay network spanning the hosts, its traffic between hosts
   * encrypted (IPsec), attachable so the jobs created on one host can join it.
   */
  overlay?: boolean;
}

export class ZoneNetwork extends Construct {
  readonly network: Network;
  readonly exceptions: HardeningException[];

  constructor(scope: Construct, id: string, props: ZoneProps) {
    super(scope, id);
    if (!/^[a-z0-9-]{1,15}$/.test(props.bridgeName))
      throw new Error(`bridge name "${props.bridgeName}" is not a valid interface name`);
    this.exceptions = reconcileExceptions(
      props.networkName,
      new Set(props.internal ? [] : ["route-out" as const]),
      props.exceptions ?? [],
    );
    const labels = {
      ...baseLabels(props.datacentre, "zone", props.ownership, this.exceptions),
      [LABEL.zone]: props.zoneId,
      "attt.zone-kind": props.kind,
      ...(props.overlay ? { "attt.encrypted": "true" } : {}),
    };
    this.network = new Network(
      this,
      "network",
      terraformData({
        name: props.networkName,
        driver: "bridge",
        internal: props.internal,
        ipamConfig: [
          {
            subnet: props.subnet,
            gateway: props.gateway,
            auxAddress: Object.fromEntries(
              Object.keys(props.reserved)
                .sort()
                .map((k) => [k, props.reserved[k] as string]),
            ),
          },
        ],
        ...(props.overlay
          ? { driver: "overlay", attachable: true, options: { encrypted: "true" } as Record<string, string> }
          : {
              options: {
                "com.docker.network.bridge.name": props.bridgeName,
                // An internal zone has no way out, so there is nothing to masquerade.
                "com.docker.network.bridge.enable_ip_masquerade": props.internal ? "false" : "true",
              },
            }),
        labels: labelList(labels),
      }),
    );
  }
}
