import { call, waitFor, waitForRun } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('data retention', () => {
  let t: TestApp;
  // About two seconds, so the test can watch old events and their runs go.
  beforeAll(async () => (t = await startTestApp({ RETENTION_DAYS: String(2 / 86_400), PRUNE_INTERVAL_MS: '300' })));
  afterAll(() => t.close());

  it('deletes events and their runs older than RETENTION_DAYS in the background', async () => {
    const wf = (await call('POST', `${t.url}/api/workflows`, { name: 'Short memory', steps: [] })).body;
    const old = (await call('POST', wf.hookUrl, { n: 'old' })).body;
    expect((await waitForRun(t.url, old.runId)).status).toBe('succeeded');

    await waitFor(async () => ((await call('GET', `${t.url}/api/runs/${old.runId}`)).status === 404 ? true : undefined), 15_000, 'the old run to go');
    const fresh = (await call('POST', wf.hookUrl, { n: 'fresh' })).body;
    const events = (await call('GET', `${t.url}/api/workflows/${wf.id}/events`)).body as Array<{ id: string }>;
    expect(events.map((e) => e.id)).toEqual([fresh.eventId]);
  });
});
