import { failure } from '@app/testing';
import { Webhook } from 'standardwebhooks';
import { ResolvedConnection, StepError } from '@app/engine';
import { OutboundHttpClient } from '@app/security';
import { createHttpStep } from './http-step.factory';
import { RecordingServer, RecordedRequest } from './recording-server.fixture';

const SECRET = `whsec_${Buffer.from('a-32-byte-signing-key-for-tests!').toString('base64')}`;
const signing: ResolvedConnection = { id: 'c2', type: 'webhook-signing', name: 'Partner signing', config: {}, secrets: { secret: SECRET } };
const bearer: ResolvedConnection = { id: 'c3', type: 'http-bearer', name: 'CRM token', config: {}, secrets: { token: 't' } };

const ctx = (attempt: number, connection?: ResolvedConnection) => ({ runId: 'run-7', stepKey: 'notify', attempt, connection });

/** What a receiver does: the standardwebhooks package's own verify() over the bytes that arrived. */
const verify = (req: RecordedRequest) => new Webhook(SECRET).verify(req.body, req.headers as Record<string, string>);


describe('http step signing (Standard Webhooks)', () => {
  let target: RecordingServer;
  let client: OutboundHttpClient;

  beforeAll(async () => {
    target = await RecordingServer.start({ status: 204 });
    client = new OutboundHttpClient({ allowPrivate: true, allowHosts: [] });
  });

  afterAll(async () => {
    await client.close();
    await target.close();
  });

  it('signs a JSON body; the receiver verifies it with the same secret', async () => {
    const body = { event: 'order.paid', name: 'Zoë ✓', total: 12.5 };
    await createHttpStep(client).execute({ url: target.url('/hooks'), body, sign: true }, ctx(1, signing));
    const got = target.last();
    expect(verify(got)).toEqual(body);
    expect(got.headers['webhook-id']).toBe('run-7:notify');
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  });

  it.each([
    ['form', { email: 'a@b.c', tags: ['x', 'y'] }],
    ['text', 'plain café text'],
  ])('signs the exact bytes of a %s body', async (bodyType, body) => {
    await createHttpStep(client).execute({ url: target.url('/hooks'), body, bodyType, sign: true }, ctx(1, signing));
    expect(() => new Webhook(SECRET).verify(target.last().body, target.last().headers as Record<string, string>, { jsonParse: false })).not.toThrow();
  });

  it('signs a request without a body over the empty payload', async () => {
    await createHttpStep(client).execute({ url: target.url('/ping'), sign: true }, ctx(1, signing));
    expect(target.last().method).toBe('GET');
    expect(verify(target.last())).toBeUndefined();
  });

  it('keeps the same webhook-id across attempts of the step, so the receiver can dedupe the retry', async () => {
    target.answerNext({ status: 503, headers: { 'retry-after': '1' } });
    const first = await failure(createHttpStep(client).execute({ url: target.url('/hooks'), body: { n: 1 }, sign: true }, ctx(1, signing)));
    expect(first.transient).toBe(true);
    await createHttpStep(client).execute({ url: target.url('/hooks'), body: { n: 1 }, sign: true }, ctx(2, signing));
    const [a, b] = target.received.slice(-2);
    expect(a.headers['webhook-id']).toBe('run-7:notify');
    expect(b.headers['webhook-id']).toBe(a.headers['webhook-id']);
    expect(verify(a)).toEqual({ n: 1 });
    expect(verify(b)).toEqual({ n: 1 });
  });

  it('stamps webhook-timestamp from the clock, in seconds', async () => {
    const now = new Date(Date.now() - 61_500);
    const pinned = createHttpStep(client, { signing: { now: () => now } });
    await pinned.execute({ url: target.url('/hooks'), body: { a: 1 }, sign: true }, ctx(1, signing));
    expect(target.last().headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(verify(target.last())).toEqual({ a: 1 });
  });

  it('a signing connection signs unless sign is false', async () => {
    await createHttpStep(client).execute({ url: target.url('/hooks'), body: { a: 1 } }, ctx(1, signing));
    expect(verify(target.last())).toEqual({ a: 1 });
    await createHttpStep(client).execute({ url: target.url('/hooks'), body: { a: 1 }, sign: false }, ctx(1, signing));
    expect(target.last().headers['webhook-signature']).toBeUndefined();
  });

  it('replaces webhook-* headers typed into the step rather than sending two', async () => {
    await createHttpStep(client).execute(
      { url: target.url('/hooks'), body: { a: 1 }, headers: { 'Webhook-Id': 'typed' }, sign: true },
      ctx(1, signing),
    );
    expect(target.last().headers['webhook-id']).toBe('run-7:notify');
  });

  it.each([
    ['no connection', undefined, /Sign is on, but it has no connection/],
    ['an auth connection', bearer, /Sign is on, but its connection "CRM token" is http-bearer/],
  ])('sign: true with %s is a final error and sends nothing', async (_label, connection, message) => {
    const before = target.received.length;
    const err = await failure(createHttpStep(client).execute({ url: target.url('/hooks'), body: { a: 1 }, sign: true }, ctx(1, connection)));
    expect(err.transient).toBe(false);
    expect(err.message).toMatch(message);
    expect(target.received.length).toBe(before);
  });

  it('sign must be a boolean', async () => {
    const err = await failure(createHttpStep(client).execute({ url: target.url('/hooks'), sign: 'yes' }, ctx(1, signing)));
    expect(err.message).toMatch(/Sign must be true or false/);
  });

  it('never records the signing secret in an error', async () => {
    target.answerNext({ status: 400, body: 'bad signature' });
    const err = await failure(createHttpStep(client).execute({ url: target.url('/hooks'), body: { a: 1 }, sign: true }, ctx(1, signing)));
    expect(JSON.stringify({ message: err.message, details: err.details })).not.toContain(SECRET.slice(6));
  });

  it('a damaged secret is a final error', async () => {
    const broken = { ...signing, secrets: { secret: 'not base64!' } };
    const err = await failure(createHttpStep(client).execute({ url: target.url('/hooks'), sign: true }, ctx(1, broken)));
    expect(err).toMatchObject({ transient: false });
    expect(err.message).toMatch(/does not hold a usable signing secret/);
  });
});
