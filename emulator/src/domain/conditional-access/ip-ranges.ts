/**
 * IPv4 and IPv6 addresses and CIDR ranges for IP named locations (behavior.md 3.20-3.22).
 * Addresses are parsed to BigInt so one comparison covers both families; IPv4-mapped IPv6 addresses
 * (`::ffff:203.0.113.5`, what Node reports for IPv4 clients on a dual-stack socket) count as IPv4.
 */

export type IpFamily = 4 | 6;

export interface ParsedIp {
  family: IpFamily;
  value: bigint;
}

export interface ParsedCidr {
  family: IpFamily;
  /** The network address (host bits cleared). */
  network: bigint;
  prefix: number;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  let head = text;
  let tailV4: bigint | null = null;
  // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === null) return null;
    head = text.slice(0, lastColon + 1) + "0:0";
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const split = (s: string) => (s === "" ? [] : s.split(":"));
  const left = split(halves[0]);
  const right = halves.length === 2 ? split(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? left.length !== 8 : missing < 1) return null;
  const groups = [...left, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...right];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== null) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** Parses an IPv4 or IPv6 address; null when it is not one. IPv4-mapped IPv6 becomes IPv4. */
export function parseIp(text: string): ParsedIp | null {
  const t = text.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!t) return null;
  if (!t.includes(":")) {
    const v = parseIpv4(t);
    return v === null ? null : { family: 4, value: v };
  }
  const v = parseIpv6(t);
  if (v === null) return null;
  if (v >> 32n === V4_MAPPED_PREFIX >> 32n) return { family: 4, value: v & 0xffffffffn };
  return { family: 6, value: v };
}

/**
 * Parses `address/prefix`. Host bits may be set (Microsoft's own example `12.34.221.11/22` is accepted);
 * the range is the enclosing network.
 */
export function parseCidr(text: string): ParsedCidr | null {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const ip = m[1].includes(":") ? parseIpv6(m[1]) : parseIpv4(m[1]);
  if (ip === null) return null;
  const family: IpFamily = m[1].includes(":") ? 6 : 4;
  const prefix = Number(m[2]);
  const bits = family === 4 ? 32 : 128;
  if (prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  const network = (ip >> hostBits) << hostBits;
  return { family, network, prefix };
}

/** True when `ip` lies inside `cidr` (same family only). */
export function cidrContains(cidr: ParsedCidr, ip: ParsedIp): boolean {
  if (cidr.family !== ip.family) return false;
  const bits = cidr.family === 4 ? 32 : 128;
  const hostBits = BigInt(bits - cidr.prefix);
  return (ip.value >> hostBits) << hostBits === cidr.network;
}

/** Convenience over strings; false for anything unparseable. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const a = parseIp(ip);
  const c = parseCidr(cidr);
  return !!a && !!c && cidrContains(c, a);
}
