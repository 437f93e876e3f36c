// The SSRF policy (DESIGN.md §11): which addresses an outgoing request may connect to. A server that
// listens beyond loopback refuses loopback, private (RFC 1918, fc00::/7), link-local, CGNAT,
// unspecified and cloud-metadata addresses, unless the workspace lists the host or a CIDR in
// `network.allow` or the server was started with `--allow-private-network`; a loopback-only server,
// the desktop and the CLI allow everything (the person who can reach them can reach those addresses
// anyway). The check runs on the address actually connected, after DNS resolution (./agent.ts), so a
// public name resolving to 10.0.0.1 is refused too, on every connection a request opens.
// Address matching is node:net's BlockList: it also matches IPv4-mapped IPv6 (::ffff:127.0.0.1)
// against the IPv4 ranges, so those cannot slip through.
import { BlockList, isIP } from 'node:net';
import { hostMatches } from '../../shared/credentials/allowed-hosts.js';
import { PipewrightError } from '../../shared/errors.js';
import { HttpFailure } from './failure.js';

export interface NetworkPolicySettings {
  /** True on a server reachable beyond loopback (unless --allow-private-network). */
  refusePrivate: boolean;
  /** Hosts (`db.internal`, `*.corp.example`), addresses and CIDRs (`10.1.0.0/16`) allowed anyway. */
  allow?: readonly string[];
}

const REFUSED_RANGES: ReadonlyArray<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['169.254.169.254', 32, 'ipv4', 'cloud metadata'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['fd00:ec2::254', 128, 'ipv6', 'cloud metadata'],
  ['::1', 128, 'ipv6', 'loopback'],
  // :: and the deprecated IPv4-compatible form ::a.b.c.d, which would otherwise smuggle 127.0.0.1.
  ['::', 96, 'ipv6', 'unspecified'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  // Local-use NAT64 (RFC 8215) translates into the site's own network.
  ['64:ff9b:1::', 48, 'ipv6', 'private'],
];

/** Well-known NAT64 (64:ff9b::/96) and 6to4 (2002::/16): IPv6 forms that carry an IPv4 address. */
const NAT64 = new BlockList();
NAT64.addSubnet('64:ff9b::', 96, 'ipv6');
const SIX_TO_FOUR = new BlockList();
SIX_TO_FOUR.addSubnet('2002::', 16, 'ipv6');

/** One BlockList per kind, in order, so the message can say which kind an address is. */
const REFUSED = REFUSED_RANGES.map(([network, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, kind };
});

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded; a dotted IPv4 tail counts as two). */
function ipv6Groups(address: string): number[] {
  const withoutTail = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a: string, b: string, c: string, d: string) =>
    `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`);
  const [head = '', tail] = withoutTail.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** The IPv4 address inside a NAT64 or 6to4 address, which a gateway would connect to; else undefined. */
function embeddedIPv4(address: string): string | undefined {
  let high: number | undefined;
  let low: number | undefined;
  if (NAT64.check(address, 'ipv6')) [high, low] = ipv6Groups(address).slice(6);
  else if (SIX_TO_FOUR.check(address, 'ipv6')) [high, low] = ipv6Groups(address).slice(1, 3);
  if (high === undefined || low === undefined) return undefined;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** What kind of non-public address this is (`loopback`, `private`, …), or undefined for a public one. */
export function privateAddressKind(address: string): string | undefined {
  const family = familyOf(address);
  if (family === undefined) return undefined;
  const kind = REFUSED.find(({ list }) => list.check(address, family))?.kind;
  if (kind !== undefined || family === 'ipv4') return kind;
  const carried = embeddedIPv4(address);
  return carried === undefined ? undefined : privateAddressKind(carried);
}

/** The parsed `network.allow`: host patterns and a BlockList of allowed addresses and ranges. */
interface AllowList {
  hosts: string[];
  addresses: BlockList;
}

/**
 * Parses allow entries; a broken one is refused with its index and what it should look like, so a
 * typo in the workspace settings fails the start instead of silently allowing nothing.
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const allow: AllowList = { hosts: [], addresses: new BlockList() };
  entries.forEach((raw, index) => {
    const entry = raw.trim().toLowerCase();
    const [network, prefixText, extra] = entry.split('/');
    const family = familyOf(network?.replace(/^\[|\]$/g, '') ?? '');
    if (family !== undefined && extra === undefined) {
      const address = network!.replace(/^\[|\]$/g, '');
      if (prefixText === undefined) {
        allow.addresses.addAddress(address, family);
        return;
      }
      const prefix = Number(prefixText);
      const max = family === 'ipv4' ? 32 : 128;
      if (/^\d+$/.test(prefixText) && prefix <= max) {
        allow.addresses.addSubnet(address, prefix, family);
        return;
      }
    } else if (prefixText === undefined && /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(entry)) {
      allow.hosts.push(entry);
      return;
    }
    throw new PipewrightError('SETTINGS_INVALID', `network.allow[${index}] "${raw}" is neither a host name (api.internal, *.corp.example), an address (10.1.2.3) nor a CIDR (10.0.0.0/8, fd00::/8)`, {
      location: { path: `network.allow[${index}]` },
    });
  });
  return allow;
}

export class NetworkPolicy {
  private readonly allow: AllowList;

  constructor(readonly settings: NetworkPolicySettings) {
    this.allow = parseAllowList(settings.allow ?? []);
  }

  /**
   * Throws HTTP_ADDRESS_REFUSED (permanent) when `hostname`, resolved to `address`, may not be
   * connected to. Called with the address the socket is about to connect to.
   */
  checkAddress(hostname: string, address: string): void {
    if (!this.settings.refusePrivate) return;
    const kind = privateAddressKind(address);
    if (kind === undefined) return;
    if (this.allow.hosts.some((pattern) => hostMatches(hostname, pattern))) return;
    const family = familyOf(address);
    if (family !== undefined && this.allow.addresses.check(address, family)) return;
    const named = hostname === address ? address : `${hostname} (${address})`;
    throw new HttpFailure(
      'HTTP_ADDRESS_REFUSED',
      `refused to connect to ${named}: it is a ${kind} address, and this server listens beyond loopback, so requests to such addresses are blocked (SSRF policy, DESIGN.md §11); to allow it, add "${hostname}" or a CIDR holding ${address} to network.allow in the workspace's settings.json, or start the server with --allow-private-network`,
      { transient: false },
    );
  }
}

/** Allows every address: the desktop, the CLI and a loopback-only server. */
const ALLOW_ALL = new NetworkPolicy({ refusePrivate: false });
let current: NetworkPolicy = ALLOW_ALL;

/**
 * Sets the policy of every outgoing request of this process: a host (`pipewright serve`) decides it
 * once at start, from where it listens and the workspace's settings. Checked at connect time, so it
 * applies to every connection opened from now on.
 */
export function useNetworkPolicy(settings: NetworkPolicySettings): NetworkPolicy {
  current = new NetworkPolicy(settings);
  return current;
}

export function networkPolicy(): NetworkPolicy {
  return current;
}
