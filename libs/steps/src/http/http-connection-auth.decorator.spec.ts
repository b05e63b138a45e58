import { failure, recorded } from '@app/testing';
import { ResolvedConnection, StepError } from '@app/engine';
import { OutboundHttpClient } from '@app/security';
import { createHttpStep } from './http-step.factory';
import { RecordingServer } from './recording-server.fixture';

const connection = (type: string, secrets: Record<string, string>, config: Record<string, unknown> = {}): ResolvedConnection => ({
  id: 'c1',
  type,
  name: 'CRM key',
  config,
  secrets,
});

const ctxWith = (conn?: ResolvedConnection) => ({ runId: 'run-1', stepKey: 'crm', attempt: 1, connection: conn });



describe('http step with an auth connection', () => {
  let target: RecordingServer;
  let client: OutboundHttpClient;
  const step = () => createHttpStep(client);

  beforeAll(async () => {
    target = await RecordingServer.start({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    client = new OutboundHttpClient({ allowPrivate: true, allowHosts: [] });
  });

  afterAll(async () => {
    await client.close();
    await target.close();
  });

  it('declares the connection types it accepts and the sign field', () => {
    expect(step().connection).toEqual({ types: ['http-bearer', 'http-basic', 'http-header', 'webhook-signing'], required: false });
    expect(step().fields.map((f) => f.name)).toEqual(['url', 'method', 'query', 'headers', 'body', 'bodyType', 'timeoutMs', 'sign']);
  });

  it('http-bearer sends Authorization: Bearer', async () => {
    await step().execute({ url: target.url('/leads') }, ctxWith(connection('http-bearer', { token: 'tok-123' })));
    expect(target.last().headers.authorization).toBe('Bearer tok-123');
  });

  it('http-basic sends Authorization: Basic with user and password (a colon in the password is fine)', async () => {
    await step().execute({ url: target.url('/leads') }, ctxWith(connection('http-basic', { username: 'ada', password: 'p@ss:wörd' })));
    const header = target.last().headers.authorization!;
    expect(header).toMatch(/^Basic /);
    expect(Buffer.from(header.slice(6), 'base64').toString('utf8')).toBe('ada:p@ss:wörd');
  });

  it('http-header sends the value under the configured name', async () => {
    await step().execute({ url: target.url('/leads') }, ctxWith(connection('http-header', { value: 'k-999' }, { name: 'X-Api-Key' })));
    expect(target.last().headers['x-api-key']).toBe('k-999');
    expect(target.last().headers.authorization).toBeUndefined();
  });

  it('the connection replaces a header of the same name typed into the step, whatever its case', async () => {
    await step().execute(
      { url: target.url('/leads'), headers: { AUTHORIZATION: 'Bearer typed', 'X-Other': '1' } },
      ctxWith(connection('http-bearer', { token: 'tok-123' })),
    );
    const raw = target.last().headers;
    expect(raw.authorization).toBe('Bearer tok-123');
    expect(raw['x-other']).toBe('1');
  });

  it('no connection: no auth header', async () => {
    await step().execute({ url: target.url('/leads') }, ctxWith());
    expect(target.last().headers.authorization).toBeUndefined();
  });

  describe('secrets stay out of errors', () => {
    it.each([
      ['http-bearer', connection('http-bearer', { token: 'tok-secret-1' }), 'authorization', ['tok-secret-1']],
      [
        'http-basic',
        connection('http-basic', { username: 'ada', password: 'pw-secret-2' }),
        'authorization',
        ['pw-secret-2', Buffer.from('ada:pw-secret-2').toString('base64')],
      ],
      ['http-header', connection('http-header', { value: 'hv-secret-3' }, { name: 'X-Api-Key' }), 'X-Api-Key', ['hv-secret-3']],
    ])('%s: the request summary shows [redacted], and an echoed secret is blanked', async (_type, conn, header, secrets) => {
      // A service that echoes what it got back into its error body, as debugging endpoints do.
      target.answerNext({ status: 401, body: `rejected credentials ${secrets.join(' and ')}` });
      const err = await failure(step().execute({ url: target.url('/leads'), headers: { 'X-Trace': 't1' } }, ctxWith(conn)));
      expect(err.transient).toBe(false);
      const request = err.details!.request as { headers: Record<string, string> };
      expect(request.headers[header]).toBe('[redacted]');
      expect(request.headers['X-Trace']).toBe('t1');
      expect(err.details!.body).toBe(`rejected credentials ${secrets.map(() => '[redacted]').join(' and ')}`);
      for (const secret of secrets) expect(recorded(err)).not.toContain(secret);
    });

    it('a network failure does not reveal the secret either', async () => {
      const down = await RecordingServer.start();
      const url = down.url('/leads');
      await down.close();
      const err = await failure(step().execute({ url }, ctxWith(connection('http-bearer', { token: 'tok-secret-4' }))));
      expect(err.transient).toBe(true);
      expect(err.details!.request).toMatchObject({ headers: { authorization: '[redacted]' } });
      expect(recorded(err)).not.toContain('tok-secret-4');
    });

    it('a user-typed Authorization header is redacted too', async () => {
      target.answerNext({ status: 403 });
      const err = await failure(step().execute({ url: target.url('/leads'), headers: { Authorization: 'Bearer typed-5' } }, ctxWith()));
      expect(recorded(err)).not.toContain('typed-5');
    });
  });

  it('refuses a connection of a type it cannot use, without calling out', async () => {
    const before = target.received.length;
    const err = await failure(step().execute({ url: target.url('/leads') }, ctxWith(connection('smtp', { pass: 'x' }))));
    expect(err.transient).toBe(false);
    expect(err.message).toMatch(/"CRM key" is a smtp connection; http steps take http-bearer, http-basic, http-header, webhook-signing/);
    expect(target.received.length).toBe(before);
  });

  it('a damaged connection record is a final error naming what is missing', async () => {
    const err = await failure(step().execute({ url: target.url('/leads') }, ctxWith(connection('http-header', { value: 'v' }, {}))));
    expect(err).toMatchObject({ transient: false });
    expect(err.message).toMatch(/"CRM key" \(http-header\) is missing its header name/);
  });
});
