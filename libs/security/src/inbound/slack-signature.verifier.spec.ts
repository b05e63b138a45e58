import { createHmac } from 'node:crypto';
import { verifyInbound } from './inbound-signature.verifier';

// api.slack.com, "Verifying requests from Slack": the worked example (signing secret, timestamp, the
// slash-command body and the resulting X-Slack-Signature).
const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const timestamp = 1531420618;
const body =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
  '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
  '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const slack = { scheme: 'slack', secret } as const;
const at = (seconds: number) => new Date(seconds * 1000);
const request = (headers: Record<string, string>, payload = body) => ({ rawBody: Buffer.from(payload), headers });
const valid = { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };

describe('slack (X-Slack-Signature)', () => {
  it("accepts Slack's published example", () => {
    expect(verifyInbound(slack, request(valid), at(timestamp + 5))).toEqual({ ok: true });
  });

  it('rejects a tampered body, a wrong secret and a changed timestamp', () => {
    expect(verifyInbound(slack, request(valid, body.replace('foobar', 'foobaz')), at(timestamp))).toEqual({
      ok: false,
      reason: 'X-Slack-Signature: signature does not match',
    });
    expect(verifyInbound({ ...slack, secret: 'x' }, request(valid), at(timestamp)).ok).toBe(false);
    const moved = { ...valid, 'x-slack-request-timestamp': String(timestamp + 1) };
    expect(verifyInbound(slack, request(moved), at(timestamp)).ok).toBe(false);
  });

  it('names the missing header', () => {
    expect(verifyInbound(slack, request({ 'x-slack-signature': signature }), at(timestamp))).toEqual({
      ok: false,
      reason: 'X-Slack-Request-Timestamp is missing',
    });
    expect(verifyInbound(slack, request({ 'x-slack-request-timestamp': String(timestamp) }), at(timestamp))).toEqual({
      ok: false,
      reason: 'X-Slack-Signature is missing',
    });
  });

  it('rejects a request older or newer than the tolerance', () => {
    expect(verifyInbound(slack, request(valid), at(timestamp + 412))).toEqual({
      ok: false,
      reason: 'X-Slack-Request-Timestamp is 412 s old, more than the 300 s allowed',
    });
    expect(verifyInbound(slack, request(valid), at(timestamp - 301))).toEqual({
      ok: false,
      reason: 'X-Slack-Request-Timestamp is 301 s in the future, more than the 300 s allowed',
    });
    expect(verifyInbound({ ...slack, toleranceSeconds: 412 }, request(valid), at(timestamp + 412)).ok).toBe(true);
  });

  it('reports a wrong signature before a stale timestamp, so forgers learn nothing about the clock', () => {
    const forged = { ...valid, 'x-slack-signature': `v0=${createHmac('sha256', 'guess').update('x').digest('hex')}` };
    expect(verifyInbound(slack, request(forged), at(timestamp + 10_000))).toEqual({
      ok: false,
      reason: 'X-Slack-Signature: signature does not match',
    });
  });
});
