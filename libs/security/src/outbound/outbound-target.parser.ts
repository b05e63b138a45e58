import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { OutboundRequestError } from './outbound-request.error';

/** One outbound URL, with its host in the single spelling the guard and the allow-list compare. */
export interface OutboundTarget {
  url: URL;
  /** Lower-case, no brackets, no trailing dot; IP literals in canonical form (e.g. 127.0.0.1, ::ffff:7f00:1). */
  host: string;
  /** The port actually used (80/443 when the URL names none). */
  port: number;
  /** Set when the host is an IP literal: such hosts never pass through DNS lookup, so they are checked directly. */
  ip?: string;
}

const SCHEMES = new Set(['http:', 'https:']);

/**
 * Parses an outbound URL. WHATWG URL parsing already turns every IPv4 spelling (2130706433, 0x7f.1,
 * 0177.0.0.1, 127.1, percent-encoded digits) into dotted decimal and compresses IPv6, so the guard
 * only ever sees canonical literals; the trailing dot and brackets are stripped here.
 */
export function parseOutboundUrl(raw: string | URL): OutboundTarget {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new OutboundRequestError('EOUTBOUND_BAD_URL', `"${String(raw)}" is not a valid URL`);
  }
  if (!SCHEMES.has(url.protocol)) {
    throw new OutboundRequestError('EOUTBOUND_BAD_URL', `only http: and https: URLs can be called, not ${url.protocol}`);
  }
  const host = normaliseHost(url.hostname);
  if (!host) throw new OutboundRequestError('EOUTBOUND_BAD_URL', `"${String(raw)}" has no host`);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { url, host, port, ip: isIP(host) ? host : undefined };
}

/** Brings a host name or IP literal (from a URL, a connector or an allow-list entry) to the compared form. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  // "localhost." and "localhost" are the same DNS name; keep one spelling so the allow-list can't be dodged.
  while (h.endsWith('.')) h = h.slice(0, -1);
  if (isIP(h)) return ipaddr.parse(h).toString();
  // Allow-list entries are not URLs yet: let the URL parser canonicalise "127.1", "0x7f.1" or IDN names too.
  try {
    const canonical = new URL(`http://${h}/`).hostname;
    if (canonical.startsWith('[')) return ipaddr.parse(canonical.slice(1, -1)).toString();
    return canonical.replace(/\.+$/, '');
  } catch {
    return h;
  }
}
