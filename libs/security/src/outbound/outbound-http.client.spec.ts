import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { systemResolver, HostResolver } from './guarded-lookup.factory';
import { createOutboundDispatcher } from './outbound-dispatcher.factory';
import { OutboundHttpClient } from './outbound-http.client';
import { DEFAULT_OUTBOUND_POLICY, OutboundPolicy } from './outbound.policy';

/** A real loopback server that counts TCP connections, so a refusal can be proven to happen before connect. */
interface Target {
  port: number;
  base: string;
  connections: number;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, target: Target) => void;

async function startTarget(host: string, handler: Handler): Promise<Target> {
  const server = http.createServer();
  const target = { connections: 0, requests: [] } as unknown as Target;
  server.on('connection', () => target.connections++);
  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      target.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      handler(req, res, target);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  target.port = (server.address() as AddressInfo).port;
  target.base = `http://${host.includes(':') ? `[${host}]` : host}:${target.port}`;
  target.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return target;
}

/** Names the tests control: one resolves into loopback, one mixes a public and a private answer. */
const fakeDns: Record<string, { address: string; family: number }[]> = {
  'internal.test': [{ address: '127.0.0.1', family: 4 }],
  'rebind.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  'v6loop.test': [{ address: '::1', family: 6 }],
};
const resolver: HostResolver = (host) => (fakeDns[host] ? Promise.resolve(fakeDns[host]) : systemResolver(host));

const clientWith = (policy: Partial<OutboundPolicy> = {}) =>
  new OutboundHttpClient({ ...DEFAULT_OUTBOUND_POLICY, ...policy }, { resolver });

