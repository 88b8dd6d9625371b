/**
 * Addresses inside one zone's subnet, fixed by the inventory alone:
 *
 *   .1                      the Docker bridge (the network's gateway)
 *   .10, .11, ...           containers of the zone, in a stable order
 *   last usable             the zone firewall's leg in this zone
 *   last usable - 1, - 2 .. service addresses the firewall answers on in this zone
 *                           (one per service this zone may reach in another zone)
 *
 * The service addresses are reserved in Docker's IPAM (aux addresses) so no container
 * is ever given one.
 */
export interface Subnet {
  cidr: string;
  /** Network address as a 32-bit integer. */
  base: number;
  size: number;
}

export function parseSubnet(cidr: string): Subnet {
  const [addr = "", prefixText = ""] = cidr.split("/");
  const prefix = Number(prefixText);
  const base = addr.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - prefix);
  // Normalise: 10.0.3.7/24 means the network 10.0.3.0/24.
  return { cidr: `${ipFromInt(base - (base % size))}/${prefix}`, base: base - (base % size), size };
}

export function ipFromInt(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

const FIRST_CONTAINER_OFFSET = 10;

export interface ZoneAddresses {
  subnet: string;
  gateway: string;
  firewall: string;
  /** Container key -> address. */
  containers: Map<string, string>;
  /** Reachable service (endpoint ID) -> the firewall's address for it in this zone. */
  serviceAddresses: Map<string, string>;
}

export class AddressSpaceError extends Error {}

/**
 * Lays out one zone. `containerKeys` and `reachableEndpoints` must already be in the
 * stable order the caller wants (sorted IDs); the same lists always give the same plan.
 */
export function planZone(cidr: string, containerKeys: string[], reachableEndpoints: string[]): ZoneAddresses {
  const net = parseSubnet(cidr);
  const lastUsable = net.base + net.size - 2;
  const firstVip = lastUsable - 1 - (reachableEndpoints.length - 1);
  const lastContainer = net.base + FIRST_CONTAINER_OFFSET + containerKeys.length - 1;
  if (net.size < 16 || (containerKeys.length > 0 && lastContainer >= firstVip) || firstVip <= net.base + 1) {
    throw new AddressSpaceError(
      `subnet ${cidr} is too small for ${containerKeys.length} containers and ${reachableEndpoints.length} service addresses`,
    );
  }
  const containers = new Map(
    containerKeys.map((k, i) => [k, ipFromInt(net.base + FIRST_CONTAINER_OFFSET + i)]),
  );
  const serviceAddresses = new Map(reachableEndpoints.map((e, i) => [e, ipFromInt(lastUsable - 1 - i)]));
  return {
    subnet: net.cidr,
    gateway: ipFromInt(net.base + 1),
    firewall: ipFromInt(lastUsable),
    containers,
    serviceAddresses,
  };
}
