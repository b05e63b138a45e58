import { hmacSha256, matchesAnyDigest } from './hmac-digest.helper';
import { readHeader } from './inbound-header.reader';
import { rejected, type InboundRequest, type VerifyResult } from './inbound-verify.types';
import { checkTolerance, parseUnixSeconds } from './timestamp-tolerance.check';

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The HMAC key inside a Standard Webhooks secret ("whsec_" + base64; the prefix is optional), or
 * undefined when the text is not one. Shared with config validation so both agree on what is valid.
 */
export function decodeStandardSecret(secret: string): Buffer | undefined {
  const body = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return body.length > 0 && BASE64.test(body) ? Buffer.from(body, 'base64') : undefined;
}

/**
 * Standard Webhooks (symmetric, v1): webhook-signature is a space-separated list of "v1,<base64 HMAC>"
 * over "<webhook-id>.<webhook-timestamp>.<body>"; any v1 match passes, other versions (v1a) are skipped.
 *
 * Why not the `standardwebhooks` package's verify(): it turns a Buffer body into a UTF-8 string (so
 * bodies that are not valid UTF-8 can never match their signature) and checks age against Date.now()
 * with a fixed 300 s window, leaving no room for `now` or `toleranceSeconds`. The spec tests check
 * this implementation against the package's sign() and the repository's published vector.
 */
export function verifyStandardWebhook(
  config: { secret: string; toleranceSeconds?: number },
  req: InboundRequest,
  now: Date,
): VerifyResult {
  const key = decodeStandardSecret(config.secret);
  if (key === undefined) return rejected('the configured secret is not a Standard Webhooks secret (whsec_…)');
  const id = readHeader(req, 'webhook-id');
  const rawTimestamp = readHeader(req, 'webhook-timestamp');
  const signatures = readHeader(req, 'webhook-signature');
  if (id === undefined) return rejected('webhook-id is missing');
  if (rawTimestamp === undefined) return rejected('webhook-timestamp is missing');
  if (signatures === undefined) return rejected('webhook-signature is missing');
  const timestamp = parseUnixSeconds(rawTimestamp, 'webhook-timestamp');
  if (typeof timestamp !== 'number') return timestamp;
  const v1 = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice(3));
  if (v1.length === 0) return rejected('webhook-signature has no v1 signature');
  const expected = hmacSha256(key, [`${id}.${rawTimestamp}.`, req.rawBody]);
  if (!matchesAnyDigest(expected, v1, 'base64')) return rejected('webhook-signature: signature does not match');
  return checkTolerance(timestamp, now, config.toleranceSeconds, 'webhook-timestamp');
}
