import { RetryPolicy } from './retry-policy';
import { CompiledStep, RunContext, RunWalker, StepRecord } from './run-walker';
import { StepError, StepExecutor } from './step-executor';

function executor(type: string, run: StepExecutor['execute']): StepExecutor {
  return { type, fields: [], execute: run };
}

function compiled(key: string, ex: StepExecutor, evaluate?: CompiledStep['evaluate']): CompiledStep {
  return {
    step: { key, type: ex.type, config: {} },
    executor: ex,
    evaluate: evaluate ?? (async (ctx) => ({ values: { seen: { ...ctx.steps } }, errors: {} })),
  };
}

function context(): RunContext {
  return { trigger: { body: { email: 'a@b.c' } }, steps: {}, workflow: { id: 'w', name: 'W' }, run: { id: 'r' } };
}

describe('RunWalker', () => {
  const sleeps: number[] = [];
  const walker = new RunWalker({
    retryPolicy: () => new RetryPolicy({ attempts: 3, baseDelayMs: 10, maxDelayMs: 100 }, () => 1),
    connection: async () => undefined,
    sleep: async (ms) => void sleeps.push(ms),
    now: () => new Date(0),
  });
  beforeEach(() => (sleeps.length = 0));

  it('runs steps in order and lets later steps read earlier outputs', async () => {
    const records: StepRecord[] = [];
    const first = executor('http', async () => ({ status: 200, body: { id: 7 } }));
    const second = executor('http', async (input) => input);
    const outcome = await walker.walk([compiled('crm', first), compiled('echo', second)], context(), new Map(), async (r) => {
      records.push(r);
    });
    expect(outcome).toEqual({ status: 'succeeded' });
    expect(records.map((r) => [r.key, r.status, r.attempts])).toEqual([
      ['crm', 'succeeded', 1],
      ['echo', 'succeeded', 1],
    ]);
    expect(records[1].input).toEqual({ seen: { crm: { status: 200, body: { id: 7 } } } });
  });

  it('ends the run as filtered when a filter does not pass, without running later steps', async () => {
    const later = jest.fn();
    const outcome = await walker.walk(
      [compiled('only_yes', executor('filter', async () => ({ passed: false }))), compiled('x', executor('http', later))],
      context(),
      new Map(),
      async () => undefined,
    );
    expect(outcome.status).toBe('filtered');
    expect(later).not.toHaveBeenCalled();
  });

  it('retries transient failures and records the attempts', async () => {
    let calls = 0;
    const flaky = executor('http', async () => {
      if (++calls < 3) throw new StepError('503 from target', true);
      return { status: 200 };
    });
    const records: StepRecord[] = [];
    const outcome = await walker.walk([compiled('crm', flaky)], context(), new Map(), async (r) => void records.push(r));
    expect(outcome.status).toBe('succeeded');
    expect(records[0].attempts).toBe(3);
    expect(sleeps).toEqual([10, 20]);
  });

  it('fails at once on a final error and says which step', async () => {
    const records: StepRecord[] = [];
    const bad = executor('http', async () => {
      throw new StepError('404 Not Found from https://x', false, { status: 404 });
    });
    const outcome = await walker.walk([compiled('crm', bad)], context(), new Map(), async (r) => void records.push(r));
    expect(outcome).toEqual({ status: 'failed', error: 'step crm: 404 Not Found from https://x', failedStep: 'crm' });
    expect(records[0]).toMatchObject({ status: 'failed', attempts: 1, error: { transient: false, details: { status: 404 } } });
  });

  it('fails a step whose fields do not evaluate, naming the fields', async () => {
    const never = jest.fn();
    const records: StepRecord[] = [];
    const outcome = await walker.walk(
      [compiled('crm', executor('http', never), async () => ({ values: {}, errors: { url: 'boom' } }))],
      context(),
      new Map(),
      async (r) => void records.push(r),
    );
    expect(outcome.status).toBe('failed');
    expect(records[0].error).toEqual({ message: 'mapping failed for url', fields: { url: 'boom' } });
    expect(never).not.toHaveBeenCalled();
  });

  it('tells actions when the run was picked up again after a crash', async () => {
    const seen: Array<boolean | undefined> = [];
    const ex = executor('sheets.appendRow', async (_i, ctx) => void seen.push(ctx.resumed));
    await walker.walk([compiled('row', ex)], context(), new Map(), async () => undefined, true);
    await walker.walk([compiled('row', ex)], context(), new Map(), async () => undefined);
    expect(seen).toEqual([true, false]);
  });

  it('does not repeat steps that already succeeded in an earlier attempt of the run', async () => {
    const first = jest.fn();
    const second = executor('http', async (input) => input);
    const records: StepRecord[] = [];
    await walker.walk(
      [compiled('crm', executor('http', first)), compiled('echo', second)],
      context(),
      new Map([['crm', { body: { id: 1 } }]]),
      async (r) => void records.push(r),
    );
    expect(first).not.toHaveBeenCalled();
    expect(records.map((r) => r.key)).toEqual(['echo']);
    expect(records[0].input).toEqual({ seen: { crm: { body: { id: 1 } } } });
  });
});

describe('RunWalker connections', () => {
  const walker = new RunWalker({
    retryPolicy: () => new RetryPolicy({ attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }),
    connection: async (step) => {
      if (step.connection === 'gone') throw new Error('connection gone no longer exists');
      return { id: step.connection!, type: 'smtp', name: 'Mail', config: {}, secrets: { pass: 'p' } };
    },
    sleep: async () => undefined,
    now: () => new Date(0),
  });

  it('hands the step its connection, and fails the step in plain words when it is gone', async () => {
    const seen: unknown[] = [];
    const ex = executor('email', async (_input, ctx) => void seen.push(ctx.connection?.secrets));
    const records: StepRecord[] = [];
    const ok = { ...compiled('mail', ex), step: { key: 'mail', type: 'email', connection: 'c1', config: {} } };
    expect((await walker.walk([ok], context(), new Map(), async (r) => void records.push(r))).status).toBe('succeeded');
    expect(seen).toEqual([{ pass: 'p' }]);
    const gone = { ...compiled('mail', ex), step: { key: 'mail', type: 'email', connection: 'gone', config: {} } };
    const outcome = await walker.walk([gone], context(), new Map(), async (r) => void records.push(r));
    expect(outcome).toEqual({ status: 'failed', error: 'step mail: connection gone no longer exists', failedStep: 'mail' });
  });
});
