import { BlockList, isIP } from 'node:net';

/** The proxies whose X-Forwarded-For entries are believed (lib/request/client-address.ts). */
export interface TrustedProxies {
  contains(address: string): boolean;
}

const LOOPBACK = ['127.0.0.0/8', '::1/128'];

/**
 * Parses TRUST_PROXY: addresses and CIDR ranges, comma separated; `loopback` names 127.0.0.0/8
 * and ::1. Throws with a readable message on anything else.
 */
export function parseTrustedProxies(spec: string): TrustedProxies {
  const list = new BlockList();
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    for (const item of entry === 'loopback' ? LOOPBACK : [entry]) {
      const [address = '', bits] = item.split('/');
      const family = isIP(address);
      if (family === 0) throw new Error(`"${item}" is not an IP address or CIDR range`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) {
        list.addAddress(address, type);
        continue;
      }
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128))
        throw new Error(`"${item}" has a bad prefix length`);
      list.addSubnet(address, prefix, type);
    }
  }
  return {
    contains(address) {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
