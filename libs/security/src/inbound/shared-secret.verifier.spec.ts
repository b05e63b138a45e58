import { verifyInbound } from './inbound-signature.verifier';

const request = (headers: Record<string, string>) => ({ rawBody: Buffer.from('{}'), headers });
const basicHeader = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('basic (Authorization: Basic)', () => {
  const basic = { scheme: 'basic', username: 'hooks', password: 'pa:ss wörd' } as const;

  it('accepts the right credentials (a colon in the password is fine)', () => {
    expect(verifyInbound(basic, request({ authorization: basicHeader('hooks:pa:ss wörd') }))).toEqual({ ok: true });
    expect(verifyInbound(basic, request({ authorization: `basic ${basicHeader('hooks:pa:ss wörd').slice(6)}` })).ok).toBe(true);
  });

  it('rejects a wrong username or password with one message', () => {
    const wrong = { ok: false, reason: 'Authorization: username or password is wrong' };
    expect(verifyInbound(basic, request({ authorization: basicHeader('hooks:pa:ss word') }))).toEqual(wrong);
    expect(verifyInbound(basic, request({ authorization: basicHeader('admin:pa:ss wörd') }))).toEqual(wrong);
  });

  it('rejects a missing header and other schemes', () => {
    expect(verifyInbound(basic, request({}))).toEqual({ ok: false, reason: 'Authorization is missing' });
    expect(verifyInbound(basic, request({ authorization: 'Bearer abc' }))).toEqual({
      ok: false,
      reason: 'Authorization is not Basic credentials',
    });
    expect(verifyInbound(basic, request({ authorization: basicHeader('no-colon') })).ok).toBe(false);
  });
});

describe('header-token', () => {
  const config = { scheme: 'header-token', header: 'X-Hook-Token', token: 's3cr3t-token' } as const;

  it('accepts the right token and rejects a wrong, longer, shorter or missing one', () => {
    expect(verifyInbound(config, request({ 'x-hook-token': 's3cr3t-token' }))).toEqual({ ok: true });
    for (const token of ['s3cr3t-tokeN', 's3cr3t-token2', 's3cr3t', '']) {
      const result = verifyInbound(config, request({ 'x-hook-token': token }));
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain('s3cr3t-token');
    }
    expect(verifyInbound(config, request({}))).toEqual({ ok: false, reason: 'X-Hook-Token is missing' });
    expect(verifyInbound(config, request({ 'x-hook-token': 'nope' }))).toEqual({
      ok: false,
      reason: 'X-Hook-Token: token does not match',
    });
  });
});

describe('verifyInbound', () => {
  it('fails closed on a scheme it does not know (e.g. a stale stored config)', () => {
    expect(verifyInbound({ scheme: 'sha1' } as never, request({}))).toEqual({
      ok: false,
      reason: 'unknown verify scheme "sha1"',
    });
    expect(verifyInbound({ scheme: 'toString' } as never, request({})).ok).toBe(false);
  });
});
