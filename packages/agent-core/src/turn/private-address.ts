import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

function privateRanges(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv4');
  }
  for (const [net, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
    ['64:ff9b::', 96],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv6');
  }
  return list;
}

let ranges: BlockList | undefined;

/** Loopback, private, link-local, multicast and reserved addresses (IPv4, IPv6, IPv4-mapped IPv6). */
export function isPrivateAddress(address: string): boolean {
  ranges ??= privateRanges();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return ranges.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return ranges.check(address, 'ipv4');
  if (family === 6) return ranges.check(address, 'ipv6');
  return true;
}

/** Every address a host name resolves to; an IP literal resolves to itself. */
export async function resolveHostAddresses(hostname: string): Promise<string[]> {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(bare)) return [bare];
  const results = await lookup(bare, { all: true, verbatim: true });
  return results.map((result) => result.address);
}
