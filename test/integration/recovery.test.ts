import { createServer, ServerResponse } from 'node:http';
import { call, waitFor, waitForRun } from '../support/http';
import { TargetServer } from '../support/target-server';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestStore, LOCAL_POSTGRES, LOCAL_REDIS } from '../support/test-store';

const twoSteps = (first: string, second: string) => ({
  name: 'Two calls',
  steps: [
    { key: 'first', type: 'http', config: { url: { value: first }, body: { expr: "{ 'n': trigger.body.n }" } } },
    { key: 'second', type: 'http', config: { url: { value: second }, body: { expr: "{ 'n': trigger.body.n }" } } },
  ],
});

describe('runs survive a crash of the process', () => {
  const first = new TargetServer();
  const hanging: ServerResponse[] = [];
  let hang = true;
  const secondReceived: number[] = [];
  const second = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      secondReceived.push(JSON.parse(body).n);
      if (hang) hanging.push(res);
      else res.end('{}');
    });
  });
  let t: TestApp;

  afterAll(async () => {
    await t?.close();
    await first.stop();
    second.closeAllConnections();
    second.close();
  });

  it('completes every queued and running run after SIGKILL and restart, without repeating finished steps', async () => {
    const firstUrl = await first.start();
    await new Promise<void>((r) => second.listen(0, '127.0.0.1', r));
    const secondUrl = `http://127.0.0.1:${(second.address() as { port: number }).port}`;
    t = await startTestApp({ WORKER_CONCURRENCY: '3', RUN_LEASE_MS: '2000' });
    const wf = (await call('POST', `${t.url}/api/workflows`, twoSteps(firstUrl, secondUrl))).body;

    const total = 10;
    const runIds: string[] = [];
    for (let n = 0; n < total; n++) runIds.push((await call('POST', wf.hookUrl, { n })).body.runId);
    // Three runs are stuck in their second step; the other seven wait in the queue.
    await waitFor(async () => (secondReceived.length === 3 ? true : undefined), 10_000, 'three runs to reach the hanging step');
    await t.kill();

    hang = false;
    for (const res of hanging) res.destroy();
    await t.restart();

    const runs = await Promise.all(runIds.map((id) => waitForRun(t.url, id, 30_000)));
    expect(runs.map((r) => r.status)).toEqual(Array(total).fill('succeeded'));
    // The first step had succeeded for the three interrupted runs: it ran once per run, never again.
    expect(first.received.map((r) => (r.json() as { n: number }).n).sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
    expect(new Set(secondReceived)).toEqual(new Set([...Array(total).keys()]));
    for (const run of runs) {
      expect(run.steps.map((s: { key: string; status: string }) => `${s.key}:${s.status}`)).toEqual(['first:succeeded', 'second:succeeded']);
    }
  });
});

describe('a graceful stop', () => {
  const target = new TargetServer();
  let t: TestApp;

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  it('does not wait out a long retry back-off; the run goes on after the restart', async () => {
    const targetUrl = await target.start();
    let failing = true;
    target.respondWith((_req, res) => {
      res.statusCode = failing ? 503 : 200;
      res.end('{}');
    });
    t = await startTestApp({ RETRY_BASE_DELAY_MS: '60000', RETRY_MAX_DELAY_MS: '60000', RUN_LEASE_MS: '2000' });
    const wf = (
      await call('POST', `${t.url}/api/workflows`, {
        name: 'Flaky target',
        steps: [{ key: 'post', type: 'http', config: { url: { value: targetUrl }, body: { expr: 'trigger.body' } } }],
      })
    ).body;
    const hook = await call('POST', wf.hookUrl, { n: 1 });
    await waitFor(async () => (target.received.length === 1 ? true : undefined), 10_000, 'the first attempt');

    const started = Date.now();
    await t.stop();
    expect(Date.now() - started).toBeLessThan(10_000);

    failing = false;
    await t.restart();
    const run = await waitForRun(t.url, hook.body.runId, 20_000);
    expect(run.status).toBe('succeeded');
  });
});

describe('an outage of Redis at accept time', () => {
  const target = new TargetServer();
  const redis = new URL(LOCAL_REDIS);
  const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  let t: TestApp;

  afterAll(async () => {
    await t?.close();
    await proxy.cut();
    await target.stop();
  });

  it('still answers 200, and the run is delivered once Redis is back', async () => {
    const targetUrl = await target.start();
    await proxy.start();
    const store = await createTestStore();
    t = await startTestApp({ ...store.env, REDIS_URL: `redis://127.0.0.1:${proxy.port}`, QUEUE_PREFIX: `outage${Date.now()}` }, store);
    const wf = (
      await call('POST', `${t.url}/api/workflows`, {
        name: 'Redis outage',
        steps: [{ key: 'post', type: 'http', config: { url: { value: targetUrl }, body: { expr: 'trigger.body' } } }],
      })
    ).body;

    await proxy.cut();
    // Readiness turns 503 as soon as the Redis client has noticed the cut.
    const ready = await waitFor(async () => {
      const res = await call('GET', `${t.url}/health/ready`);
      return res.status === 503 ? res : undefined;
    }, 5000, 'readiness to report Redis down');
    expect(ready.body.detail).toMatch(/the queue \(Redis\)/);
    const accepted = await call('POST', wf.hookUrl, { order: 42 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    await new Promise((r) => setTimeout(r, 3000));
    expect(target.received).toHaveLength(0);
    expect((await call('GET', `${t.url}/api/runs/${accepted.body.runId}`)).body.status).toBe('queued');

    await proxy.start();
    const run = await waitForRun(t.url, accepted.body.runId, 30_000);
    expect((await call('GET', `${t.url}/health/ready`)).status).toBe(200);
    expect(run.status).toBe('succeeded');
    expect(target.received.map((r) => r.json())).toEqual([{ order: 42 }]);
    await store.drop();
  });
});

describe('an outage of the store', () => {
  const pg = new URL(LOCAL_POSTGRES);
  const proxy = new TcpProxy(pg.hostname, Number(pg.port || 5432));
  let t: TestApp;

  afterAll(async () => {
    await t?.close();
    await proxy.cut();
  });

  it('answers 503 with Retry-After, never 200, and accepts again when the store is back', async () => {
    await proxy.start();
    const store = await createTestStore(LOCAL_POSTGRES);
    const viaProxy = new URL(store.env.DATABASE_URL);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({ ...store.env, DATABASE_URL: viaProxy.toString() }, store);
    const wf = (await call('POST', `${t.url}/api/workflows`, { name: 'Store outage', steps: [] })).body;
    expect((await call('POST', wf.hookUrl, { n: 1 })).status).toBe(200);

    await proxy.cut();
    const during = await call('POST', wf.hookUrl, { n: 2 });
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.body).toMatchObject({ status: 503, detail: expect.stringMatching(/nothing was stored/) });

    await proxy.start();
    const after = await waitFor(async () => {
      const res = await call('POST', wf.hookUrl, { n: 3 });
      return res.status === 200 ? res : undefined;
    }, 20_000, 'the hook to accept again');
    expect(after.body.status).toBe('accepted');
    const stored = (await call('GET', `${t.url}/api/workflows/${wf.id}/events`)).body.map((e: { body: { n: number } }) => e.body.n);
    expect(stored).not.toContain(2);
    await store.drop();
  });
});
