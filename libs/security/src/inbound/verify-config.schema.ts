import { z } from 'zod';
import { decodeStandardSecret } from './standard-webhooks.verifier';

/** RFC 9110 field-name characters: anything else could never arrive as a header. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAX_SECRET = 4096;
const MAX_TOLERANCE_SECONDS = 7 * 24 * 3600;

function text(field: string, max = MAX_SECRET) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max} characters` });
}

const headerName = (field: string) =>
  text(field, 256).regex(HEADER_NAME, { error: `${field} must be a valid HTTP header name` });

const tolerance = z
  .number({ error: 'toleranceSeconds must be a number of seconds' })
  .int({ error: 'toleranceSeconds must be a whole number of seconds' })
  .min(1, { error: 'toleranceSeconds must be at least 1' })
  .max(MAX_TOLERANCE_SECONDS, { error: `toleranceSeconds must be at most ${MAX_TOLERANCE_SECONDS}` })
  .optional();

// Strict objects: a misspelt field ("tolerance") is reported instead of silently ignored.
const scheme = <S extends string, T extends z.ZodRawShape>(name: S, shape: T) =>
  z.strictObject({ scheme: z.literal(name), ...shape }, { error: unknownFields });

function unknownFields(iss: { code?: string; keys?: string[] }): string | undefined {
  return iss.code === 'unrecognized_keys' ? `unknown field: ${(iss.keys ?? []).join(', ')}` : undefined;
}

const options = [
  scheme('github', { secret: text('secret') }),
  scheme('stripe', { secret: text('secret'), toleranceSeconds: tolerance }),
  scheme('shopify', { secret: text('secret') }),
  scheme('slack', { secret: text('secret'), toleranceSeconds: tolerance }),
  scheme('standard', {
    secret: text('secret').refine((s) => decodeStandardSecret(s) !== undefined, {
      error: 'secret must be a Standard Webhooks secret: "whsec_" followed by base64',
    }),
    toleranceSeconds: tolerance,
  }),
  scheme('hmac-sha256', {
    secret: text('secret'),
    header: headerName('header'),
    prefix: z.string({ error: 'prefix must be a string' }).max(64, { error: 'prefix must be at most 64 characters' }).optional(),
    encoding: z.enum(['hex', 'base64'], { error: 'encoding must be "hex" or "base64"' }).optional(),
  }),
  scheme('basic', {
    // RFC 7617: the user-id ends at the first colon, so a colon in it could never match.
    username: text('username', 256).refine((u) => !u.includes(':'), { error: 'username must not contain ":"' }),
    password: text('password'),
  }),
  scheme('header-token', {
    header: headerName('header'),
    // HTTP strips surrounding whitespace from header values, so such a token could never match.
    token: text('token').refine((t) => t === t.trim(), { error: 'token must not start or end with whitespace' }),
  }),
] as const;

export const VERIFY_SCHEMES = Object.freeze(options.map((o) => o.shape.scheme.value));

export const verifyConfigSchema = z.discriminatedUnion('scheme', [...options], {
  error: (iss) =>
    typeof iss.input !== 'object' || iss.input === null
      ? 'verify must be an object with a "scheme"'
      : `scheme must be one of: ${VERIFY_SCHEMES.join(', ')}`,
});

export type VerifyConfig = z.infer<typeof verifyConfigSchema>;
export type VerifyScheme = VerifyConfig['scheme'];

export interface VerifyConfigIssue {
  /** Dotted path of the offending field, e.g. "secret"; "" for the object itself. */
  field: string;
  message: string;
}

/** Validates user input for a `verify` block; issues are field-level, ready for a 400 problem response. */
export function validateVerifyConfig(
  input: unknown,
): { ok: true; config: VerifyConfig } | { ok: false; issues: VerifyConfigIssue[] } {
  const parsed = verifyConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issues = parsed.error.issues.flatMap((iss): VerifyConfigIssue[] =>
    iss.code === 'unrecognized_keys'
      ? iss.keys.map((key) => ({ field: [...iss.path, key].join('.'), message: `unknown field: ${key}` }))
      : [{ field: iss.path.join('.'), message: iss.message }],
  );
  return { ok: false, issues };
}
