/**
 * How a machine's own name meets the inventory's. Windows cuts %COMPUTERNAME% (the
 * NetBIOS name) to 15 characters, so `hy-thpt-chuyen-tb-lab-07` reports itself as
 * `HY-THPT-CHUYEN-`; DNS names are case-insensitive and may carry the domain.
 */
import type { Inventory } from "./inventory.js";

export const NETBIOS_LENGTH = 15;

/** The host part of a DNS name, lower case: what the inventory's host names are compared with. */
export const hostKey = (name: string): string => (name.split(".")[0] ?? name).toLowerCase();

/** The NetBIOS form of a host name, lower case (Windows shows it upper case). */
export const netbiosKey = (name: string): string => hostKey(name).slice(0, NETBIOS_LENGTH);

export interface NetbiosCollision {
  unit: string;
  netbios: string;
  hosts: string[];
}

/**
 * Windows machines of one unit whose names share their first 15 characters: on the
 * network (and in older evidence) they are one name. Sorted by unit and name.
 */
export function netbiosCollisions(inventory: Inventory): NetbiosCollision[] {
  const out: NetbiosCollision[] = [];
  for (const unit of inventory.units) {
    const byKey = new Map<string, Set<string>>();
    for (const group of unit.machines) {
      if (!group.os.startsWith("windows")) continue;
      for (const host of group.hosts) {
        const key = netbiosKey(host.name);
        byKey.set(key, (byKey.get(key) ?? new Set()).add(host.name.toLowerCase()));
      }
    }
    for (const [key, hosts] of byKey)
      if (hosts.size > 1) out.push({ unit: unit.id, netbios: key.toUpperCase(), hosts: [...hosts].sort() });
  }
  return out.sort((a, b) => a.unit.localeCompare(b.unit) || a.netbios.localeCompare(b.netbios));
}
