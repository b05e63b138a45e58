import { call, waitFor, waitForRun } from '../support/http';
import { TargetServer } from '../support/target-server';
import { startTestApp, TestApp } from '../support/test-app';
import { contactFormWorkflow } from '../support/workflows';

describe('a webhook drives a mapped HTTP call', () => {
  let t: TestApp;
  const target = new TargetServer();
  let targetUrl: string;

  beforeAll(async () => {
    targetUrl = await target.start();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await target.stop();
  });
  beforeEach(() => (target.received.length = 0));

  const workflow = (extra: object = {}) => contactFormWorkflow(targetUrl, extra);

  async function create(doc: object) {
    const res = await call('POST', `${t.url}/api/workflows`, doc);
    expect(res.status).toBe(201);
    return res.body as { id: string; hookUrl: string };
  }

  it('accepts the payload, calls the target with the mapped body, and records every step', async () => {
    const wf = await create(workflow());
    const hook = await call('POST', `${wf.hookUrl}?src=web`, { name: 'Ada Lovelace', answers: { q1: 'yes', q2: 9 } });
    expect(hook.status).toBe(200);
    expect(hook.body).toEqual({ status: 'accepted', eventId: expect.any(String), runId: expect.any(String) });

    const run = await waitForRun(t.url, hook.body.runId);
    expect(target.received).toHaveLength(1);
    expect(target.received[0].url).toBe('/leads?src=web');
    expect(target.received[0].headers['x-source']).toBe('hookflow');
    expect(target.received[0].json()).toEqual({ fullName: 'Ada Lovelace', score: 9, event: hook.body.eventId });

    expect(run).toMatchObject({ id: hook.body.runId, workflowId: wf.id, eventId: hook.body.eventId, status: 'succeeded' });
    expect(run.steps).toEqual([
      expect.objectContaining({ key: 'only_yes', type: 'filter', status: 'succeeded', attempts: 1, output: { passed: true } }),
      expect.objectContaining({
        key: 'crm',
        type: 'http',
        status: 'succeeded',
        attempts: 1,
        input: expect.objectContaining({ url: `${targetUrl}/leads?src=web`, body: { fullName: 'Ada Lovelace', score: 9, event: hook.body.eventId } }),
        output: expect.objectContaining({ status: 200, body: { id: 'lead-1' } }),
      }),
    ]);
    for (const s of run.steps) expect(new Date(s.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(s.startedAt).getTime());

    const runs = await call('GET', `${t.url}/api/workflows/${wf.id}/runs`);
    expect(runs.body.items.map((r: { id: string }) => r.id)).toEqual([hook.body.runId]);
  });

  it('ends the run as filtered when the filter does not pass, calling nothing', async () => {
    const wf = await create(workflow());
    const hook = await call('POST', wf.hookUrl, { name: 'Bob', answers: { q1: 'no' } });
    const run = await waitForRun(t.url, hook.body.runId);
    expect(run.status).toBe('filtered');
    expect(run.steps.map((s: { key: string; status: string }) => [s.key, s.status])).toEqual([['only_yes', 'filtered']]);
    expect(target.received).toHaveLength(0);
  });

  it('fails the run and says why when the target answers 4xx', async () => {
    target.respondWith((_req, res) => {
      res.statusCode = 422;
      res.end('{"error":"email missing"}');
    });
    try {
      const wf = await create(workflow());
      const hook = await call('POST', wf.hookUrl, { name: 'Eve', answers: { q1: 'yes' } });
      const run = await waitForRun(t.url, hook.body.runId);
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/step crm: .*422/);
      expect(run.steps[1]).toMatchObject({ key: 'crm', status: 'failed', attempts: 1, error: expect.objectContaining({ transient: false }) });
    } finally {
      target.respondWith((_req, res) => res.end('{}'));
    }
  });

  it('sends the workflow failure notification once a run has failed for good', async () => {
    target.respondWith((req, res) => {
      res.statusCode = req.url!.startsWith('/alert') ? 200 : 404;
      res.end('{}');
    });
    try {
      const wf = await create(
        workflow({
          onFailure: {
            type: 'http',
            config: {
              url: { value: `${targetUrl}/alert` },
              body: { expr: "{ 'run': run.id, 'step': run.failedStep, 'error': run.error, 'name': trigger.body.name }" },
            },
          },
        }),
      );
      const hook = await call('POST', wf.hookUrl, { name: 'Eve', answers: { q1: 'yes' } });
      const run = await waitFor(async () => {
        const r = (await call('GET', `${t.url}/api/runs/${hook.body.runId}`)).body;
        return r.steps.some((s: { key: string }) => s.key === 'on_failure') ? r : undefined;
      });
      expect(run.status).toBe('failed');
      expect(run.steps.map((s: { key: string; status: string }) => `${s.key}:${s.status}`)).toEqual([
        'only_yes:succeeded',
        'crm:failed',
        'on_failure:succeeded',
      ]);
      const alert = target.received.find((r) => r.url === '/alert')!;
      expect(alert.json()).toEqual({ run: hook.body.runId, step: 'crm', error: expect.stringMatching(/^step crm: .*404/), name: 'Eve' });
    } finally {
      target.respondWith((_req, res) => res.end('{"id":"lead-1"}'));
    }
  });

  it('answers 404 for an unknown token and 405 for a method not enabled', async () => {
    const unknown = await call('POST', `${t.url}/hooks/nope-nope-nope`, { a: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, title: 'Not Found' });
    const wf = await create(workflow());
    const put = await call('PUT', wf.hookUrl, { a: 1 });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST');
  });

  it('rejects malformed JSON with 400 and stores nothing', async () => {
    const wf = await create(workflow());
    const res = await call('POST', wf.hookUrl, '{"name": "Ada",', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/not valid JSON/);
    expect((await call('GET', `${t.url}/api/workflows/${wf.id}/events`)).body).toEqual([]);
    expect((await call('GET', `${t.url}/api/workflows/${wf.id}/runs`)).body.items).toEqual([]);
  });

  it('stores the payload of a disabled workflow as a sample and runs nothing', async () => {
    const wf = await create(workflow({ enabled: false }));
    const res = await call('POST', wf.hookUrl, { name: 'Sam', answers: { q1: 'yes' } });
    expect(res.body).toEqual({ status: 'sampled', eventId: expect.any(String) });
    const events = await call('GET', `${t.url}/api/workflows/${wf.id}/events`);
    expect(events.body).toEqual([expect.objectContaining({ id: res.body.eventId, status: 'sampled', body: { name: 'Sam', answers: { q1: 'yes' } } })]);
    expect((await call('GET', `${t.url}/api/workflows/${wf.id}/runs`)).body.items).toEqual([]);
    expect(target.received).toHaveLength(0);
  });

  it('never stores credentials that came in headers', async () => {
    const wf = await create(workflow({ enabled: false }));
    await call('POST', wf.hookUrl, { a: 1 }, { authorization: 'Bearer secret-token', 'x-custom': 'kept' });
    const [event] = (await call('GET', `${t.url}/api/workflows/${wf.id}/events`)).body;
    expect(event.headers.authorization).toBe('[redacted]');
    expect(event.headers['x-custom']).toBe('kept');
    expect(JSON.stringify(event)).not.toContain('secret-token');
  });

  it('kills the old URL at once when the hook is rotated', async () => {
    const wf = await create(workflow());
    expect((await call('POST', wf.hookUrl, { answers: {} })).status).toBe(200);
    const rotated = await call('POST', `${t.url}/api/workflows/${wf.id}/rotate-hook`);
    expect(rotated.body.hookUrl).not.toBe(wf.hookUrl);
    expect((await call('POST', wf.hookUrl, { answers: {} })).status).toBe(404);
    expect((await call('POST', rotated.body.hookUrl, { answers: {} })).status).toBe(200);
  });

  it('replays a run as a new run of the same event', async () => {
    const wf = await create(workflow());
    const hook = await call('POST', wf.hookUrl, { name: 'Ada', answers: { q1: 'yes' } });
    await waitForRun(t.url, hook.body.runId);
    const replay = await call('POST', `${t.url}/api/runs/${hook.body.runId}/replay`);
    expect(replay.status).toBe(201);
    expect(replay.body.runId).not.toBe(hook.body.runId);
    const again = await waitForRun(t.url, replay.body.runId);
    expect(again).toMatchObject({ status: 'succeeded', eventId: hook.body.eventId });
    expect(target.received).toHaveLength(2);
  });

  // 200 connections at once used to interleave statements on embedded PGlite and answer 503.
  it('replays under the original or the current version of the workflow', async () => {
    const wf = await create(workflow());
    const hook = await call('POST', `${wf.hookUrl}?src=v1`, { name: 'Ada', answers: { q1: 'yes' } });
    await waitForRun(t.url, hook.body.runId);
    const changed = workflow();
    (changed.steps[1].config as { url: unknown }).url = { template: `${targetUrl}/v2/leads` };
    expect((await call('PUT', `${t.url}/api/workflows/${wf.id}`, changed)).body.version).toBe(2);

    const original = await call('POST', `${t.url}/api/runs/${hook.body.runId}/replay`, { version: 'original' });
    expect(original.body.workflowVersion).toBe(1);
    await waitForRun(t.url, original.body.runId);
    const current = await call('POST', `${t.url}/api/runs/${hook.body.runId}/replay`, { version: 'current' });
    expect(current.body.workflowVersion).toBe(2);
    await waitForRun(t.url, current.body.runId);
    expect(target.received.map((r) => r.url)).toEqual(['/leads?src=v1', '/leads?src=v1', '/v2/leads']);
    expect((await call('POST', `${t.url}/api/runs/${hook.body.runId}/replay`, { version: 'newest' })).status).toBe(400);
  });

  it('replays the failed runs of a workflow in bulk once the target is fixed', async () => {
    target.respondWith((_req, res) => {
      res.statusCode = 400;
      res.end('{"error":"field missing"}');
    });
    const wf = await create(workflow());
    const from = new Date().toISOString();
    const hooks = [];
    for (let i = 0; i < 3; i++) hooks.push((await call('POST', wf.hookUrl, { name: `n${i}`, answers: { q1: 'yes' } })).body);
    for (const h of hooks) expect((await waitForRun(t.url, h.runId)).status).toBe('failed');
    target.respondWith((_req, res) => res.end('{}'));

    const bulk = await call('POST', `${t.url}/api/workflows/${wf.id}/replay`, { status: 'failed', from });
    expect(bulk.status).toBe(201);
    expect(bulk.body.count).toBe(3);
    const replayed = await Promise.all(bulk.body.runIds.map((id: string) => waitForRun(t.url, id)));
    expect(replayed.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(new Set(replayed.map((r) => r.eventId))).toEqual(new Set(hooks.map((h) => h.eventId)));
  });

  it('accepts and delivers exactly once every one of many concurrent webhooks', async () => {
    const wf = await create(workflow());
    const total = 600;
    let next = 0;
    const statuses: number[] = [];
    const sender = async () => {
      for (let i = next++; i < total; i = next++) {
        statuses.push((await call('POST', wf.hookUrl, { name: `n${i}`, answers: { q1: 'yes', q2: i } })).status);
      }
    };
    await Promise.all(Array.from({ length: 200 }, sender));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await waitFor(async () => (target.received.length >= total ? true : undefined), 30_000, `${total} deliveries`);
    const scores = target.received.map((r) => (r.json() as { score: number }).score).sort((a, b) => a - b);
    expect(scores).toEqual(Array.from({ length: total }, (_, i) => i));
  });
});
