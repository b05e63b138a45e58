import { rejectionOf } from '@app/testing';
import { compileExpression } from './expression-compiler';
import { MappingError } from './mapping-error';

const failure = (promise: Promise<unknown>) => rejectionOf(promise, MappingError);

const context = { trigger: { body: { email: 'ann@example.com', items: [{ price: 8 }, { price: 20 }] } } };


describe('compileExpression', () => {
  it('compiles once per text and hands back the same object', () => {
    const a = compileExpression('trigger.body.email');
    expect(compileExpression('trigger.body.email')).toBe(a);
    expect(compileExpression('trigger.body.name')).not.toBe(a);
    expect(compileExpression('trigger.body.email', { timeoutMs: 1000 })).toBe(a);
    expect(compileExpression('trigger.body.email', { timeoutMs: 50 })).not.toBe(a);
    expect(compileExpression('trigger.body.email', { timeoutMs: 50 })).toBe(
      compileExpression('trigger.body.email', { timeoutMs: 50 }),
    );
  });

  it('evaluates simple and JSONata-only expressions', async () => {
    await expect(compileExpression('trigger.body.email').evaluate(context)).resolves.toBe('ann@example.com');
    await expect(compileExpression('$sum(trigger.body.items.price)').evaluate(context)).resolves.toBe(28);
    await expect(compileExpression('$uppercase(trigger.body.email)').evaluate(context)).resolves.toBe(
      'ANN@EXAMPLE.COM',
    );
  });

  it('returns plain arrays, without JSONata bookkeeping properties', async () => {
    const prices = await compileExpression('trigger.body.items.price').evaluate(context);
    expect(prices).toStrictEqual([8, 20]);
    expect(Object.keys(prices as object)).toEqual(['0', '1']);
  });

  it('treats "no match" as undefined, not as an error', async () => {
    await expect(compileExpression('trigger.body.nothing.here').evaluate(context)).resolves.toBeUndefined();
    await expect(compileExpression('trigger.body.items[price > 100]').evaluate(context)).resolves.toBeUndefined();
  });

  it('reports syntax errors with JSONata position and message', () => {
    let err: unknown;
    try {
      compileExpression('trigger.body.(');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MappingError);
    expect((err as MappingError).message).toMatch(/^JSONata syntax error at position \d+: .+/);
    expect((err as MappingError).position).toEqual(expect.any(Number));
    expect((err as MappingError).code).toMatch(/^S0/);
    expect(() => compileExpression('   ')).toThrow('expression is empty');
  });

  it('reports evaluation errors with their position', async () => {
    const err = await failure(compileExpression("trigger.body.email + 1").evaluate(context));
    expect(err.message).toMatch(/must evaluate to a number.*\(at position \d+\)/);
  });

  it('refuses to return a function', async () => {
    const err = await failure(compileExpression('$uppercase').evaluate(context));
    expect(err.message).toContain('evaluates to a function');
  });

  it('stops infinite recursion by the depth budget', async () => {
    const started = Date.now();
    const err = await failure(compileExpression('( $f := function($n){ 1 + $f($n+1) }; $f(0) )').evaluate({}));
    expect(err.message).toBe('expression nests deeper than 200 levels (runaway recursion?)');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops tail recursion, which never nests, by the time budget', async () => {
    // JSONata turns tail calls into a loop, so this one runs until the clock stops it.
    const started = Date.now();
    const err = await failure(compileExpression('( $f := function($n){ $f($n+1) }; $f(0) )').evaluate({}));
    expect(err.message).toBe('expression took longer than 1000 ms');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('stops long loops by the time budget', async () => {
    const expr = compileExpression('$count([1..1000000].($ * 2))', { timeoutMs: 100 });
    const started = Date.now();
    const err = await failure(expr.evaluate({}));
    expect(err.message).toBe('expression took longer than 100 ms');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops huge allocations by the sequence budget before they happen', async () => {
    const started = Date.now();
    const err = await failure(compileExpression('$sum([1..10000000])').evaluate({}));
    expect(err.message).toBe('expression builds a sequence longer than 1000000 items');
    expect(Date.now() - started).toBeLessThan(500);
    const viaEval = await failure(compileExpression("$eval('$sum([1..10000000])')").evaluate({}));
    expect(viaEval.message).toContain('maximum sequence length');
  });

  it('applies the budgets to code run through $eval too', async () => {
    const err = await failure(compileExpression("$eval('( $f := function($n){ 1 + $f($n+1) }; $f(0) )')").evaluate({}));
    // JSONata wraps the inner guardrail error in its own $eval message.
    expect(err.message).toMatch(/^Dynamic error evaluating the expression passed to function eval: .*Stack overflow/);
  });

  it('does not reach prototypes', async () => {
    for (const text of ['trigger.constructor', 'trigger.__proto__', '$string.constructor', "$lookup(trigger, 'constructor')"]) {
      await expect(compileExpression(text).evaluate(context)).resolves.toBeUndefined();
    }
  });

  it('keeps budgets per evaluation, so a runaway does not fail a concurrent run of the same expression', async () => {
    const expr = compileExpression("n > 0 ? 'fine' : ( $f := function($x){ 1 + $f($x) }; $f(0) )");
    const [runaway, fine] = await Promise.allSettled([expr.evaluate({ n: 0 }), expr.evaluate({ n: 1 })]);
    expect(runaway.status).toBe('rejected');
    expect(fine).toEqual({ status: 'fulfilled', value: 'fine' });
  });
});
