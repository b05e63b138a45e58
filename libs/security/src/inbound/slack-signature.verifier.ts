import { verifyHeaderHmac } from './header-hmac.verifier';
import { readHeader } from './inbound-header.reader';
import { rejected, type InboundRequest, type VerifyResult } from './inbound-verify.types';
import { checkTolerance, parseUnixSeconds } from './timestamp-tolerance.check';

const TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';

/** Slack: X-Slack-Signature = "v0=" + hex HMAC of "v0:<timestamp>:<body>" (api.slack.com, "Verifying requests from Slack"). */
export function verifySlack(
  config: { secret: string; toleranceSeconds?: number },
  req: InboundRequest,
  now: Date,
): VerifyResult {
  const raw = readHeader(req, TIMESTAMP_HEADER);
  if (raw === undefined) return rejected(`${TIMESTAMP_HEADER} is missing`);
  const timestamp = parseUnixSeconds(raw, TIMESTAMP_HEADER);
  if (typeof timestamp !== 'number') return timestamp;
  // Signature before age: only a genuine (correctly signed) request learns that it arrived too late.
  const signature = verifyHeaderHmac(
    { header: 'X-Slack-Signature', key: config.secret, prefix: 'v0=', encoding: 'hex', signedPrefix: `v0:${raw}:` },
    req,
  );
  return signature.ok ? checkTolerance(timestamp, now, config.toleranceSeconds, TIMESTAMP_HEADER) : signature;
}
