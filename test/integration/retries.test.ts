import { call, waitForRun } from '../support/http';
import { TargetServer } from '../support/target-server';
import { startTestApp, TestApp } from '../support/test-app';

/** Runs against targets that misbehave the ways real ones do. */
describe('retries and outbound safety', () => {
  const target = new TargetServer();
  let targetUrl: string;
  let port: number;
  let t: TestApp;

  beforeAll(async () => {
    targetUrl = await target.start();
    port = Number(new URL(targetUrl).port);
    // Only the target's own host:port may be called; everything else private stays refused.
    t = await startTestApp({ OUTBOUND_ALLOW_PRIVATE: 'false', OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${port}`, RETRY_BASE_DELAY_MS: '50' });
  });
  afterAll(async () => {
    await t.close();
    await target.stop();
  });
  beforeEach(() => (target.received.length = 0));

  async function runOnce(config: object, retry?: object) {
    const wf = (await call('POST', `${t.url}/api/workflows`, { name: 'Target', steps: [{ key: 'call', type: 'http', config, ...(retry ? { retry } : {}) }] })).body;
    const hook = await call('POST', wf.hookUrl, { order: 7 });
    return waitForRun(t.url, hook.body.runId, 30_000);
  }

  it('retries a target that fails twice, then succeeds, and records the attempts', async () => {
    let calls = 0;
    target.respondWith((_req, res) => {
      res.statusCode = ++calls <= 2 ? 503 : 200;
      res.end('{"ok":true}');
    });
    const run = await runOnce({ url: { value: `${targetUrl}/flaky` }, body: { expr: 'trigger.body' } });
    expect(run.status).toBe('succeeded');
    expect(run.steps[0]).toMatchObject({ status: 'succeeded', attempts: 3, output: { status: 200 } });
    expect(target.received).toHaveLength(3);
  });

  it('waits as long as Retry-After asks on a 429', async () => {
    const times: number[] = [];
    target.respondWith((_req, res) => {
      times.push(Date.now());
      if (times.length === 1) {
        res.statusCode = 429;
        res.setHeader('retry-after', '1');
      }
      res.end('{}');
    });
    const run = await runOnce({ url: { value: `${targetUrl}/limited` } });
    expect(run.status).toBe('succeeded');
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a target that hangs, saying it timed out, after the configured attempts', async () => {
    target.respondWith(() => undefined); // never answers
    const run = await runOnce({ url: { value: `${targetUrl}/hang` }, timeoutMs: { value: 300 } }, { attempts: 2 });
    expect(run.status).toBe('failed');
    expect(run.steps[0]).toMatchObject({ status: 'failed', attempts: 2, error: { transient: true } });
    expect(run.steps[0].error.message).toMatch(/time/i);
  });

  it('fails a 4xx at once and shows the request it sent and the answer it got', async () => {
    target.respondWith((_req, res) => {
      res.statusCode = 422;
      res.end('{"error":"email is required"}');
    });
    const run = await runOnce({ url: { value: `${targetUrl}/leads` }, body: { expr: 'trigger.body' } });
    expect(run.steps[0]).toMatchObject({ status: 'failed', attempts: 1 });
    const details = JSON.stringify(run.steps[0].error);
    expect(details).toContain('/leads');
    expect(details).toContain('422');
    expect(details).toContain('email is required');
  });

  it('refuses a redirect to a private address', async () => {
    target.respondWith((_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', `http://localhost:${port}/internal`);
      res.end();
    });
    const run = await runOnce({ url: { value: `${targetUrl}/go` } });
    expect(run.status).toBe('failed');
    expect(run.steps[0].error.message).toMatch(/OUTBOUND_ALLOW_PRIVATE|OUTBOUND_ALLOW_HOSTS/);
    expect(target.received.map((r) => r.url)).toEqual(['/go']);
  });

  it('refuses a private target that is not allowed, without calling it', async () => {
    const run = await runOnce({ url: { value: `http://127.0.0.1:${port + 1}/admin` } });
    expect(run.status).toBe('failed');
    expect(run.steps[0]).toMatchObject({ attempts: 1, error: { transient: false } });
    expect(run.steps[0].error.message).toMatch(/Refused to call http:\/\/127\.0\.0\.1:\d+\/admin: 127\.0\.0\.1 is a loopback address.*OUTBOUND_ALLOW_HOSTS/);
  });
});
