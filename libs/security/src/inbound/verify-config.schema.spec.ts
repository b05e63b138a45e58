import { validateVerifyConfig, VERIFY_SCHEMES, verifyConfigSchema } from './verify-config.schema';
import { SECRET_FIELDS } from './verify-secret.fields';

describe('verify config validation', () => {
  it('accepts one valid config per scheme', () => {
    const valid = [
      { scheme: 'github', secret: 's' },
      { scheme: 'stripe', secret: 'whsec_x', toleranceSeconds: 600 },
      { scheme: 'shopify', secret: 's' },
      { scheme: 'slack', secret: 's' },
      { scheme: 'standard', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      { scheme: 'hmac-sha256', secret: 's', header: 'X-Signature', prefix: 'sha256=', encoding: 'base64' },
      { scheme: 'basic', username: 'u', password: 'p' },
      { scheme: 'header-token', header: 'X-Token', token: 't' },
    ];
    expect(valid.map((c) => c.scheme)).toEqual([...VERIFY_SCHEMES]);
    for (const config of valid) expect(validateVerifyConfig(config)).toEqual({ ok: true, config });
  });

  it.each([
    [{ scheme: 'md5', secret: 's' }, 'scheme', 'scheme must be one of: github, stripe, shopify, slack, standard, hmac-sha256, basic, header-token'],
    [null, '', 'verify must be an object with a "scheme"'],
    [{ scheme: 'github' }, 'secret', 'secret is required'],
    [{ scheme: 'github', secret: '' }, 'secret', 'secret must not be empty'],
    [{ scheme: 'github', secret: 5 }, 'secret', 'secret must be a string'],
    [{ scheme: 'github', secret: 's', tolerance: 5 }, 'tolerance', 'unknown field: tolerance'],
    [{ scheme: 'stripe', secret: 's', toleranceSeconds: 0 }, 'toleranceSeconds', 'toleranceSeconds must be at least 1'],
    [{ scheme: 'slack', secret: 's', toleranceSeconds: 1.5 }, 'toleranceSeconds', 'toleranceSeconds must be a whole number of seconds'],
    [{ scheme: 'standard', secret: 'whsec_not base64!' }, 'secret', 'secret must be a Standard Webhooks secret: "whsec_" followed by base64'],
    [{ scheme: 'hmac-sha256', secret: 's' }, 'header', 'header is required'],
    [{ scheme: 'hmac-sha256', secret: 's', header: 'X Sig' }, 'header', 'header must be a valid HTTP header name'],
    [{ scheme: 'hmac-sha256', secret: 's', header: 'x', encoding: 'binary' }, 'encoding', 'encoding must be "hex" or "base64"'],
    [{ scheme: 'basic', username: 'a:b', password: 'p' }, 'username', 'username must not contain ":"'],
    [{ scheme: 'header-token', header: 'x', token: ' t' }, 'token', 'token must not start or end with whitespace'],
  ])('rejects %j at field "%s"', (input, field, message) => {
    const result = validateVerifyConfig(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toContainEqual({ field, message });
  });

  it('never echoes a submitted secret in its messages', () => {
    const result = verifyConfigSchema.safeParse({ scheme: 'standard', secret: 'whsec_TOPSECRET!' });
    expect(JSON.stringify(result.error?.issues.map((i) => i.message))).not.toContain('TOPSECRET');
  });

  it('names a secret field for every scheme, each one a field of that scheme', () => {
    expect(Object.keys(SECRET_FIELDS).sort()).toEqual([...VERIFY_SCHEMES].sort());
    expect(SECRET_FIELDS.basic).toEqual(['password']);
    expect(SECRET_FIELDS['header-token']).toEqual(['token']);
    expect(SECRET_FIELDS.github).toEqual(['secret']);
  });
});
