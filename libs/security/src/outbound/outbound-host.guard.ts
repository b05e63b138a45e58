import { isIP } from 'node:net';
import { createGuardedLookup, HostResolver, systemResolver } from './guarded-lookup.factory';
import { OutboundAllowList } from './outbound-allow-list.matcher';
import { OutboundForbiddenError } from './outbound-forbidden.error';
import { forbiddenAddressReason } from './forbidden-address.checker';
import type { OutboundPolicy } from './outbound.policy';
import { normaliseHost } from './outbound-target.parser';

/**
 * The outbound policy for connectors that open their own sockets (SMTP): resolves a host once, refuses it when
 * any address is forbidden, and returns the address to connect to, so the check and the connection agree.
 */
export class OutboundHostGuard {
  private readonly allowList: OutboundAllowList;
  private readonly lookup: ReturnType<typeof createGuardedLookup>;

  constructor(
    private readonly policy: OutboundPolicy,
    resolve: HostResolver = systemResolver,
  ) {
    this.allowList = OutboundAllowList.fromPolicy(policy);
    this.lookup = createGuardedLookup(resolve);
  }

  /** The address to connect to; the host itself when the policy lets it through unchecked. */
  async pin(host: string, port: number): Promise<string> {
    const name = normaliseHost(host);
    if (this.policy.allowPrivate || this.allowList.allows(name, port)) return host;
    if (isIP(name)) {
      const reason = forbiddenAddressReason(name);
      if (reason) throw new OutboundForbiddenError(host, name, reason);
      return name;
    }
    return new Promise((resolve, reject) =>
      this.lookup(name, {}, (err, address) => (err ? reject(err) : resolve(address as string))),
    );
  }
}
