/**
 * Retry-After (RFC 9110 §10.2.3) in milliseconds from now: either delay-seconds or an HTTP date.
 * Dates in the past mean "now" (0); anything unparseable is ignored so the back-off policy decides.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  // All three HTTP date formats start with a day name; Date.parse alone would accept "-5" or "1.5".
  if (!/^[A-Za-z]{3}/.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
