import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { OutboundForbiddenError } from './outbound-forbidden.error';
import { forbiddenAddressReason } from './forbidden-address.checker';
import { normaliseHost } from './outbound-target.parser';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Name → addresses. Injectable so tests can simulate DNS that points at private space (or rebinds). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for net/tls.connect that refuses the whole host when ANY of its addresses is forbidden.
 * net.connect connects to exactly what lookup returns, so the address checked is the address used
 * (no gap for DNS rebinding between check and connect). `guard: false` only resolves (allowed hosts).
 */
export function createGuardedLookup(resolve: HostResolver = systemResolver, guard = true): LookupFunction {
  return (hostname, options, callback) => {
    // RFC 6761: localhost names are loopback whatever DNS says (and "localhost." may not resolve at all).
    if (guard && isLocalhostName(hostname)) return callback(new OutboundForbiddenError(hostname, '127.0.0.1', 'loopback'), '', 0);
    resolve(hostname).then(
      (addresses) => {
        for (const { address } of guard ? addresses : []) {
          const reason = forbiddenAddressReason(address);
          if (reason) return callback(new OutboundForbiddenError(hostname, address, reason), '', 0);
        }
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) {
          const err = Object.assign(new Error(`no IPv${options.family} address for ${hostname}`), { code: 'ENOTFOUND' });
          return callback(err, '', 0);
        }
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

function isLocalhostName(hostname: string): boolean {
  const h = normaliseHost(hostname);
  return h === 'localhost' || h.endsWith('.localhost');
}
