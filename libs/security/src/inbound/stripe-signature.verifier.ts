import { hmacSha256, matchesAnyDigest } from './hmac-digest.helper';
import { readHeader } from './inbound-header.reader';
import { rejected, type InboundRequest, type VerifyResult } from './inbound-verify.types';
import { checkTolerance, parseUnixSeconds } from './timestamp-tolerance.check';

const HEADER = 'Stripe-Signature';
const TIMESTAMP_LABEL = 'Stripe-Signature timestamp';

/**
 * Stripe: "t=<unix>,v1=<hex>[,v1=<hex>…]", each v1 a hex HMAC of "<t>.<body>". Several v1 entries appear
 * while an endpoint secret is being rolled; any one matching is enough. Other schemes (v0) are ignored.
 */
export function verifyStripe(
  config: { secret: string; toleranceSeconds?: number },
  req: InboundRequest,
  now: Date,
): VerifyResult {
  const value = readHeader(req, HEADER);
  if (value === undefined) return rejected(`${HEADER} is missing`);
  const { t, v1 } = parseStripeHeader(value);
  if (t === undefined) return rejected(`${HEADER} has no timestamp (t=)`);
  if (v1.length === 0) return rejected(`${HEADER} has no v1 signature`);
  const timestamp = parseUnixSeconds(t, TIMESTAMP_LABEL);
  if (typeof timestamp !== 'number') return timestamp;
  const expected = hmacSha256(config.secret, [`${t}.`, req.rawBody]);
  if (!matchesAnyDigest(expected, v1, 'hex')) return rejected(`${HEADER}: signature does not match`);
  return checkTolerance(timestamp, now, config.toleranceSeconds, TIMESTAMP_LABEL);
}

function parseStripeHeader(value: string): { t?: string; v1: string[] } {
  let t: string | undefined;
  const v1: string[] = [];
  for (const item of value.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim();
    const val = item.slice(eq + 1).trim();
    if (key === 't' && t === undefined) t = val;
    else if (key === 'v1') v1.push(val);
  }
  return { t, v1 };
}
