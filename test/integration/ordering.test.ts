import { call, waitFor } from '../support/http';
import { TargetServer } from '../support/target-server';
import { startTestApp, TestApp } from '../support/test-app';

/** Workflows that ask for it run strictly one at a time in arrival order, per workflow or per key. */
describe('ordered runs', () => {
  const target = new TargetServer();
  let targetUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    targetUrl = await target.start();
    // The first step's answer takes a random 0–30 ms, so runs that were not ordered would overtake each other
    // before their second step.
    target.respondWith((req, res) => setTimeout(() => res.end('{}'), req.url === '/slow' ? Math.random() * 30 : 0));
    t = await startTestApp({ WORKER_CONCURRENCY: '20' });
  });
  afterAll(async () => {
    await t.close();
    await target.stop();
  });
  beforeEach(() => (target.received.length = 0));

  const workflow = (order: object) => ({
    name: 'Ordered',
    order,
    steps: [
      { key: 'slow', type: 'http', config: { url: { value: `${targetUrl}/slow` }, body: { expr: 'trigger.body' } } },
      { key: 'post', type: 'http', config: { url: { value: `${targetUrl}/record` }, body: { expr: 'trigger.body' } } },
    ],
  });
  const recorded = () => target.received.filter((r) => r.url === '/record');
  const received = () => recorded().map((r) => r.json() as { n: number; customer: string });

  it('delivers a whole workflow in arrival order', async () => {
    const wf = (await call('POST', `${t.url}/api/workflows`, workflow({}))).body;
    for (let n = 0; n < 40; n++) expect((await call('POST', wf.hookUrl, { n })).status).toBe(200);
    await waitFor(async () => (recorded().length >= 40 ? true : undefined), 30_000, '40 deliveries');
    expect(received().map((r) => r.n)).toEqual([...Array(40).keys()]);
  });

  it('keeps order per key', async () => {
    const wf = (await call('POST', `${t.url}/api/workflows`, workflow({ key: 'body.customer' }))).body;
    for (let n = 0; n < 30; n++) await call('POST', wf.hookUrl, { n, customer: n % 3 === 0 ? 'ada' : 'bob' });
    await waitFor(async () => (recorded().length >= 30 ? true : undefined), 30_000, '30 deliveries');
    for (const customer of ['ada', 'bob']) {
      const got = received().filter((r) => r.customer === customer).map((r) => r.n);
      expect(got).toEqual([...got].sort((a, b) => a - b));
      expect(got).toHaveLength(customer === 'ada' ? 10 : 20);
    }
  });

  it('rejects an order key that does not compile', async () => {
    const res = await call('POST', `${t.url}/api/workflows`, workflow({ key: 'body.(' }));
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/^order\.key/);
  });
});
