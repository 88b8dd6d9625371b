/**
 * Values from the inventory that end up inside configuration files (sshd_config,
 * nftables, rsyslog). Each is re-derived from its parsed form, never copied as
 * text: an IPv4 CIDR is parsed into numbers and printed back, a host name must be
 * letters, digits, dots and hyphens. Anything else throws, so a malformed or hostile
 * value can never add a directive, a rule or a line to the file.
 */

export class ConfigValueError extends Error {}

/** "10.1.2.0/24" -> "10.1.2.0/24"; host bits are kept (sshd and nft both accept them). */
export function ipv4Cidr(value: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!m) throw new ConfigValueError(`not an IPv4 CIDR: ${JSON.stringify(value)}`);
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32)
    throw new ConfigValueError(`not an IPv4 CIDR: ${JSON.stringify(value)}`);
  return `${octets.join(".")}/${prefix}`;
}

/** A DNS name or IPv4 address, as a syslog target. */
export function hostName(value: string): string {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(value)) {
    throw new ConfigValueError(`not a host name: ${JSON.stringify(value)}`);
  }
  return value;
}

export function port(value: string | number): number {
  const n = typeof value === "number" ? value : /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new ConfigValueError(`not a TCP port: ${JSON.stringify(value)}`);
  return n;
}

/** "host:port" as the inventory's `logTo` writes it. */
export function hostPort(value: string): { host: string; port: number } {
  const i = value.lastIndexOf(":");
  if (i <= 0) throw new ConfigValueError(`not host:port: ${JSON.stringify(value)}`);
  return { host: hostName(value.slice(0, i)), port: port(value.slice(i + 1)) };
}
