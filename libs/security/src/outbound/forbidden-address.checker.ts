import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Cloud metadata endpoints outside the ranges below. 169.254.169.254 (AWS, GCP, Azure, OpenStack)
 * is already link-local and fd00:ec2::254 unique-local; they are listed so the reason names them.
 */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '168.63.129.16', '100.100.100.200']);

/** IPv6 ranges that carry an IPv4 address the packet ends up at: judge that address instead. */
const V6_WITH_EMBEDDED_V4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/**
 * Why `ip` must not be connected to, or undefined when it is an ordinary public unicast address.
 * Anything that does not parse as an IP is refused: the guard fails closed.
 */
export function forbiddenAddressReason(ip: string): string | undefined {
  const address = parseAddress(ip);
  if (!address) return 'unparseable';
  return reasonFor(address);
}

/** True for loopback, private, link-local, CGNAT, multicast, reserved, metadata and similar addresses. */
export function isForbiddenAddress(ip: string): boolean {
  return forbiddenAddressReason(ip) !== undefined;
}

function reasonFor(address: Address): string | undefined {
  if (METADATA_ADDRESSES.has(address.toString())) return 'cloud metadata';
  if (address.kind() === 'ipv4') {
    const range = address.range();
    return range === 'unicast' ? undefined : describe(range);
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (V6_WITH_EMBEDDED_V4.has(range)) {
    const embedded = embeddedV4(v6, range);
    return embedded.some((v4) => reasonFor(v4) !== undefined) ? `${describe(range)} of a private IPv4` : undefined;
  }
  if (range !== 'unicast') return describe(range);
  // ipaddr.js calls everything it has no name for 'unicast', including ::/96 (IPv4-compatible,
  // ::7f00:1) and unallocated space; only 2000::/3 is routed on the internet.
  if (!v6.match(GLOBAL_UNICAST_V6)) return 'non-global IPv6';
  return undefined;
}

/** The IPv4 addresses an IPv6 address of a translation range leads to. */
function embeddedV4(v6: ipaddr.IPv6, range: string): ipaddr.IPv4[] {
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  switch (range) {
    case '6to4': // 2002:AABB:CCDD::/48
      return [v4(p[1], p[2])];
    case 'teredo': // 2001:0:SERVER:SERVER:flags:port:~CLIENT — refuse if either end is private
      return [v4(p[2], p[3]), v4(~p[6] & 0xffff, ~p[7] & 0xffff)];
    default: // ::ffff:a.b.c.d, ::ffff:0:a.b.c.d, 64:ff9b::a.b.c.d — the low 32 bits
      return [v4(p[6], p[7])];
  }
}

function parseAddress(ip: string): Address | undefined {
  const bare = ip.trim().replace(/^\[(.*)\]$/, '$1');
  try {
    // parse (not process) keeps ::ffff:a.b.c.d as IPv6 so the embedded-address branch above sees it.
    return ipaddr.parse(bare);
  } catch {
    return undefined;
  }
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'private (unique-local)',
  carrierGradeNat: 'carrier-grade NAT',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  ipv4Mapped: 'IPv4-mapped IPv6',
  rfc6145: 'IPv4-translated IPv6',
  rfc6052: 'NAT64 IPv6',
  '6to4': '6to4 IPv6',
  teredo: 'Teredo IPv6',
  reserved: 'reserved',
};

function describe(range: string): string {
  return RANGE_NAMES[range] ?? `reserved (${range})`;
}
