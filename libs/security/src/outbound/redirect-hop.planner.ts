import type { OutboundBody, OutboundHeaders } from './outbound-http.types';
import { OutboundRequestError } from './outbound-request.error';

export interface Hop {
  method: string;
  url: URL;
  headers: OutboundHeaders;
  body?: OutboundBody;
}

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
/** Credentials the caller meant for the first origin only (as fetch does). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * The request to send after a redirect, following fetch semantics: 303 becomes GET, and so do
 * 301/302 after a POST; 307/308 repeat method and body. Credentials are dropped across origins.
 */
export function nextHop(previous: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, previous.url);
  } catch {
    throw new OutboundRequestError('EOUTBOUND_BAD_URL', `the server redirected to an invalid location "${location}"`);
  }
  const toGet = (status === 303 && previous.method !== 'HEAD') || ((status === 301 || status === 302) && previous.method === 'POST');
  let headers = previous.headers;
  if (toGet) headers = without(headers, BODY_HEADERS);
  if (url.origin !== previous.url.origin) headers = without(headers, CREDENTIAL_HEADERS);
  return { method: toGet ? 'GET' : previous.method, url, headers, body: toGet ? undefined : previous.body };
}

function without(headers: OutboundHeaders, names: string[]): OutboundHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}
