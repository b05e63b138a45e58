import { createHmac, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { call, waitFor, waitForRun } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const noSteps = (trigger: object, extra: object = {}) => ({ name: 'Intake', trigger: { type: 'webhook', ...trigger }, steps: [], ...extra });

describe('hooks accept what real senders send', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ SAMPLES_PER_WORKFLOW: '5', PRUNE_INTERVAL_MS: '300', MAX_PAYLOAD_BYTES: '65536' })));
  afterAll(() => t.close());

  async function create(doc: object) {
    const res = await call('POST', `${t.url}/api/workflows`, doc);
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body as { id: string; hookUrl: string; trigger: Record<string, any> };
  }
  const events = async (id: string) => (await call('GET', `${t.url}/api/workflows/${id}/events?limit=100`)).body as any[];
  const runs = async (id: string) => (await call('GET', `${t.url}/api/workflows/${id}/runs`)).body.items as any[];

  describe('body formats', () => {
    let wf: { id: string; hookUrl: string };
    beforeAll(async () => (wf = await create(noSteps({ methods: ['GET', 'POST', 'PUT'] }))));

    async function bodyOf(res: { body: { eventId: string } }) {
      return (await events(wf.id)).find((e) => e.id === res.body.eventId);
    }

    it('reads an HTML form with nested keys', async () => {
      const res = await call('POST', wf.hookUrl, 'name=Ada+Lovelace&answers%5Bq1%5D=yes&tags%5B%5D=a&tags%5B%5D=b', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(res.status).toBe(200);
      const e = await bodyOf(res);
      expect(e.body).toEqual({ name: 'Ada Lovelace', answers: { q1: 'yes' }, tags: ['a', 'b'] });
      expect(e.rawBody).toBe('name=Ada+Lovelace&answers%5Bq1%5D=yes&tags%5B%5D=a&tags%5B%5D=b');
    });

    it('reads multipart fields and describes files without keeping them', async () => {
      const form = new FormData();
      form.append('name', 'Ada');
      form.append('cv', new Blob(['%PDF-1.4 hello'], { type: 'application/pdf' }), 'cv.pdf');
      const res = await fetch(wf.hookUrl, { method: 'POST', body: form });
      expect(res.status).toBe(200);
      const e = await bodyOf({ body: (await res.json()) as { eventId: string } });
      expect(e.body).toEqual({
        name: 'Ada',
        cv: { filename: 'cv.pdf', contentType: 'application/pdf', size: 14, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    });

    it('parses XML into an object and keeps the raw text', async () => {
      const xml = '<order id="7"><item>Tea</item><qty>2</qty></order>';
      const res = await call('POST', wf.hookUrl, xml, { 'content-type': 'application/xml' });
      const e = await bodyOf(res);
      expect(e.body.order).toMatchObject({ item: 'Tea', qty: '2' });
      expect(JSON.stringify(e.body)).toContain('7');
      expect(e.rawBody).toBe(xml);
    });

    it('keeps text and unknown types as text, honouring the charset', async () => {
      const latin1 = Buffer.from('café', 'latin1');
      const res = await fetch(wf.hookUrl, { method: 'PUT', body: latin1, headers: { 'content-type': 'text/plain; charset=iso-8859-1' } });
      expect((await bodyOf({ body: (await res.json()) as { eventId: string } })).body).toBe('café');
    });

    it('uses the query of a GET as the body', async () => {
      const res = await call('GET', `${wf.hookUrl}?order=42&paid=yes`);
      expect((await bodyOf(res)).body).toEqual({ order: '42', paid: 'yes' });
    });
  });

  describe('signatures', () => {
    const secret = 'It\'s a Secret to Everybody';
    const hmac = (key: string, data: string, enc: 'hex' | 'base64' = 'hex') => createHmac('sha256', key).update(data).digest(enc);
    const now = () => Math.floor(Date.now() / 1000);
    const body = '{"action":"opened","number":1}';

    const schemes: Array<[string, object, () => Record<string, string>, Record<string, string>]> = [
      ['github', { scheme: 'github', secret }, () => ({ 'x-hub-signature-256': `sha256=${hmac(secret, body)}` }), { 'x-hub-signature-256': 'sha256=00' }],
      [
        'stripe',
        { scheme: 'stripe', secret: 'whsec_test' },
        () => {
          const ts = now();
          return { 'stripe-signature': `t=${ts},v1=${hmac('whsec_test', `${ts}.${body}`)}` };
        },
        { 'stripe-signature': `t=${now() - 600},v1=${hmac('whsec_test', `${now() - 600}.${body}`)}` },
      ],
      ['shopify', { scheme: 'shopify', secret }, () => ({ 'x-shopify-hmac-sha256': hmac(secret, body, 'base64') }), { 'x-shopify-hmac-sha256': hmac('other', body, 'base64') }],
      [
        'slack',
        { scheme: 'slack', secret },
        () => {
          const ts = String(now());
          return { 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${hmac(secret, `v0:${ts}:${body}`)}` };
        },
        { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': 'v0=abc' },
      ],
      [
        'standard',
        { scheme: 'standard', secret: `whsec_${Buffer.from('standard-secret-32-bytes-long!!!').toString('base64')}` },
        () => {
          const wh = new Webhook(`whsec_${Buffer.from('standard-secret-32-bytes-long!!!').toString('base64')}`);
          const id = `msg_${randomBytes(6).toString('hex')}`;
          const ts = new Date();
          return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(ts.getTime() / 1000)), 'webhook-signature': wh.sign(id, ts, body) };
        },
        { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now()), 'webhook-signature': 'v1,AAAA' },
      ],
      [
        'hmac-sha256',
        { scheme: 'hmac-sha256', secret, header: 'X-Signature-Custom', prefix: 'sha256=', encoding: 'base64' },
        () => ({ 'x-signature-custom': `sha256=${hmac(secret, body, 'base64')}` }),
        { 'x-signature-custom': `sha256=${hmac(secret, body + ' ', 'base64')}` },
      ],
      ['basic', { scheme: 'basic', username: 'shop', password: 'p4ss' }, () => ({ authorization: `Basic ${Buffer.from('shop:p4ss').toString('base64')}` }), { authorization: `Basic ${Buffer.from('shop:nope').toString('base64')}` }],
      ['header-token', { scheme: 'header-token', header: 'X-Hook-Token', token: 't0ken-value' }, () => ({ 'x-hook-token': 't0ken-value' }), { 'x-hook-token': 'wrong' }],
    ];

    it.each(schemes)('%s: a valid signature runs; a wrong one answers 401, runs nothing and is kept as a flagged sample', async (_name, verify, good, bad) => {
      const wf = await create(noSteps({ verify }));
      const ok = await call('POST', wf.hookUrl, body, { 'content-type': 'application/json', ...good() });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('accepted');

      const rejected = await call('POST', wf.hookUrl, body, { 'content-type': 'application/json', ...bad });
      expect(rejected.status).toBe(401);
      expect(rejected.body).toMatchObject({ status: 401, detail: expect.stringMatching(/signature check failed/) });
      const missing = await call('POST', wf.hookUrl, body, { 'content-type': 'application/json' });
      expect(missing.status).toBe(401);

      const stored = await events(wf.id);
      expect(stored.filter((e) => e.status === 'rejected')).toHaveLength(2);
      expect(stored.find((e) => e.status === 'rejected').rejectReason).toEqual(expect.any(String));
      expect((await runs(wf.id)).map((r) => r.id)).toEqual([ok.body.runId]);
    });

    it('never shows a verification secret, and keeps it when an update leaves it out', async () => {
      const wf = await create(noSteps({ verify: { scheme: 'github', secret } }));
      expect(wf.trigger.verify).toEqual({ scheme: 'github' });
      expect(JSON.stringify((await call('GET', `${t.url}/api/workflows/${wf.id}`)).body)).not.toContain(secret);
      await call('PATCH', `${t.url}/api/workflows/${wf.id}`, { name: 'Renamed', trigger: { type: 'webhook', verify: { scheme: 'github' } } });
      const signed = await call('POST', wf.hookUrl, body, { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${hmac(secret, body)}` });
      expect(signed.status).toBe(200);
    });

    it('counts signature failures and other outcomes in /metrics', async () => {
      const res = await fetch(`${t.url}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/text\/plain/);
      const text = await res.text();
      const count = (outcome: string) => Number(text.match(new RegExp(`hookflow_hooks_total\\{outcome="${outcome}"\\} (\\d+)`))?.[1] ?? 0);
      expect(count('unauthorized')).toBeGreaterThanOrEqual(16); // two per scheme above
      expect(count('accepted')).toBeGreaterThanOrEqual(8);
    });

    it('rejects a verify setting without its secret', async () => {
      const res = await call('POST', `${t.url}/api/workflows`, noSteps({ verify: { scheme: 'stripe' } }));
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/trigger\.verify\.secret/);
    });
  });

  describe('idempotency', () => {
    it('answers a repeated Idempotency-Key with the first answer and starts no second run', async () => {
      const wf = await create(noSteps({}));
      const first = await call('POST', wf.hookUrl, { n: 1 }, { 'idempotency-key': 'order-1' });
      const again = await call('POST', wf.hookUrl, { n: 2 }, { 'idempotency-key': 'order-1' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await runs(wf.id)).toHaveLength(1);
    });

    it('holds under concurrent duplicates', async () => {
      const wf = await create(noSteps({}));
      const answers = await Promise.all(Array.from({ length: 30 }, () => call('POST', wf.hookUrl, { n: 1 }, { 'webhook-id': 'msg_dup' })));
      expect(new Set(answers.map((a) => `${a.status} ${a.body.eventId} ${a.body.runId}`)).size).toBe(1);
      expect(answers[0].status).toBe(200);
      expect(await runs(wf.id)).toHaveLength(1);
    });

    it('takes the key from a configured header or a JSONata expression', async () => {
      const byHeader = await create(noSteps({ idempotency: { header: 'X-GitHub-Delivery' } }));
      await call('POST', byHeader.hookUrl, { a: 1 }, { 'x-github-delivery': 'd-1' });
      await call('POST', byHeader.hookUrl, { a: 1 }, { 'x-github-delivery': 'd-1' });
      await call('POST', byHeader.hookUrl, { a: 1 }, { 'x-github-delivery': 'd-2' });
      expect(await runs(byHeader.id)).toHaveLength(2);

      const byExpr = await create(noSteps({ idempotency: { expr: 'body.order.id' } }));
      await call('POST', byExpr.hookUrl, { order: { id: 5 } });
      await call('POST', byExpr.hookUrl, { order: { id: 5 } });
      await call('POST', byExpr.hookUrl, { order: { id: 6 } });
      expect(await runs(byExpr.id)).toHaveLength(2);
    });
  });

  describe('samples and limits', () => {
    it('keeps only the newest SAMPLES_PER_WORKFLOW samples of a workflow that runs nothing', async () => {
      const wf = await create(noSteps({}, { enabled: false }));
      for (let n = 0; n < 8; n++) await call('POST', wf.hookUrl, { n });
      const kept = await waitFor(async () => {
        const list = await events(wf.id);
        return list.length === 5 ? list : undefined;
      }, 10_000, 'samples to be pruned');
      expect(kept.map((e) => e.body.n)).toEqual([7, 6, 5, 4, 3]);
    });

    it('answers 413 to a body over MAX_PAYLOAD_BYTES, also when it streams without a length, and stores nothing', async () => {
      const wf = await create(noSteps({}));
      const big = await call('POST', wf.hookUrl, JSON.stringify({ a: 'x'.repeat(70_000) }), { 'content-type': 'application/json' });
      expect(big.status).toBe(413);
      expect(big.body.detail).toMatch(/MAX_PAYLOAD_BYTES/);

      // Raw TCP, chunked, no length: the server must stop at the limit and answer, whatever the sender still sends.
      const streamed = await new Promise<string>((resolve) => {
        const url = new URL(wf.hookUrl);
        const socket = connect(Number(url.port), url.hostname);
        let answer = '';
        socket.on('data', (d) => (answer += d.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(answer));
        socket.write(`POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
        const chunk = 'a'.repeat(16_384);
        let sent = 0;
        const timer = setInterval(() => {
          if (socket.destroyed || sent++ > 64 || answer) {
            clearInterval(timer);
            socket.end();
            return;
          }
          socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        }, 5);
      });
      expect(streamed).toMatch(/^HTTP\/1\.1 413/);
      expect(await events(wf.id)).toEqual([]);
    });

    it('answers 429 with Retry-After beyond the hook rate limit', async () => {
      const wf = await create(noSteps({ rateLimit: { perSecond: 1, burst: 3 } }));
      const statuses = [];
      let retryAfter = null;
      for (let i = 0; i < 5; i++) {
        const res = await call('POST', wf.hookUrl, { i });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    });
  });

  it('answers with a custom response: a Slack url_verification challenge echo', async () => {
    const wf = await create(noSteps({ response: { status: 200, contentType: 'text/plain', body: { template: '{{trigger.body.challenge}}' }, headers: { 'X-Handled-By': 'hookflow' } } }));
    const res = await fetch(wf.hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-handled-by')).toBe('hookflow');
    expect(await res.text()).toBe('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it('survives a few thousand malformed requests: no 5xx, and only accepted payloads are stored', async () => {
    const wf = await create(noSteps({ methods: ['POST', 'PUT'] }));
    const types = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zz', 'multipart/form-data', 'application/xml', 'text/plain; charset=nope', 'text/plain; charset=utf-16le', '', 'application/vnd.api+json', 'image/png'];
    const bodies = () => {
      const r = Math.random();
      if (r < 0.3) return randomBytes(Math.floor(Math.random() * 300));
      if (r < 0.5) return Buffer.from('{"a":'.repeat(Math.floor(Math.random() * 50)));
      if (r < 0.6) return Buffer.from('--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n');
      if (r < 0.7) return Buffer.from('<a><b>'.repeat(200));
      if (r < 0.8) return Buffer.from('a[b][c][d][e][f][g][h][i][j][k][l]=1&__proto__[x]=1&constructor[prototype][y]=2');
      if (r < 0.9) return Buffer.from(`{"ok":true,"s":"\\u0000\\ud800"}`);
      return Buffer.from('[1,2,3]');
    };
    let accepted = 0;
    const statuses = new Map<number, number>();
    const total = 2000;
    let next = 0;
    const worker = async () => {
      while (next++ < total) {
        const method = Math.random() < 0.9 ? 'POST' : ['GET', 'PATCH', 'DELETE'][Math.floor(Math.random() * 3)];
        const type = types[Math.floor(Math.random() * types.length)];
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const res = await fetch(wf.hookUrl, { method, headers, body: method === 'GET' ? undefined : bodies() });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200) accepted++;
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    const codes = [...statuses.keys()];
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    expect(codes.every((c) => [200, 400, 405].includes(c))).toBe(true);
    expect((await call('GET', `${t.url}/health`)).status).toBe(200);
    let stored = 0;
    for (let before = ''; ; ) {
      const page = (await call('GET', `${t.url}/api/workflows/${wf.id}/runs?limit=200${before && `&before=${before}`}`)).body;
      stored += page.items.length;
      if (!page.next) break;
      before = page.next;
    }
    expect(stored).toBe(accepted);
  });
});
