import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { verifyInbound } from './inbound-signature.verifier';

// Published vector: standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts
// ("sign function works"); the same values appear in the other language libraries' tests.
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = 1614265330;
const body = '{"test": 2432232314}';
const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const standard = { scheme: 'standard', secret } as const;
const at = (seconds: number) => new Date(seconds * 1000);
const headers = (overrides: Record<string, string | undefined> = {}) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': signature,
  ...overrides,
});
const request = (h = headers(), payload: string | Buffer = body) => ({ rawBody: Buffer.from(payload), headers: h });

describe('standard (Standard Webhooks)', () => {
  it('accepts the published vector, with or without the whsec_ prefix', () => {
    expect(verifyInbound(standard, request(), at(timestamp))).toEqual({ ok: true });
    expect(verifyInbound({ ...standard, secret: secret.slice(6) }, request(), at(timestamp)).ok).toBe(true);
  });

  it('agrees with the standardwebhooks package (sign there, verify here, and its own verify)', () => {
    const now = new Date();
    const wh = new Webhook(secret);
    const h = headers({
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': wh.sign(id, now, '{"type":"user.created"}'),
    });
    expect(verifyInbound(standard, request(h, '{"type":"user.created"}'), now).ok).toBe(true);
    expect(() => wh.verify('{"type":"user.created"}', h as Record<string, string>)).not.toThrow();
  });

  it('accepts any v1 among several and skips other versions', () => {
    const list = `v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw== v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= ${signature}`;
    expect(verifyInbound(standard, request(headers({ 'webhook-signature': list })), at(timestamp)).ok).toBe(true);
    expect(verifyInbound(standard, request(headers({ 'webhook-signature': 'v2,abc' })), at(timestamp))).toEqual({
      ok: false,
      reason: 'webhook-signature has no v1 signature',
    });
  });

  it('rejects a tampered body, a wrong secret, a changed id and missing headers', () => {
    expect(verifyInbound(standard, request(headers(), '{"test": 2432232315}'), at(timestamp))).toEqual({
      ok: false,
      reason: 'webhook-signature: signature does not match',
    });
    const other = { ...standard, secret: 'whsec_' + Buffer.alloc(24, 7).toString('base64') };
    expect(verifyInbound(other, request(), at(timestamp)).ok).toBe(false);
    expect(verifyInbound(standard, request(headers({ 'webhook-id': 'msg_other' })), at(timestamp)).ok).toBe(false);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      expect(verifyInbound(standard, request(headers({ [name]: undefined })), at(timestamp))).toEqual({
        ok: false,
        reason: `${name} is missing`,
      });
    }
  });

  it('rejects timestamps beyond the tolerance either way', () => {
    expect(verifyInbound(standard, request(), at(timestamp + 412))).toEqual({
      ok: false,
      reason: 'webhook-timestamp is 412 s old, more than the 300 s allowed',
    });
    expect(verifyInbound(standard, request(), at(timestamp - 400)).ok).toBe(false);
    expect(verifyInbound({ ...standard, toleranceSeconds: 500 }, request(), at(timestamp - 400)).ok).toBe(true);
  });

  it('signs the raw bytes, even when they are not valid UTF-8', () => {
    const bytes = Buffer.from([0x80, 0x81, 0x82]);
    const key = Buffer.from(secret.slice(6), 'base64');
    const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(bytes).digest('base64');
    expect(verifyInbound(standard, request(headers({ 'webhook-signature': `v1,${mac}` }), bytes), at(timestamp)).ok).toBe(true);
  });
});
