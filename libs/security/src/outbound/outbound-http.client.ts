import { Agent, request } from 'undici';
import { readCappedBody } from './capped-body.reader';
import { OutboundForbiddenError } from './outbound-forbidden.error';
import { forbiddenAddressReason } from './forbidden-address.checker';
import { createOutboundDispatcher, OutboundDispatcherOptions } from './outbound-dispatcher.factory';
import type { OutboundBody, OutboundHeaders, OutboundRequestOptions, OutboundResponse } from './outbound-http.types';
import { OutboundAllowList } from './outbound-allow-list.matcher';
import type { OutboundPolicy } from './outbound.policy';
import { OutboundRequestError } from './outbound-request.error';
import { parseOutboundUrl } from './outbound-target.parser';
import { Hop, nextHop, REDIRECT_STATUSES } from './redirect-hop.planner';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * The only way hookflow code should call out over HTTP. Every hop (the first request and each redirect)
 * is checked against the policy before sending, and the dispatcher checks the address actually
 * connected to. Redirects are followed here rather than by an interceptor so each hop is visible.
 */
export class OutboundHttpClient {
  private readonly dispatcher: Agent;
  private readonly allowList: OutboundAllowList;

  constructor(
    private readonly policy: OutboundPolicy,
    options: OutboundDispatcherOptions = {},
  ) {
    this.dispatcher = createOutboundDispatcher(policy, options);
    this.allowList = OutboundAllowList.fromPolicy(policy);
  }

  async request(
    method: string,
    url: string | URL,
    headers: OutboundHeaders = {},
    body?: OutboundBody,
    options: OutboundRequestOptions = {},
  ): Promise<OutboundResponse> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const fail = (err: unknown) => translateError(err, timeout, timeoutMs, options.signal);

    let hop: Hop = moveCredentialsToHeader({ method: method.toUpperCase(), url: this.check(url), headers, body });
    for (let redirects = 0; ; redirects++) {
      const res = await request(hop.url, {
        method: hop.method as 'GET',
        headers: hop.headers,
        body: hop.body,
        signal,
        dispatcher: this.dispatcher,
      }).catch((err: unknown) => Promise.reject(fail(err)));

      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string') {
        await res.body.dump().catch(() => undefined);
        if (redirects >= maxRedirects) {
          throw new OutboundRequestError('EOUTBOUND_TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects, last to ${location}`);
        }
        hop = nextHop(hop, res.statusCode, location);
        hop.url = this.check(hop.url);
        continue;
      }

      const bytes = await readCappedBody(res.body, maxBytes, res.headers['content-length']).catch((err: unknown) =>
        Promise.reject(fail(err)),
      );
      return { status: res.statusCode, headers: cleanHeaders(res.headers), body: bytes, url: hop.url.toString(), redirects };
    }
  }

  /** Closes pooled connections; call on shutdown. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /**
   * Scheme and IP-literal check before anything is sent. Host names are checked by the dispatcher
   * after resolution; literals are refused here so no socket is ever opened for them.
   */
  private check(raw: string | URL): URL {
    const target = parseOutboundUrl(raw);
    if (target.ip && !this.policy.allowPrivate && !this.allowList.allows(target.host, target.port)) {
      const reason = forbiddenAddressReason(target.ip);
      if (reason) throw new OutboundForbiddenError(target.host, target.ip, reason);
    }
    return target.url;
  }
}

/**
 * undici silently ignores user:pass@ in a URL; users pasting such URLs expect Basic auth (as curl does).
 * An explicit Authorization header wins.
 */
function moveCredentialsToHeader(hop: Hop): Hop {
  if (!hop.url.username && !hop.url.password) return hop;
  const url = new URL(hop.url);
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  url.username = '';
  url.password = '';
  const hasAuth = Object.keys(hop.headers).some((name) => name.toLowerCase() === 'authorization');
  return { ...hop, url, headers: hasAuth ? hop.headers : { ...hop.headers, authorization: `Basic ${basic}` } };
}

function translateError(err: unknown, timeout: AbortSignal, timeoutMs: number, callerSignal?: AbortSignal): unknown {
  if (err instanceof OutboundRequestError) return err;
  if (timeout.aborted) {
    return new OutboundRequestError('EOUTBOUND_TIMEOUT', `no complete response within ${timeoutMs} ms`, { cause: err });
  }
  if (callerSignal?.aborted) return new OutboundRequestError('EOUTBOUND_ABORTED', 'the request was cancelled', { cause: err });
  const code = (err as { code?: string })?.code;
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_ARG_TYPE' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') {
    return new OutboundRequestError('EOUTBOUND_INVALID_REQUEST', `invalid request: ${(err as Error).message}`, { cause: err });
  }
  return err;
}

function cleanHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}
