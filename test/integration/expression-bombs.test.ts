import { call, waitForRun } from '../support/http';
import { TargetServer } from '../support/target-server';
import { startTestApp, TestApp } from '../support/test-app';

/** Hostile mappings fail their own step, quickly and in plain words; the worker goes on with other runs. */
describe('expression bombs', () => {
  const target = new TargetServer();
  let targetUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    targetUrl = await target.start();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await target.stop();
  });

  it.each([
    ['a huge padding', '$pad("", 100000000, "xy")', /memory|larger than/],
    ['a catastrophic regex', '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)', /longer than 1000 ms/],
    ['a runaway range', '$sum([1..1000000000])', /sequence|longer than/],
    ['endless recursion', '($f := function($n){ $f($n + 1) }; $f(0))', /longer than|deeper/],
  ])('%s fails its step within seconds, and the next run still works', async (_name, expr, message) => {
    const wf = (
      await call('POST', `${t.url}/api/workflows`, {
        name: 'Bomb',
        steps: [{ key: 'post', type: 'http', config: { url: { value: targetUrl }, body: { expr } } }],
      })
    ).body;
    const started = Date.now();
    const bomb = await waitForRun(t.url, (await call('POST', wf.hookUrl, {})).body.runId, 15_000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(bomb.status).toBe('failed');
    expect(bomb.steps[0].error.fields.body).toMatch(message);

    const fine = (
      await call('POST', `${t.url}/api/workflows`, {
        name: 'Fine',
        steps: [{ key: 'post', type: 'http', config: { url: { value: targetUrl }, body: { expr: '{ "n": $uppercase("ok") }' } } }],
      })
    ).body;
    expect((await waitForRun(t.url, (await call('POST', fine.hookUrl, {})).body.runId)).status).toBe('succeeded');
  });
});
