import type { FieldSpec } from '@app/engine';
import { compileField } from './compiled-field';
import { compileFieldSet } from './compiled-field-set';
import { closeEvaluationPool, configureEvaluationPool, EvaluationPool, type EvaluationIsolation } from './evaluation-pool';
import { EvaluationStoppedError } from './evaluation-stopped-error';
import { MappingError } from './mapping-error';
import { formContext } from '../test/form-context';

const ctx = formContext();
const bigList = { ...ctx, trigger: { ...ctx.trigger, body: { ...ctx.trigger.body, list: Array.from({ length: 2000 }, (_, i) => i) } } };

/** Field sets of one bomb between two ordinary pool fields and one in-thread field. */
function bombSet(pool: EvaluationPool, bomb: FieldSpec) {
  return compileFieldSet(
    {
      before: { expr: '$lowercase(trigger.body.name)' },
      bomb,
      after: { expr: '$uppercase(trigger.body.name)' },
      local: { expr: 'trigger.body.email' },
    },
    [],
    { pool },
  );
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

const STOPPED = 'expression took longer than 1000 ms and was stopped';
const TOO_MUCH_MEMORY = 'expression used more memory than allowed';

// Each bomb: what it must fail with. All fail in well under 1.5 s.
const BOMBS: [string, FieldSpec, RegExp][] = [
  ['a 100 MB $pad', { expr: '$pad("", 100000000, "x")' }, /^expression result is larger than 16 MB$/],
  ['a catastrophic regex', { expr: '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' }, new RegExp(`^${STOPPED}$`)],
  ['a [1..1e9] range', { expr: '$count([1..1000000000])' }, /range operator \(\.\.\) must not exceed/],
  ['a huge range inside $string', { expr: '$string([1..3000000])' }, /^expression builds a sequence longer than 1000000 items$/],
  ['infinite tail recursion', { expr: '($f := function($n){ $f($n + 1) }; $f(0))' }, /^expression took longer than 1000 ms/],
  ['doubling with $append', { expr: '$reduce([1..30], function($a, $v){ $append($a, $a) }, [1])' }, /sequence longer than|more memory/],
  ['a long $join', { expr: '$join([1..999999].$string(), ",")' }, /^expression took longer than 1000 ms/],
  [
    'a template looping over a large list three deep',
    { template: '{{#each trigger.body.list}}{{#each ../trigger.body.list}}{{#each ../../trigger.body.list}}x{{/each}}{{/each}}{{/each}}' },
    new RegExp(`^${STOPPED}$`),
  ],
];

// Allocations V8 cannot satisfy in one go: in a worker thread they abort the whole process
// (nodejs/node#47224), so they are only safe in a child process.
const PROCESS_ONLY_BOMBS: [string, FieldSpec, RegExp][] = [
  ['uppercasing a 2^27-character string', { expr: '$uppercase($reduce([1..27], function($a, $v){ $a & $a }, "xy"))' }, new RegExp(`^${TOO_MUCH_MEMORY}$`)],
  ['a 200 MB $pad', { expr: '$pad("", 100000000, "xy")' }, new RegExp(`^${TOO_MUCH_MEMORY}$`)],
];

// First, before other pools' runners come and go: it counts the process's live handles.
describe('EvaluationPool when idle', () => {
  it.each<EvaluationIsolation>(['process', 'thread'])('does not keep the process alive while idle (%s)', async (isolation) => {
    const pool = new EvaluationPool({ isolation, maxThreads: 2 });
    const keepingAlive = () =>
      process.getActiveResourcesInfo().filter((type) => ['ProcessWrap', 'PipeWrap', 'Pipe', 'Worker', 'MessagePort'].includes(type)).length;
    // Let handles of earlier pools finish closing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const baseline = keepingAlive();
    try {
      const field = compileField({ expr: '$uppercase("x")' }, { pool });
      const pending = Promise.all([field.evaluate({}), field.evaluate({})]);
      expect(keepingAlive()).toBeGreaterThan(baseline);
      await pending;
      expect(pool.threadCount).toBe(2);
      expect(keepingAlive()).toBeLessThanOrEqual(baseline);
    } finally {
      await pool.close();
    }
  });
});

describe.each<EvaluationIsolation>(['process', 'thread'])('EvaluationPool (%s)', (isolation) => {
  let pool: EvaluationPool;

  beforeAll(async () => {
    pool = new EvaluationPool({ isolation, maxThreads: 2 });
    // Warm both runners, so timings below measure evaluation, not start-up.
    const warm = compileFieldSet({ v: { expr: '$uppercase("x")' } }, [], { pool });
    await Promise.all([warm.evaluate({}), warm.evaluate({})]);
  });

  afterAll(() => pool.close());

  const bombs = isolation === 'process' ? [...BOMBS, ...PROCESS_ONLY_BOMBS] : BOMBS;

  it.each(bombs)('stops %s with a clear error, and the next evaluation succeeds', async (_, bomb, expected) => {
    const { result, ms } = await timed(bombSet(pool, bomb).evaluate(bigList));
    expect(result.errors.bomb).toMatch(expected);
    expect(ms).toBeLessThan(1500);
    // The in-thread field is never affected.
    expect(result.values.local).toBe('ann@example.com');
    if (result.errors.before) {
      // The runner was stopped: the field that was running gets the reason, the others say why they have none.
      expect(result.errors.before).toBe('no result: the evaluation was stopped because of bomb');
      expect(result.errors.after).toBe('no result: the evaluation was stopped because of bomb');
    } else {
      expect(result.values).toEqual({ before: 'ann lee', after: 'ANN LEE', local: 'ann@example.com' });
    }

    const next = await bombSet(pool, { expr: '$sum(trigger.body.items.price)' }).evaluate(ctx);
    expect(next).toEqual({ values: { before: 'ann lee', bomb: 28, after: 'ANN LEE', local: 'ann@example.com' }, errors: {} });
  });

  it('settles every concurrent evaluation while runners are being stopped', async () => {
    const regex = compileFieldSet({ r: { expr: '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' } }, [], { pool });
    const normal = compileFieldSet(
      { total: { expr: '$sum(trigger.body.items.(qty * price))' }, run: { expr: 'run.id & "/" & $string(n)' } },
      [],
      { pool },
    );
    const started = Date.now();
    const work = [
      regex.evaluate(ctx),
      ...Array.from({ length: 20 }, (_, n) => normal.evaluate({ ...ctx, n })),
      regex.evaluate(ctx),
      ...Array.from({ length: 20 }, (_, n) => normal.evaluate({ ...ctx, n: n + 20 })),
    ];
    const results = await Promise.all(work);
    expect(results[0]).toEqual({ values: {}, errors: { r: STOPPED } });
    expect(results[21]).toEqual({ values: {}, errors: { r: STOPPED } });
    const normals = results.filter((_, i) => i !== 0 && i !== 21);
    expect(normals).toEqual(Array.from({ length: 40 }, (_, n) => ({ values: { total: 36, run: `run_1/${n}` }, errors: {} })));
    // Two runners stopped side by side, then replacements took the queue.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(pool.threadCount).toBeLessThanOrEqual(2);
  });

  it('keeps Handlebars away from prototypes in the runner', async () => {
    const set = compileFieldSet(
      {
        t: {
          template:
            '{{#each trigger.body.items}}[{{this.constructor}}{{this.__proto__}}{{lookup this "constructor"}}' +
            '{{this.constructor.name}}{{title}}]{{/each}}{{trigger.__proto__.polluted}}{{#with trigger}}{{constructor.name}}{{/with}}',
        },
      },
      [],
      { pool },
    );
    await expect(set.evaluate(ctx)).resolves.toEqual({ values: { t: '[Mug][T-shirt]' }, errors: {} });
  });

  it('reports a result that is not data on its field, and keeps the others', async () => {
    const set = compileFieldSet({ f: { expr: "{ 'fn': $uppercase }" }, ok: { expr: '$uppercase(trigger.body.name)' } }, [], { pool });
    const { values, errors } = await set.evaluate(ctx);
    expect(values).toEqual({ ok: 'ANN LEE' });
    expect(errors).toEqual({ f: 'expression result contains a function or another value that is not data' });
  });

  it('reports a context that cannot be sent', async () => {
    const set = compileFieldSet({ f: { expr: '$uppercase(trigger.body.name)' } }, [], { pool });
    const { errors } = await set.evaluate({ trigger: { body: { name: 'x' }, callback: () => 1 } });
    expect(errors.f).toMatch(/^the run context cannot be passed to the expression evaluator/);
  });

  it('stops a single compiled field with an EvaluationStoppedError', async () => {
    const field = compileField({ expr: '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' }, { pool });
    const err = await field.evaluate(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EvaluationStoppedError);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toBe(STOPPED);
    await expect(compileField({ expr: '$uppercase(trigger.body.name)' }, { pool }).evaluate(ctx)).resolves.toBe('ANN LEE');
  });
});

describe('EvaluationPool', () => {
  it('starts the deadline when the runner is ready, not when it is asked to start', async () => {
    const pool = new EvaluationPool({ maxThreads: 1 });
    try {
      // Starting a runner from TypeScript sources takes far longer than 20 ms.
      const set = compileFieldSet({ v: { expr: '$uppercase(trigger.body.name)' } }, [], { pool, limits: { timeoutMs: 20 } });
      await expect(set.evaluate(ctx)).resolves.toEqual({ values: { v: 'ANN LEE' }, errors: {} });
    } finally {
      await pool.close();
    }
  });

  it('reports a thread that ran out of memory and replaces it', async () => {
    // Many small allocations: V8 stops the thread cleanly (ERR_WORKER_OUT_OF_MEMORY).
    const pool = new EvaluationPool({ isolation: 'thread', resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 8 } });
    try {
      const set = compileFieldSet({ m: { expr: '$map([1..300000], function($v){ { "v": $v, "list": [$v, $v, $v] } })' } }, [], { pool });
      await expect(set.evaluate({})).resolves.toEqual({ values: {}, errors: { m: TOO_MUCH_MEMORY } });
      await expect(compileField({ expr: '$string(1 + 1)' }, { pool }).evaluate({})).resolves.toBe('2');
    } finally {
      await pool.close();
    }
  });

  it('close() lets queued and running evaluations finish, refuses new ones, and stops the runners', async () => {
    const pool = new EvaluationPool({ maxThreads: 1 });
    const field = compileField({ expr: '$count([1..300000].($ * 2))' }, { pool });
    await expect(field.evaluate({})).resolves.toBe(300000);
    expect(pool.threadCount).toBe(1);
    const running = field.evaluate({});
    const queued = field.evaluate({});
    expect(pool.queued).toBe(1);
    const closed = pool.close();
    await expect(compileField({ expr: '$string(1)' }, { pool }).evaluate({})).rejects.toThrow('expression evaluator is shut down');
    await expect(running).resolves.toBe(300000);
    await expect(queued).resolves.toBe(300000);
    await closed;
    expect(pool.threadCount).toBe(0);
  });

  it('close() waits for a runaway to be stopped', async () => {
    const pool = new EvaluationPool({ maxThreads: 1 });
    const runaway = compileField({ expr: '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' }, { pool }).evaluate({});
    const outcome = runaway.catch((e: Error) => e.message);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await pool.close();
    expect(pool.threadCount).toBe(0);
    await expect(outcome).resolves.toBe(STOPPED);
  });

  it('stops idle runners after the idle timeout', async () => {
    const pool = new EvaluationPool({ idleTimeoutMs: 100 });
    try {
      await compileField({ expr: '$string(1)' }, { pool }).evaluate({});
      expect(pool.threadCount).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pool.threadCount).toBe(0);
      await expect(compileField({ expr: '$string(2)' }, { pool }).evaluate({})).resolves.toBe('2');
    } finally {
      await pool.close();
    }
  });

  it('validates its options', () => {
    expect(() => new EvaluationPool({ maxThreads: 0 })).toThrow('maxThreads');
    expect(() => new EvaluationPool({ isolation: 'vm' as never })).toThrow('isolation');
  });
});

describe('the process-wide pool', () => {
  afterAll(() => closeEvaluationPool());

  it('is created on first use, configurable, and closed explicitly', async () => {
    await expect(closeEvaluationPool()).resolves.toBeUndefined();
    expect(() => configureEvaluationPool({ maxThreads: -1 })).toThrow('maxThreads');
    configureEvaluationPool({ isolation: 'thread', maxThreads: 1 });
    const set = compileFieldSet({ v: { expr: '$uppercase(trigger.body.name)' } });
    await expect(set.evaluate(ctx)).resolves.toEqual({ values: { v: 'ANN LEE' }, errors: {} });
    await closeEvaluationPool();
    // A later evaluation starts a new pool.
    await expect(set.evaluate(ctx)).resolves.toEqual({ values: { v: 'ANN LEE' }, errors: {} });
    configureEvaluationPool({});
  });
});
