import { failure } from '@app/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StepError } from '@app/engine';
import { OutboundHttpClient } from '@app/security';
import { HttpStep } from './http.step';
import type { HttpRequestDecorator } from './http-request.types';

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real loopback service; the path picks the answer, every request is recorded. */
function startTarget(received: Received[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const path = new URL(req.url!, 'http://x').pathname;
      switch (path) {
        case '/json':
          return res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': 'abc' }).end('{"id":42,"ok":true}');
        case '/problem':
          return res.writeHead(200, { 'content-type': 'application/problem+json' }).end('{"title":"x"}');
        case '/broken-json':
          return res.writeHead(200, { 'content-type': 'application/json' }).end('{not json');
        case '/latin1':
          return res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        case '/empty':
          return res.writeHead(204).end();
        case '/not-modified':
          return res.writeHead(304).end();
        case '/404':
          return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such lead"}');
        case '/401':
          return res.writeHead(401).end('bad token');
        case '/422':
          return res.writeHead(422).end('email is invalid');
        case '/408':
          return res.writeHead(408).end();
        case '/429':
          return res.writeHead(429, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() }).end('slow down');
        case '/500':
          return res.writeHead(500).end('x'.repeat(2000));
        case '/503':
          return res.writeHead(503, { 'retry-after': '7' }).end('maintenance');
        case '/hang':
          return;
        default:
          return res.writeHead(200, { 'content-type': 'text/plain' }).end('plain text');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const ctx = { runId: 'run-1', stepKey: 'crm', attempt: 1 };


describe('HttpStep', () => {
  const received: Received[] = [];
  let server: http.Server;
  let base: string;
  let client: OutboundHttpClient;
  let guarded: OutboundHttpClient;
  let step: HttpStep;
  const last = () => received[received.length - 1];

  beforeAll(async () => {
    server = await startTarget(received);
    const port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    client = new OutboundHttpClient({ allowPrivate: false, allowHosts: [`127.0.0.1:${port}`] });
    guarded = new OutboundHttpClient({ allowPrivate: false, allowHosts: [] });
    step = new HttpStep(client);
  });

  afterAll(async () => {
    await Promise.all([client.close(), guarded.close()]);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  describe('request mapping', () => {
    it('sends a JSON body with POST by default and appends the query', async () => {
      await step.execute(
        { url: `${base}/json?src=form`, body: { fullName: 'Ada', score: 3 }, query: { tag: ['a', 'b'], page: 2, skip: null } },
        ctx,
      );
      expect(last()).toMatchObject({ method: 'POST', path: '/json?src=form&tag=a&tag=b&page=2', body: '{"fullName":"Ada","score":3}' });
      expect(last().headers['content-type']).toBe('application/json');
    });

    it('sends a form body, nested keys in brackets and lists repeated', async () => {
      await step.execute(
        { url: `${base}/echo`, bodyType: 'form', body: { email: 'a@b.c', customer: { name: 'Ada L' }, tag: ['x', 'y'], empty: null } },
        ctx,
      );
      expect(last().body).toBe('email=a%40b.c&customer%5Bname%5D=Ada+L&tag=x&tag=y&empty=');
      expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(last().body))).toMatchObject({ 'customer[name]': 'Ada L' });
    });

    it('sends a text body as given', async () => {
      await step.execute({ url: `${base}/echo`, method: 'put', bodyType: 'text', body: 'hello, world' }, ctx);
      expect(last()).toMatchObject({ method: 'PUT', body: 'hello, world' });
      expect(last().headers['content-type']).toBe('text/plain; charset=utf-8');
    });

    it('keeps a content-type the user set and passes headers through', async () => {
      await step.execute(
        { url: `${base}/echo`, headers: { 'Content-Type': 'application/vnd.api+json', 'X-Api-Version': 2, 'X-Many': ['a', 'b'] }, body: { a: 1 } },
        ctx,
      );
      expect(last().headers).toMatchObject({ 'content-type': 'application/vnd.api+json', 'x-api-version': '2', 'x-many': 'a, b' });
    });

    it('uses GET when there is no body', async () => {
      await step.execute({ url: `${base}/echo`, query: 'a=1&b=two' }, ctx);
      expect(last()).toMatchObject({ method: 'GET', path: '/echo?a=1&b=two', body: '' });
      expect(last().headers['content-type']).toBeUndefined();
    });

    it('lets a decorator (future auth/sign) change the prepared request and add fields', async () => {
      const auth: HttpRequestDecorator = {
        fields: [{ name: 'sign', label: 'Sign with' }],
        decorate: (request) => ({ ...request, headers: { ...request.headers, authorization: 'Bearer t0k' } }),
      };
      const decorated = new HttpStep(client, { decorators: [auth] });
      expect(decorated.fields.map((f) => f.name)).toContain('sign');
      await decorated.execute({ url: `${base}/echo` }, ctx);
      expect(last().headers.authorization).toBe('Bearer t0k');
    });
  });

  describe('output', () => {
    it('parses a JSON response and lower-cases header names', async () => {
      const out = await step.execute({ url: `${base}/json`, method: 'GET' }, ctx);
      expect(out).toMatchObject({ status: 201, body: { id: 42, ok: true } });
      expect(out.headers['x-request-id']).toBe('abc');
      expect(Object.keys(out.headers).every((h) => h === h.toLowerCase())).toBe(true);
    });

    it.each([
      ['/problem', { title: 'x' }],
      ['/broken-json', '{not json'],
      ['/plain', 'plain text'],
      ['/latin1', 'café'],
      ['/empty', ''],
    ])('reads %s', async (path, body) => {
      expect((await step.execute({ url: `${base}${path}` }, ctx)).body).toEqual(body);
    });

    it('returns a final 3xx as output', async () => {
      expect((await step.execute({ url: `${base}/not-modified` }, ctx)).status).toBe(304);
    });
  });

  describe('failures', () => {
    it.each([
      ['/404', 404, /answered 404 Not Found\. Check the URL/],
      ['/401', 401, /answered 401 Unauthorized\. Check the credentials/],
      ['/422', 422, /answered 422 Unprocessable Entity\. The service rejected/],
    ])('%s is a terminal failure', async (path, status, message) => {
      const err = await failure(step.execute({ url: `${base}${path}`, body: { a: 1 } }, ctx));
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(message);
      expect(err.details).toMatchObject({ status, request: { method: 'POST', url: `${base}${path}` } });
    });

    it('keeps an excerpt of the error body', async () => {
      const err = await failure(step.execute({ url: `${base}/404` }, ctx));
      expect(err.details?.body).toBe('{"error":"no such lead"}');
      const long = await failure(step.execute({ url: `${base}/500` }, ctx));
      expect((long.details?.body as string).length).toBe(500);
    });

    it('503 is transient and honours Retry-After seconds', async () => {
      const err = await failure(step.execute({ url: `${base}/503` }, ctx));
      expect(err).toMatchObject({ transient: true, retryAfterMs: 7000 });
      expect(err.message).toMatch(/503 Service Unavailable.*retried \(the server asked to wait 7 s\)/);
    });

    it('429 is transient and honours a Retry-After date', async () => {
      const err = await failure(step.execute({ url: `${base}/429` }, ctx));
      expect(err.transient).toBe(true);
      expect(err.retryAfterMs).toBeGreaterThan(115_000);
      expect(err.retryAfterMs).toBeLessThanOrEqual(120_000);
    });

    it.each(['/408', '/500'])('%s is transient without a Retry-After', async (path) => {
      const err = await failure(step.execute({ url: `${base}${path}` }, ctx));
      expect(err).toMatchObject({ transient: true, retryAfterMs: undefined });
    });

    it('a timeout is transient', async () => {
      const err = await failure(step.execute({ url: `${base}/hang`, timeoutMs: 150 }, ctx));
      expect(err.transient).toBe(true);
      expect(err.message).toMatch(/within 150 ms.*retried/);
    });

    it('a refused connection is transient', async () => {
      const closed = http.createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((r) => closed.close(r));
      const open = new OutboundHttpClient({ allowPrivate: true, allowHosts: [] });
      const err = await failure(new HttpStep(open).execute({ url: `http://127.0.0.1:${port}/` }, ctx));
      await open.close();
      expect(err).toMatchObject({ transient: true, details: { code: 'ECONNREFUSED' } });
      expect(err.message).toMatch(/Could not reach .*ECONNREFUSED.*it will be retried/);
    });

    it.each([
      ['a loopback literal', () => `${base}/json`],
      ['a spelled-out loopback', () => base.replace('127.0.0.1', '2130706433')],
      ['localhost', () => base.replace('127.0.0.1', 'localhost')],
      ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ])('refuses %s with a terminal error that explains the opt-outs', async (_label, url) => {
      const before = received.length;
      const err = await failure(new HttpStep(guarded).execute({ url: url() }, ctx));
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(/^Refused to call .*OUTBOUND_ALLOW_HOSTS.*OUTBOUND_ALLOW_PRIVATE=true/);
      expect(err.details).toMatchObject({ code: 'EOUTBOUND_FORBIDDEN' });
      expect(received.length).toBe(before);
    });

    it.each([
      [{}, /URL is empty/],
      [{ url: 'crm.example.com/leads' }, /not a valid URL/],
      [{ url: 'ftp://example.com/' }, /Only http:\/\/ and https:\/\//],
      [{ url: 'https://example.com/', method: 'GET', body: { a: 1 } }, /GET request cannot carry a body/],
      [{ url: 'https://example.com/', method: 'FETCH' }, /Method "FETCH" is not supported/],
      [{ url: 'https://example.com/', body: 1, bodyType: 'xml' }, /Body type "xml" is not supported/],
      [{ url: 'https://example.com/', body: [1], bodyType: 'form' }, /form body must be name\/value pairs/],
      [{ url: 'https://example.com/', timeoutMs: 0 }, /Timeout must be a whole number/],
      [{ url: 'https://example.com/', query: [1] }, /Query parameters must be name\/value pairs/],
      [{ url: 'https://example.com/', headers: { 'bad header': 'x' } }, /not a valid header name/],
      [{ url: 'https://example.com/', headers: { 'x-obj': { a: 1 } } }, /must be text, not an object/],
    ])('rejects bad settings %j without calling out', async (input, message) => {
      const err = await failure(step.execute(input as Record<string, unknown>, ctx));
      expect(err.transient).toBe(false);
      expect(err.message).toMatch(message);
    });
  });
});
