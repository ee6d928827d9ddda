import { isIP } from 'node:net';
import type { TrustedProxies } from '@/lib/config/trusted-proxies';

/**
 * An address as one form: without a port (`1.2.3.4:5555`, `[2001:db8::1]:80`, as some load
 * balancers write them), IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as plain IPv4.
 */
function plain(address: string): string {
  const withoutPort =
    /^\[([^\]]+)\](?::\d+)?$/.exec(address)?.[1] ??
    /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address)?.[1] ??
    address;
  return withoutPort.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/**
 * What per-address rate limits count: an IPv4 address as it is, an IPv6 address by its /64 (one
 * host or home gets a whole /64, so counting single addresses would count nothing), written one way.
 */
export function addressForLimits(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 and friends) takes two groups.
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The client's address behind proxies. `X-Forwarded-For` is written by whoever sent the request:
 * each proxy appends the address it received the request from, so only entries added by proxies
 * we trust can be believed. Walking from the right (the socket's peer, then each hop it names),
 * the first address that is not a trusted proxy is the client. Anything left of it is the
 * client's own claim and is ignored.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trusted: TrustedProxies | null,
): string {
  let client = plain(peer ?? '') || 'unknown';
  if (!trusted || !forwardedFor) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor as string))
    .split(',')
    .map((hop) => plain(hop.trim()));
  while (trusted.contains(client) && hops.length > 0) {
    const previous = hops.pop() as string;
    // A trusted proxy wrote something that is no address: the proxy is the last hop we know.
    if (isIP(previous) === 0) break;
    client = previous;
  }
  return client;
}
