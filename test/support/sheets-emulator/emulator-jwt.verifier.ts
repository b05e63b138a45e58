import { KeyObject, verify } from 'node:crypto';

export interface VerifiedAssertion {
  clientEmail: string;
  scopes: string[];
  subject?: string;
}

export type AssertionCheck = { ok: true; claims: VerifiedAssertion } | { ok: false; status: number; error: string; description: string };

export interface AssertionRules {
  /** Public keys by client_email. */
  keys: Map<string, KeyObject>;
  audience: string;
  /** Seconds since the epoch. */
  now: number;
}

const refuse = (description: string, error = 'invalid_grant', status = 400): AssertionCheck => ({ ok: false, status, error, description });

/** Checks an RS256 JWT bearer assertion the way Google's token endpoint does, with Google's error texts. */
export function verifyAssertion(assertion: string, rules: AssertionRules): AssertionCheck {
  const parts = assertion.split('.');
  if (parts.length !== 3) return refuse('Invalid JWT: malformed.');
  const [header, payload] = parts.slice(0, 2).map((p) => {
    try {
      return JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  });
  if (!header || !payload) return refuse('Invalid JWT: malformed.');
  if (header.alg !== 'RS256') return refuse(`Invalid JWT: unsupported algorithm ${String(header.alg)}.`);
  const key = typeof payload.iss === 'string' ? rules.keys.get(payload.iss) : undefined;
  if (!key) return refuse('Invalid grant: account not found');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!verify('RSA-SHA256', signed, key, Buffer.from(parts[2], 'base64url'))) return refuse('Invalid JWT Signature.');
  if (payload.aud !== rules.audience) return refuse('Invalid JWT: Failed audience check.');
  const iat = Number(payload.iat);
  const exp = Number(payload.exp);
  if (!(iat <= rules.now + 300 && exp > rules.now && exp - iat <= 3600)) {
    return refuse('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
  }
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  if (scopes.length === 0) return refuse('Invalid OAuth scope or ID token audience provided.', 'invalid_scope');
  return { ok: true, claims: { clientEmail: payload.iss as string, scopes, subject: typeof payload.sub === 'string' ? payload.sub : undefined } };
}
