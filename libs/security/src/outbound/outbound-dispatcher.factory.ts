import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { OutboundAllowList } from './outbound-allow-list.matcher';
import { OutboundForbiddenError } from './outbound-forbidden.error';
import { forbiddenAddressReason } from './forbidden-address.checker';
import { createGuardedLookup, HostResolver } from './guarded-lookup.factory';
import type { OutboundPolicy } from './outbound.policy';
import { normaliseHost } from './outbound-target.parser';

export interface OutboundDispatcherOptions {
  /** Name resolution; the system resolver by default. */
  resolver?: HostResolver;
  /** Extra TLS/TCP options for every connection (e.g. `ca` in tests). `lookup` is owned by the guard. */
  connect?: buildConnector.BuildOptions;
  /** Passed to undici's Agent (pool sizes, keep-alive). */
  agent?: Omit<Agent.Options, 'connect'>;
}

/**
 * An undici Agent that enforces the outbound policy at connect time, for every new connection — so
 * redirects, retries and pooled origins are all covered no matter who builds the request.
 * IP-literal hosts skip DNS lookup inside net.connect, so they are checked here before connecting.
 */
export function createOutboundDispatcher(policy: OutboundPolicy, options: OutboundDispatcherOptions = {}): Agent {
  const allowList = OutboundAllowList.fromPolicy(policy);
  const base = { ...options.connect };
  delete (base as { lookup?: unknown }).lookup;
  const open = buildConnector(
    options.resolver ? ({ ...base, lookup: createGuardedLookup(options.resolver, false) } as buildConnector.BuildOptions) : base,
  );
  const guarded = buildConnector({ ...base, lookup: createGuardedLookup(options.resolver) } as buildConnector.BuildOptions);

  const connect: buildConnector.connector = (opts, callback) => {
    const host = normaliseHost(opts.hostname);
    const port = opts.port ? Number(opts.port) : opts.protocol === 'https:' ? 443 : 80;
    if (policy.allowPrivate || allowList.allows(host, port)) return open(opts, callback);
    if (isIP(host)) {
      const reason = forbiddenAddressReason(host);
      if (reason) return callback(new OutboundForbiddenError(host, host, reason), null);
    }
    return guarded(opts, callback);
  };

  return new Agent({ ...options.agent, connect });
}
