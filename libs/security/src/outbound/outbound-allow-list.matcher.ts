import { isIP } from 'node:net';
import type { OutboundPolicy } from './outbound.policy';
import { normaliseHost } from './outbound-target.parser';

interface AllowEntry {
  host: string;
  port?: number;
}

/**
 * OUTBOUND_ALLOW_HOSTS as a matcher. Entries are exact (no wildcards, no suffix match) and
 * case-insensitive; an entry without a port allows every port of that host.
 */
export class OutboundAllowList {
  private readonly entries: AllowEntry[];

  constructor(hosts: readonly string[]) {
    this.entries = hosts.map((h) => h.trim()).filter(Boolean).map(parseEntry);
  }

  static fromPolicy(policy: OutboundPolicy): OutboundAllowList {
    return new OutboundAllowList(policy.allowHosts);
  }

  allows(host: string, port: number): boolean {
    const h = normaliseHost(host);
    return this.entries.some((e) => e.host === h && (e.port === undefined || e.port === port));
  }
}

function parseEntry(entry: string): AllowEntry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: normaliseHost(bracketed[1]), port: toPort(bracketed[2]) };
  // A bare IPv6 address has several colons and no port.
  if (isIP(entry) === 6) return { host: normaliseHost(entry) };
  const hostPort = /^(.+):(\d+)$/.exec(entry);
  if (hostPort) return { host: normaliseHost(hostPort[1]), port: toPort(hostPort[2]) };
  return { host: normaliseHost(entry) };
}

function toPort(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
