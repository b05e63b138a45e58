import { createHmac } from 'node:crypto';
import { verifyInbound } from './inbound-signature.verifier';
import type { InboundRequest } from './inbound-verify.types';

const request = (body: string | Buffer, headers: InboundRequest['headers']): InboundRequest => ({
  rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  headers,
});

describe('github (X-Hub-Signature-256)', () => {
  // docs.github.com, "Validating webhook deliveries" → "Testing the webhook payload validation".
  const secret = "It's a Secret to Everybody";
  const body = 'Hello, World!';
  const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
  const github = { scheme: 'github', secret } as const;

  it("accepts GitHub's published example", () => {
    expect(verifyInbound(github, request(body, { 'x-hub-signature-256': signature }))).toEqual({ ok: true });
  });

  it('compares hex case-insensitively and takes the first of repeated headers', () => {
    const upper = `sha256=${signature.slice(7).toUpperCase()}`;
    expect(verifyInbound(github, request(body, { 'x-hub-signature-256': [upper, 'sha256=00'] })).ok).toBe(true);
  });

  it('rejects a tampered body, a wrong secret, a missing header and a missing prefix', () => {
    expect(verifyInbound(github, request('Hello, World?', { 'x-hub-signature-256': signature }))).toEqual({
      ok: false,
      reason: 'X-Hub-Signature-256: signature does not match',
    });
    expect(verifyInbound({ ...github, secret: 'nope' }, request(body, { 'x-hub-signature-256': signature })).ok).toBe(false);
    expect(verifyInbound(github, request(body, {}))).toEqual({ ok: false, reason: 'X-Hub-Signature-256 is missing' });
    expect(verifyInbound(github, request(body, { 'x-hub-signature-256': signature.slice(7) }))).toEqual({
      ok: false,
      reason: 'X-Hub-Signature-256 must start with "sha256="',
    });
  });

  it('treats a truncated or over-long digest as a mismatch', () => {
    for (const bad of [signature.slice(0, -2), `${signature}00`, 'sha256=', 'sha256=zz']) {
      expect(verifyInbound(github, request(body, { 'x-hub-signature-256': bad }))).toEqual({
        ok: false,
        reason: 'X-Hub-Signature-256: signature does not match',
      });
    }
  });

  it('verifies the exact raw bytes, including bytes that are not valid UTF-8', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    const sig = `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;
    expect(verifyInbound(github, request(bytes, { 'x-hub-signature-256': sig })).ok).toBe(true);
    expect(verifyInbound(github, request(Buffer.from(bytes.toString('utf8')), { 'x-hub-signature-256': sig })).ok).toBe(false);
  });

  it('never echoes the secret or the expected signature', () => {
    const result = verifyInbound(github, request('other', { 'x-hub-signature-256': signature }));
    const expected = createHmac('sha256', secret).update('other').digest('hex');
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).not.toContain(expected);
  });
});

describe('shopify (X-Shopify-Hmac-Sha256)', () => {
  // Shopify publishes the recipe (base64 HMAC-SHA256 of the raw body under the app's client secret) but
  // no test vector, so the expected value is computed here independently with node:crypto.
  const secret = 'shpss_0123456789abcdef';
  const body = '{"id":820982911946154508,"email":"jon@example.com"}';
  const digest = createHmac('sha256', secret).update(body, 'utf8').digest('base64');
  const shopify = { scheme: 'shopify', secret } as const;

  it('accepts a valid signature', () => {
    expect(verifyInbound(shopify, request(body, { 'x-shopify-hmac-sha256': digest }))).toEqual({ ok: true });
  });

  it('rejects a tampered body, a wrong secret and a missing header', () => {
    expect(verifyInbound(shopify, request(`${body} `, { 'x-shopify-hmac-sha256': digest })).ok).toBe(false);
    expect(verifyInbound({ ...shopify, secret: 'other' }, request(body, { 'x-shopify-hmac-sha256': digest })).ok).toBe(false);
    expect(verifyInbound(shopify, request(body, {}))).toEqual({ ok: false, reason: 'X-Shopify-Hmac-Sha256 is missing' });
  });

  it('does not accept the hex form of the same digest', () => {
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    expect(verifyInbound(shopify, request(body, { 'x-shopify-hmac-sha256': hex })).ok).toBe(false);
  });
});

describe('hmac-sha256 (generic)', () => {
  const secret = 'generic-secret';
  const body = '{"event":"ping"}';
  const digest = createHmac('sha256', secret).update(body).digest();
  const hex = digest.toString('hex');
  const base64 = digest.toString('base64');

  it('checks hex with a prefix, in the configured header', () => {
    const config = { scheme: 'hmac-sha256', secret, header: 'X-Signature', prefix: 'sha256=' } as const;
    expect(verifyInbound(config, request(body, { 'x-signature': `sha256=${hex}` }))).toEqual({ ok: true });
    expect(verifyInbound(config, request(body, { 'x-signature': `SHA256=${hex.toUpperCase()}` })).ok).toBe(true);
    expect(verifyInbound(config, request(body, { 'x-signature': hex }))).toEqual({
      ok: false,
      reason: 'X-Signature must start with "sha256="',
    });
    expect(verifyInbound(config, request(body, {}))).toEqual({ ok: false, reason: 'X-Signature is missing' });
  });

  it('checks base64 (standard or URL-safe) with a prefix', () => {
    const config = { scheme: 'hmac-sha256', secret, header: 'x-sig', prefix: 'v1=', encoding: 'base64' } as const;
    const urlSafe = base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(verifyInbound(config, request(body, { 'x-sig': `v1=${base64}` })).ok).toBe(true);
    expect(verifyInbound(config, request(body, { 'x-sig': `v1=${urlSafe}` })).ok).toBe(true);
    expect(verifyInbound(config, request('{"event":"pong"}', { 'x-sig': `v1=${base64}` }))).toEqual({
      ok: false,
      reason: 'x-sig: signature does not match',
    });
  });

  it('defaults to hex without a prefix', () => {
    const config = { scheme: 'hmac-sha256', secret, header: 'x-sig' } as const;
    expect(verifyInbound(config, request(body, { 'x-sig': hex })).ok).toBe(true);
    expect(verifyInbound(config, request(body, { 'x-sig': base64 })).ok).toBe(false);
  });
});
