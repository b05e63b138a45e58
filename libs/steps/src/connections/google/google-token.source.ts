import { createHash } from 'node:crypto';
import { JWT } from 'google-auth-library';
import type { HttpRequester } from '../../http/http.step';
import { ExpiringValueCache } from './expiring-value.cache';
import { createOutboundFetch } from './outbound-fetch.adapter';
import { tokenFailure } from './google-token-failure.mapper';
import type { ServiceAccountKey } from './service-account-key.parser';

/** Google's token endpoint. google-auth-library 10 always posts here and puts it in the JWT's `aud`. */
export const DEFAULT_GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const GOOGLE_SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

export interface GoogleTokenRequest {
  scopes?: string[];
  /** Domain-wide delegation: the Workspace user to act as. */
  subject?: string;
  /** Skip the cache: after Google rejected a cached token, or to check a key for real. */
  fresh?: boolean;
}

export interface GoogleTokenSourceOptions {
  /** GOOGLE_TOKEN_URL: where token requests go (tests, private gateways). */
  tokenUrl?: string;
  /** Renew this long before expiry (default 5 minutes, at most half a token's lifetime). */
  refreshMarginMs?: number;
  timeoutMs?: number;
  /** Distinct keys whose tokens are kept. */
  maxEntries?: number;
  now?: () => number;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Access tokens for service-account keys (the JWT bearer flow), cached per key, subject and scopes until
 * shortly before they expire. google-auth-library signs the assertion and parses the answer; its requests
 * go through the outbound client, and its built-in token URL is sent to `tokenUrl` instead. The assertion's
 * `aud` stays Google's endpoint, which is what Google checks even when a gateway forwards the request.
 */
export class GoogleTokenSource {
  readonly tokenUrl: string;
  private readonly cache: ExpiringValueCache<string>;
  private readonly fetchImplementation: typeof fetch;
  private readonly refreshMarginMs: number;

  constructor(http: HttpRequester, options: GoogleTokenSourceOptions = {}) {
    this.tokenUrl = options.tokenUrl ?? DEFAULT_GOOGLE_TOKEN_URL;
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.cache = new ExpiringValueCache({ maxEntries: options.maxEntries, now: options.now });
    this.fetchImplementation = createOutboundFetch(http, {
      redirect: { [DEFAULT_GOOGLE_TOKEN_URL]: this.tokenUrl },
      timeoutMs: options.timeoutMs ?? 15_000,
    });
  }

  /** A bearer token for the key; throws GoogleTokenError saying in plain words what went wrong. */
  async getToken(key: ServiceAccountKey, request: GoogleTokenRequest = {}): Promise<string> {
    const scopes = request.scopes ?? [GOOGLE_SHEETS_SCOPE];
    return this.cache.get(cacheKey(key, scopes, request.subject), () => this.fetchToken(key, scopes, request.subject), request.fresh);
  }

  /** Drops a cached token Google no longer accepts. */
  forget(key: ServiceAccountKey, request: Omit<GoogleTokenRequest, 'fresh'> = {}): void {
    this.cache.delete(cacheKey(key, request.scopes ?? [GOOGLE_SHEETS_SCOPE], request.subject));
  }

  private async fetchToken(key: ServiceAccountKey, scopes: string[], subject?: string) {
    const client = new JWT({
      email: key.clientEmail,
      key: key.privateKey,
      keyId: key.privateKeyId,
      scopes,
      subject,
      // The engine's retry policy decides about retries (and honours Retry-After); gaxios must not add its own.
      transporterOptions: { fetchImplementation: this.fetchImplementation, retryConfig: { retry: 0, noResponseRetries: 0 } },
    });
    let credentials: { access_token?: string | null; expiry_date?: number | null };
    try {
      credentials = await client.authorize();
    } catch (err) {
      throw tokenFailure(err, { tokenUrl: this.tokenUrl, clientEmail: key.clientEmail, subject });
    }
    if (!credentials.access_token) {
      throw tokenFailure({ response: { status: 502, data: {} } }, { tokenUrl: this.tokenUrl, clientEmail: key.clientEmail });
    }
    const lifetimeMs = Math.max(0, (credentials.expiry_date ?? Date.now() + 3_600_000) - Date.now());
    return { value: credentials.access_token, ttlMs: lifetimeMs - Math.min(this.refreshMarginMs, lifetimeMs / 2) };
  }
}

/** Hashed so the cache's keys do not hold private keys in plain text (they are in memory anyway). */
function cacheKey(key: ServiceAccountKey, scopes: string[], subject = ''): string {
  return createHash('sha256')
    .update([key.clientEmail, key.privateKey, subject, [...scopes].sort().join(' ')].join('\0'))
    .digest('base64url');
}
