/** Headers that carry credentials or signatures: never stored or shown to expressions in plain text. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-hub-signature',
  'x-hub-signature-256',
  'stripe-signature',
  'x-shopify-hmac-sha256',
  'x-slack-signature',
  'webhook-signature',
  'x-webhook-signature',
  'x-signature',
]);

export const REDACTED = '[redacted]';

/** Lower-cases names, joins repeated headers, and masks secret ones (the well-known, and `extra`). */
export function redactHeaders(headers: Record<string, string | string[] | undefined>, extra: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const secret = SECRET_HEADERS.has(key) || extra.includes(key);
    out[key] = secret ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