describe('OutboundHttpClient', () => {
  let target: Target;
  let victim: Target; // a second loopback address that redirects try to reach
  const clients: OutboundHttpClient[] = [];
  const make = (policy: Partial<OutboundPolicy> = {}) => {
    const c = clientWith(policy);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    target = await startTarget('127.0.0.1', (req, res, t) => {
      const url = new URL(req.url!, 'http://x');
      const to = url.searchParams.get('to');
      if (url.pathname === '/redirect') {
        res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to! }).end();
      } else if (url.pathname === '/loop') {
        res.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end();
      } else if (url.pathname === '/big') {
        const chunk = Buffer.alloc(64 * 1024, 'a');
        for (let i = 0; i < 32; i++) res.write(chunk); // 2 MiB, chunked (no content-length)
        res.end();
      } else if (url.pathname === '/big-declared') {
        res.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
        res.end(Buffer.alloc(2 * 1024 * 1024));
      } else if (url.pathname === '/hang') {
        // never answers
      } else if (url.pathname === '/hang-body') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
      } else if (url.pathname === '/echo') {
        const last = t.requests[t.requests.length - 1];
        res.writeHead(200, { 'content-type': 'application/json', 'X-Custom': 'Yes' });
        res.end(JSON.stringify(last));
      } else {
        res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] }).end('hello');
      }
    });
    victim = await startTarget('127.0.0.2', (_req, res) => res.end('you should not see this'));
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([target.close(), victim.close()]);
  });

  describe('with the default policy', () => {
    const ssrf = (port: () => number) =>
      [
        'http://127.0.0.1:PORT/',
        'http://127.1:PORT/',
        'http://127.0.1:PORT/',
        'http://2130706433:PORT/',
        'http://0x7f000001:PORT/',
        'http://0x7f.1:PORT/',
        'http://0177.0.0.1:PORT/',
        'http://017700000001:PORT/',
        'http://127.000.000.001:PORT/',
        'http://%31%32%37.0.0.1:PORT/',
        'http://127.0.0.1.:PORT/',
        'http://[::1]:PORT/',
        'http://[0:0:0:0:0:0:0:1]:PORT/',
        'http://[::ffff:127.0.0.1]:PORT/',
        'http://[::ffff:7f00:1]:PORT/',
        'http://[::127.0.0.1]:PORT/',
        'http://localhost:PORT/',
        'http://localhost.:PORT/',
        'http://LocalHost:PORT/',
        'http://app.localhost:PORT/',
        'http://internal.test:PORT/',
        'http://rebind.test:PORT/',
        'http://v6loop.test:PORT/',
        'http://metadata.test/latest/meta-data/',
        'http://10.0.0.1/',
        'http://172.16.0.1/',
        'http://192.168.1.1/',
        'http://169.254.169.254/latest/meta-data/',
        'http://[fd00:ec2::254]/',
        'http://100.64.0.1/',
        'http://0.0.0.0:PORT/',
        'http://0:PORT/',
        'http://[::]:PORT/',
        'http://[fc00::1]/',
        'http://[fe80::1]/',
        'http://224.0.0.1/',
        'http://255.255.255.255/',
        'http://[2002:7f00:1::]:PORT/',
        'https://127.0.0.1:PORT/',
      ].map((u) => [u, () => u.replace('PORT', String(port()))] as const);

    it.each(ssrf(() => target.port))('refuses %s without connecting', async (_spelling, url) => {
      const client = make();
      const before = target.connections;
      const started = Date.now();
      await expect(client.request('GET', url())).rejects.toMatchObject({
        code: 'EOUTBOUND_FORBIDDEN',
        message: expect.stringContaining('OUTBOUND_ALLOW_HOSTS'),
      });
      expect(target.connections).toBe(before);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('the dispatcher alone refuses literals and resolved names (defence in depth)', async () => {
      const dispatcher = createOutboundDispatcher(DEFAULT_OUTBOUND_POLICY, { resolver });
      try {
        for (const url of [`${target.base}/`, `http://internal.test:${target.port}/`, `http://[::ffff:7f00:1]:${target.port}/`]) {
          await expect(request(url, { dispatcher })).rejects.toMatchObject({ code: 'EOUTBOUND_FORBIDDEN' });
        }
        expect(target.connections).toBe(0);
      } finally {
        await dispatcher.close();
      }
    });

    it('refuses non-http schemes', async () => {
      await expect(make().request('GET', 'file:///etc/passwd')).rejects.toMatchObject({ code: 'EOUTBOUND_BAD_URL' });
    });

    it('names the address and range in the refusal', async () => {
      await expect(make().request('GET', `http://internal.test:${target.port}/`)).rejects.toThrow(
        /internal\.test \(127\.0\.0\.1\): loopback addresses are blocked.*OUTBOUND_ALLOW_PRIVATE=true/,
      );
    });
  });

  describe('opt-outs', () => {
    it('allowPrivate=true reaches the loopback target', async () => {
      const res = await make({ allowPrivate: true }).request('GET', `${target.base}/hello`);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe('hello');
      expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    });

    it.each([
      ['an exact IP', ['127.0.0.1']],
      ['an IP with the right port', ['127.0.0.1:PORT']],
      ['a name, case-insensitively', ['Internal.Test']],
    ])('allowHosts with %s lets that host through', async (_label, hosts) => {
      const allowHosts = hosts.map((h) => h.replace('PORT', String(target.port)));
      const host = allowHosts[0].startsWith('Internal') ? 'internal.test' : '127.0.0.1';
      const res = await make({ allowHosts }).request('GET', `http://${host}:${target.port}/hello`);
      expect(res.status).toBe(200);
    });

    it('allowHosts with another port does not', async () => {
      await expect(make({ allowHosts: ['127.0.0.1:1'] }).request('GET', `${target.base}/`)).rejects.toMatchObject({
        code: 'EOUTBOUND_FORBIDDEN',
      });
    });

    it('allowHosts does not extend to other names resolving to the same address', async () => {
      await expect(
        make({ allowHosts: ['127.0.0.1'] }).request('GET', `http://internal.test:${target.port}/`),
      ).rejects.toMatchObject({ code: 'EOUTBOUND_FORBIDDEN' });
    });
  });

  describe('redirects', () => {
    const allowTarget = () => make({ allowHosts: [`127.0.0.1:${target.port}`] });
    const redirect = (to: string, status = 302) => `${target.base}/redirect?status=${status}&to=${encodeURIComponent(to)}`;

    it.each([
      ['another loopback address', () => `${victim.base}/`],
      ['IPv6 loopback', () => `http://[::1]:${victim.port}/`],
      ['a name resolving to loopback', () => `http://internal.test:${target.port}/`],
      ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
      ['a decimal loopback spelling on another port', () => `http://2130706433:${victim.port}/`],
    ])('re-checks each hop: a redirect to %s is refused', async (_label, to) => {
      const before = target.connections;
      await expect(allowTarget().request('GET', redirect(to()))).rejects.toMatchObject({ code: 'EOUTBOUND_FORBIDDEN' });
      expect(victim.connections).toBe(0);
      expect(target.connections).toBe(before + 1);
    });

    it('follows allowed redirects and reports where it ended', async () => {
      const res = await make({ allowPrivate: true }).request('GET', redirect(redirect('/hello', 301), 307));
      expect(res.status).toBe(200);
      expect(res.redirects).toBe(2);
      expect(res.url).toBe(`${target.base}/hello`);
    });

    it('turns a POST into a GET on 303 and keeps it on 307', async () => {
      const client = make({ allowPrivate: true });
      const headers = { 'content-type': 'application/json' };
      const after303 = await client.request('POST', redirect('/echo', 303), headers, '{"a":1}');
      expect(JSON.parse(after303.body.toString())).toMatchObject({ method: 'GET', body: '' });
      expect(JSON.parse(after303.body.toString()).headers['content-type']).toBeUndefined();
      const after307 = await client.request('POST', redirect('/echo', 307), headers, '{"a":1}');
      expect(JSON.parse(after307.body.toString())).toMatchObject({ method: 'POST', body: '{"a":1}' });
    });

    it('turns user:pass@ in the URL into Basic auth', async () => {
      const res = await make({ allowPrivate: true }).request('GET', `http://us%40er:p%3Ass@127.0.0.1:${target.port}/echo`);
      const seen = JSON.parse(res.body.toString());
      expect(seen.headers.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
      expect(res.url).toBe(`${target.base}/echo`);
    });

    it('drops credentials when the redirect leaves the origin', async () => {
      const client = make({ allowPrivate: true });
      const res = await client.request('GET', redirect(`${victim.base}/`), { authorization: 'Bearer secret', 'x-keep': '1' });
      expect(res.status).toBe(200);
      const seen = victim.requests[victim.requests.length - 1].headers;
      expect(seen.authorization).toBeUndefined();
      expect(seen['x-keep']).toBe('1');
      victim.connections = 0;
      victim.requests.length = 0;
    });

    it('stops after maxRedirects', async () => {
      const before = target.requests.length;
      await expect(make({ allowPrivate: true }).request('GET', `${target.base}/loop`, {}, undefined, { maxRedirects: 3 })).rejects.toMatchObject({
        code: 'EOUTBOUND_TOO_MANY_REDIRECTS',
        message: expect.stringContaining('more than 3 redirects'),
      });
      expect(target.requests.length - before).toBe(4);
    });

    it('refuses a redirect to another scheme', async () => {
      await expect(make({ allowPrivate: true }).request('GET', redirect('file:///etc/passwd'))).rejects.toMatchObject({
        code: 'EOUTBOUND_BAD_URL',
      });
    });
  });

  describe('limits', () => {
    it.each(['/big', '/big-declared'])('refuses a response over maxResponseBytes (%s)', async (path) => {
      await expect(make({ allowPrivate: true }).request('GET', `${target.base}${path}`)).rejects.toMatchObject({
        code: 'EOUTBOUND_TOO_LARGE',
        message: 'response larger than 1048576 bytes',
      });
    });

    it('honours a custom size cap', async () => {
      const client = make({ allowPrivate: true });
      await expect(client.request('GET', `${target.base}/hello`, {}, undefined, { maxResponseBytes: 4 })).rejects.toThrow(
        'response larger than 4 bytes',
      );
      const ok = await client.request('GET', `${target.base}/hello`, {}, undefined, { maxResponseBytes: 5 });
      expect(ok.body.toString()).toBe('hello');
    });

    it.each(['/hang', '/hang-body'])('times out against a server that hangs (%s)', async (path) => {
      const started = Date.now();
      await expect(
        make({ allowPrivate: true }).request('GET', `${target.base}${path}`, {}, undefined, { timeoutMs: 150 }),
      ).rejects.toMatchObject({ code: 'EOUTBOUND_TIMEOUT', message: 'no complete response within 150 ms' });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('reports cancellation by the caller apart from timeouts', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await expect(
        make({ allowPrivate: true }).request('GET', `${target.base}/hang`, {}, undefined, { signal: controller.signal }),
      ).rejects.toMatchObject({ code: 'EOUTBOUND_ABORTED' });
    });

    it('passes network errors through with their code', async () => {
      const gone = await startTarget('127.0.0.1', (_q, s) => s.end());
      await gone.close();
      await expect(make({ allowPrivate: true }).request('GET', `${gone.base}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    });

    it('reports header values undici refuses as an invalid request', async () => {
      await expect(
        make({ allowPrivate: true }).request('GET', `${target.base}/hello`, { 'x-bad': 'a\r\nb' }),
      ).rejects.toMatchObject({ code: 'EOUTBOUND_INVALID_REQUEST' });
    });
  });
});
