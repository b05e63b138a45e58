import { call, waitFor } from '../support/http';
import { TargetServer } from '../support/target-server';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestStore, LOCAL_POSTGRES, LOCAL_REDIS, TestStore } from '../support/test-store';

/**
 * `npm run start:api` ×2 and `npm run start:worker` ×2 over one PostgreSQL database and one Redis, started
 * together on a fresh database: migrations run once, every webhook is delivered once.
 */
describe('scale-out: several api and worker processes', () => {
  const target = new TargetServer();
  const processes: TestApp[] = [];
  let store: TestStore;
  beforeAll(async () => (store = await createTestStore(LOCAL_POSTGRES)));
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.close()));
    await store.drop();
    await target.stop();
  });

  it('delivers every webhook exactly once', async () => {
    const targetUrl = await target.start();
    const env = { ...store.env, REDIS_URL: LOCAL_REDIS };
    processes.push(
      ...(await Promise.all([
        startTestApp({ ...env, HOOKFLOW_ROLE: 'api' }, store),
        startTestApp({ ...env, HOOKFLOW_ROLE: 'api' }, store),
        startTestApp(env, store, 'worker'),
        startTestApp(env, store, 'worker'),
      ])),
    );
    const [api1, api2] = processes;
    const wf = (
      await call('POST', `${api1.url}/api/workflows`, {
        name: 'Scale-out',
        steps: [{ key: 'post', type: 'http', config: { url: { value: targetUrl }, body: { expr: 'trigger.body' } } }],
      })
    ).body;
    const token = wf.hookUrl.split('/hooks/')[1];
    const total = 200;
    const answers = await Promise.all(
      Array.from({ length: total }, (_, n) => call('POST', `${(n % 2 ? api2 : api1).url}/hooks/${token}`, { n })),
    );
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    await waitFor(async () => (target.received.length >= total ? true : undefined), 30_000, `${total} deliveries`);
    await new Promise((r) => setTimeout(r, 500)); // would a duplicate still arrive?
    const seen = target.received.map((r) => (r.json() as { n: number }).n).sort((a, b) => a - b);
    expect(seen).toEqual([...Array(total).keys()]);
    // Both workers took part.
    for (const worker of processes.slice(2)) expect(worker.output()).toContain('run finished');
  });
});
