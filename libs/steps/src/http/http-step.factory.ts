import { HttpConnectionAuthDecorator } from './http-connection-auth.decorator';
import type { HttpRequester } from './http-request.sender';
import { HttpStep } from './http.step';
import { StandardWebhooksSigningDecorator, StandardWebhooksSigningOptions } from './standard-webhooks-signing.decorator';

export interface CreateHttpStepOptions {
  maxResponseBytes?: number;
  signing?: StandardWebhooksSigningOptions;
}

/**
 * The http step as SPEC §5 describes it: auth via an http-bearer/http-basic/http-header connection and
 * `sign` with a webhook-signing connection. Signing comes last because it covers the final body.
 */
export function createHttpStep(client: HttpRequester, options: CreateHttpStepOptions = {}): HttpStep {
  return new HttpStep(client, {
    maxResponseBytes: options.maxResponseBytes,
    decorators: [new HttpConnectionAuthDecorator(), new StandardWebhooksSigningDecorator(options.signing)],
  });
}
