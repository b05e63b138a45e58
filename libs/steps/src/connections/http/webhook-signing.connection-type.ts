import { Webhook } from 'standardwebhooks';
import type { ConnectionType } from '@app/engine';
import { connectionObject, headerText } from './connection-field.schemas';

/** Whether the standardwebhooks package itself can use the secret: the same code that will sign with it. */
function isStandardSecret(secret: string): boolean {
  try {
    new Webhook(secret);
    return true;
  } catch {
    return false;
  }
}

/**
 * The secret an http step signs its requests with (Standard Webhooks: webhook-id, webhook-timestamp,
 * webhook-signature). A connection rather than a field value, because field values are recorded as
 * the step's input and a signing secret must stay write-only like every other credential.
 */
export const WEBHOOK_SIGNING_CONNECTION: ConnectionType = {
  type: 'webhook-signing',
  label: 'Signing secret (Standard Webhooks)',
  config: connectionObject('config', {}),
  secrets: connectionObject('secrets', {
    secret: headerText('secret').refine(isStandardSecret, {
      error: 'secret must be a Standard Webhooks secret: "whsec_" followed by base64, as the receiving service shows it',
    }),
  }),
};
