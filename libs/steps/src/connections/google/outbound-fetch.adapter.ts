import type { HttpRequester } from '../../http/http.step';

export interface OutboundFetchOptions {
  /** Exact URLs the library calls, sent elsewhere instead (its built-in token endpoint → GOOGLE_TOKEN_URL). */
  redirect?: Record<string, string>;
  timeoutMs?: number;
}

/** Statuses whose responses cannot carry a body; `new Response` refuses one. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for google-auth-library (gaxios `fetchImplementation`) that sends through the outbound client,
 * so token requests obey the same private-address rules as every other call hookflow makes.
 */
export function createOutboundFetch(http: HttpRequester, options: OutboundFetchOptions = {}): typeof fetch {
  const outboundFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const body = bodyText(init.body);
    if (init.body instanceof URLSearchParams && !headers['content-type']) {
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    }
    const res = await http.request(init.method ?? 'GET', options.redirect?.[url] ?? url, headers, body, {
      timeoutMs: options.timeoutMs,
      signal: init.signal ?? undefined,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
    }
    return new Response(NULL_BODY_STATUSES.has(res.status) ? null : res.body, { status: res.status, headers: responseHeaders });
  };
  return outboundFetch as typeof fetch;
}

function bodyText(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  // google-auth-library only sends forms and JSON text; anything else is a change worth noticing.
  throw new TypeError(`unsupported request body type ${Object.prototype.toString.call(body)}`);
}
