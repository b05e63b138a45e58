import { createHmac } from 'node:crypto';
import { verifyInbound } from './inbound-signature.verifier';

// Stripe documents the algorithm ("Verify signatures manually": signed_payload = `${t}.${body}`, HMAC-SHA256
// with the endpoint secret, hex, compared with each v1) but publishes no test vector, so signatures are
// computed here independently with node:crypto following that recipe.
const secret = 'whsec_test_stripe_endpoint_secret';
const body = '{\n  "id": "evt_1",\n  "object": "event",\n  "type": "payment_intent.succeeded"\n}';
const t = 1700000000;
const now = new Date(t * 1000 + 30_000);
const sign = (key: string, ts = t, payload = body) => createHmac('sha256', key).update(`${ts}.${payload}`).digest('hex');
const stripe = { scheme: 'stripe', secret } as const;
const request = (header: string | undefined, payload = body) => ({
  rawBody: Buffer.from(payload),
  headers: { 'stripe-signature': header },
});

describe('stripe (Stripe-Signature)', () => {
  it('accepts a valid signature within the tolerance', () => {
    expect(verifyInbound(stripe, request(`t=${t},v1=${sign(secret)}`), now)).toEqual({ ok: true });
  });

  it('accepts any matching v1 among several (secret rotation) and ignores v0', () => {
    const header = `t=${t},v1=${sign('old-secret')},v0=${sign(secret)},v1=${sign(secret)}`;
    expect(verifyInbound(stripe, request(header), now).ok).toBe(true);
    expect(verifyInbound(stripe, request(`t=${t},v0=${sign(secret)}`), now)).toEqual({
      ok: false,
      reason: 'Stripe-Signature has no v1 signature',
    });
  });

  it('rejects a tampered body, a wrong secret and a missing or incomplete header', () => {
    const header = `t=${t},v1=${sign(secret)}`;
    expect(verifyInbound(stripe, request(header, body.replace('succeeded', 'failed')), now)).toEqual({
      ok: false,
      reason: 'Stripe-Signature: signature does not match',
    });
    expect(verifyInbound({ ...stripe, secret: 'whsec_other' }, request(header), now).ok).toBe(false);
    expect(verifyInbound(stripe, request(undefined), now)).toEqual({ ok: false, reason: 'Stripe-Signature is missing' });
    expect(verifyInbound(stripe, request(`v1=${sign(secret)}`), now)).toEqual({
      ok: false,
      reason: 'Stripe-Signature has no timestamp (t=)',
    });
  });

  it('rejects a timestamp moved to match another signature', () => {
    expect(verifyInbound(stripe, request(`t=${t + 1},v1=${sign(secret)}`), now).ok).toBe(false);
  });

  it('rejects old and future timestamps beyond the default 300 s', () => {
    const old = t - 412 + 30;
    expect(verifyInbound(stripe, request(`t=${old},v1=${sign(secret, old)}`), now)).toEqual({
      ok: false,
      reason: 'Stripe-Signature timestamp is 412 s old, more than the 300 s allowed',
    });
    const future = t + 30 + 301;
    expect(verifyInbound(stripe, request(`t=${future},v1=${sign(secret, future)}`), now)).toEqual({
      ok: false,
      reason: 'Stripe-Signature timestamp is 301 s in the future, more than the 300 s allowed',
    });
  });

  it('honours toleranceSeconds', () => {
    const old = t - 570; // 600 s before now
    const header = `t=${old},v1=${sign(secret, old)}`;
    expect(verifyInbound({ ...stripe, toleranceSeconds: 600 }, request(header), now).ok).toBe(true);
    expect(verifyInbound({ ...stripe, toleranceSeconds: 599 }, request(header), now).ok).toBe(false);
  });

  it('rejects a timestamp that is not Unix seconds', () => {
    expect(verifyInbound(stripe, request(`t=soon,v1=${sign(secret)}`), now)).toEqual({
      ok: false,
      reason: 'Stripe-Signature timestamp is not a Unix timestamp in seconds',
    });
  });
});
