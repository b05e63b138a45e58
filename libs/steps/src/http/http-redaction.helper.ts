import type { PreparedHttpRequest, RequestRedaction } from './http-request.types';

export const REDACTED = '[redacted]';

/** Credentials whoever set them: a user may still type a token into the headers field. */
const ALWAYS_SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** The request with more secrets to keep out of records; several stages (auth, signing) may add some. */
export function withRedaction(request: PreparedHttpRequest, more: RequestRedaction): PreparedHttpRequest {
  const current = request.redact ?? {};
  return {
    ...request,
    redact: {
      headers: [...(current.headers ?? []), ...(more.headers ?? []).map((h) => h.toLowerCase())],
      values: [...(current.values ?? []), ...(more.values ?? [])],
      url: more.url ?? current.url,
    },
  };
}

/** Headers as they may be recorded: secret ones replaced by [redacted]. */
export function shownHeaders(request: PreparedHttpRequest): Record<string, string | string[]> {
  const secret = new Set([...ALWAYS_SECRET_HEADERS, ...(request.redact?.headers ?? [])]);
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, secret.has(name.toLowerCase()) ? REDACTED : value]),
  );
}

/** The URL as it may be recorded: the stand-in when the URL is a secret, otherwise without its password. */
export function shownUrl(request: PreparedHttpRequest): string {
  if (request.redact?.url) return request.redact.url;
  const url = new URL(request.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Text from the far side (error bodies, network messages) with any secret it echoes blanked. */
export function scrubSecrets(text: string, request: PreparedHttpRequest): string {
  // Longest first, so a secret that contains another is blanked whole.
  const values = [...(request.redact?.values ?? [])].filter((v) => v !== '').sort((a, b) => b.length - a.length);
  return values.reduce((out, value) => out.split(value).join(REDACTED), text);
}
