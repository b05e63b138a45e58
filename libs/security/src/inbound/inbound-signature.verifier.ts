import { verifyBasicAuth } from './basic-auth.verifier';
import { verifyHeaderHmac } from './header-hmac.verifier';
import { verifyHeaderToken } from './header-token.verifier';
import { rejected, type InboundRequest, type VerifyResult } from './inbound-verify.types';
import { verifySlack } from './slack-signature.verifier';
import { verifyStandardWebhook } from './standard-webhooks.verifier';
import { verifyStripe } from './stripe-signature.verifier';
import type { VerifyConfig, VerifyScheme } from './verify-config.schema';

type Verifier<S extends VerifyScheme> = (
  config: Extract<VerifyConfig, { scheme: S }>,
  req: InboundRequest,
  now: Date,
) => VerifyResult;

// GitHub and Shopify are the generic body HMAC with a fixed header, prefix and encoding.
const VERIFIERS: { [S in VerifyScheme]: Verifier<S> } = {
  github: (c, req) =>
    verifyHeaderHmac({ header: 'X-Hub-Signature-256', key: c.secret, prefix: 'sha256=', encoding: 'hex' }, req),
  shopify: (c, req) => verifyHeaderHmac({ header: 'X-Shopify-Hmac-Sha256', key: c.secret, encoding: 'base64' }, req),
  'hmac-sha256': (c, req) =>
    verifyHeaderHmac({ header: c.header, key: c.secret, prefix: c.prefix, encoding: c.encoding ?? 'hex' }, req),
  stripe: verifyStripe,
  slack: verifySlack,
  standard: verifyStandardWebhook,
  basic: (c, req) => verifyBasicAuth(c, req),
  'header-token': (c, req) => verifyHeaderToken(c, req),
};

/**
 * Checks an inbound webhook against its workflow's `verify` config, over the exact raw body bytes.
 * `now` is injectable for tests and replays of stored requests; it defaults to the current time.
 */
export function verifyInbound(config: VerifyConfig, req: InboundRequest, now: Date = new Date()): VerifyResult {
  const verifier = Object.hasOwn(VERIFIERS, config.scheme)
    ? (VERIFIERS[config.scheme] as Verifier<VerifyScheme>)
    : undefined;
  // A config read back from storage is not re-validated by the type system; fail closed.
  if (!verifier) return rejected(`unknown verify scheme "${String(config.scheme)}"`);
  return verifier(config as never, req, now);
}
