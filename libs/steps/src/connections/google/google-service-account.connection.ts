import { z } from 'zod';
import type { ConnectionTestResult, ConnectionType, ResolvedConnection } from '@app/engine';
import { GoogleTokenError } from './google-token.error';
import { GOOGLE_SHEETS_SCOPE, GoogleTokenSource } from './google-token.source';
import { parseServiceAccountKey, ServiceAccountKey, ServiceAccountKeyError } from './service-account-key.parser';

export const GOOGLE_SERVICE_ACCOUNT = 'google-service-account';

/** A connection opened for use: the parsed key, and the user to act as when delegation is set up. */
export interface GoogleAccount {
  key: ServiceAccountKey;
  subject?: string;
}

const config = z.object({
  subject: z
    .email('must be the email address of the Workspace user to act as (domain-wide delegation)')
    .optional()
    .describe('Optional. Act as this Google Workspace user; needs domain-wide delegation. Leave empty to act as the service account.'),
});

const secrets = z.object({
  key: z
    .string()
    .superRefine((text, ctx) => {
      try {
        parseServiceAccountKey(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    })
    .describe('The service account JSON key file, pasted whole.'),
});

/**
 * `google-service-account` (SPEC §7): a service-account JSON key. Spreadsheets must be shared with the
 * key's client_email; `test()` asks Google for a token, so a deleted or mistyped key shows up at once.
 */
export class GoogleServiceAccountConnectionType implements ConnectionType {
  readonly type = GOOGLE_SERVICE_ACCOUNT;
  readonly label = 'Google service account';
  readonly config = config;
  readonly secrets = secrets;

  constructor(private readonly tokens: GoogleTokenSource) {}

  async test(connection: ResolvedConnection): Promise<ConnectionTestResult> {
    let account: GoogleAccount;
    try {
      account = openGoogleAccount(connection);
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
    try {
      await this.tokens.getToken(account.key, { scopes: [GOOGLE_SHEETS_SCOPE], subject: account.subject, fresh: true });
    } catch (err) {
      if (err instanceof GoogleTokenError) return { ok: false, message: err.message };
      throw err;
    }
    const who = account.subject ? `${account.key.clientEmail} (acting as ${account.subject})` : account.key.clientEmail;
    return { ok: true, detail: `Google issued an access token to ${who}. Share each spreadsheet with ${account.key.clientEmail} as Editor.` };
  }
}

/** The key and subject of a resolved connection; throws ServiceAccountKeyError when the key is unusable. */
export function openGoogleAccount(connection: ResolvedConnection): GoogleAccount {
  if (connection.type !== GOOGLE_SERVICE_ACCOUNT) {
    throw new ServiceAccountKeyError(`Connection "${connection.name}" is a ${connection.type} connection; choose a Google service account connection.`);
  }
  const subject = typeof connection.config.subject === 'string' && connection.config.subject !== '' ? connection.config.subject : undefined;
  return { key: parseServiceAccountKey(connection.secrets.key), subject };
}
