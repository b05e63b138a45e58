import { evaluationKey, isolatedSpec, type EvaluationRequest, type IsolatedFieldSpec } from './evaluation-protocol';
import { resolveLimits } from './expression-limits';
import { cloneableReply, exceeds, IsolatedEvaluator } from './isolated-evaluator';
import { formContext } from '../test/form-context';

const limits = resolveLimits();

function request(fields: IsolatedFieldSpec[], context: object = formContext()): EvaluationRequest {
  return { key: evaluationKey(fields, limits), fields, limits, context };
}

describe('IsolatedEvaluator (the runner side of the pool)', () => {
  it('compiles a field set once per key', async () => {
    const evaluator = new IsolatedEvaluator();
    const fields = [isolatedSpec('a', { expr: '$uppercase(trigger.body.name)' }, false)];
    await expect(evaluator.evaluate(request(fields))).resolves.toEqual({ values: [['a', 'ANN LEE']], errors: [] });
    await evaluator.evaluate(request(fields));
    expect(evaluator.cachedSets).toBe(1);
    await evaluator.evaluate(request([isolatedSpec('a', { expr: '$lowercase(trigger.body.name)' }, false)]));
    expect(evaluator.cachedSets).toBe(2);
  });

  it('evaluates fields one after the other, marking each start and end', async () => {
    const marks: string[] = [];
    const fields = [
      isolatedSpec('a', { expr: '$uppercase(trigger.body.name)' }, false),
      isolatedSpec('b', { template: '{{#each trigger.body.items}}<{{title}} {{../trigger.body.answers.comments}}>{{/each}}' }, true),
      isolatedSpec('c', { expr: '$number("x")' }, false),
      isolatedSpec('d', { expr: '$lookup(trigger.body, "phone")' }, false),
    ];
    const reply = await new IsolatedEvaluator().evaluate(request(fields), (i, state) => marks.push(`${i}:${state}`));
    expect(marks).toEqual(['0:1', '0:2', '1:1', '1:2', '2:1', '2:2', '3:1', '3:2']);
    expect(reply.values).toEqual([
      ['a', 'ANN LEE'],
      ['b', '<Mug Loved it &lt;3 &amp; more><T-shirt Loved it &lt;3 &amp; more>'],
    ]);
    expect(reply.errors).toEqual([['c', { message: expect.stringMatching(/number/), code: expect.any(String), position: expect.any(Number) }]]);
  });

  it('refuses results over the size budget', async () => {
    const fields = [isolatedSpec('big', { expr: '$pad("", 2000, "x")' }, false)];
    const small = { ...limits, maxResultBytes: 1000 };
    const reply = await new IsolatedEvaluator().evaluate({ key: evaluationKey(fields, small), fields, limits: small, context: {} });
    expect(reply).toEqual({ values: [], errors: [['big', { message: 'expression result is larger than 1000 bytes' }]] });
  });

  it('measures sizes roughly as JSON, stopping early', () => {
    expect(exceeds('x'.repeat(100), 101)).toBe(true);
    expect(exceeds('x'.repeat(100), 102)).toBe(false);
    expect(exceeds({ list: [1, 2, 3], name: 'ann' }, 100)).toBe(false);
    expect(exceeds(new Array(1000).fill(1), 1000)).toBe(true);
    // A value that shares one object many times over is measured as it would be written out.
    let dag: unknown = 'x'.repeat(10);
    for (let i = 0; i < 40; i++) dag = [dag, dag];
    expect(exceeds(dag, 16 * 1024 * 1024)).toBe(true);
  });

  it('turns values that cannot be cloned into field errors', () => {
    const reply = cloneableReply({ values: [['ok', { a: 1 }], ['fn', { f: () => 1 }]], errors: [] });
    expect(reply).toEqual({
      values: [['ok', { a: 1 }]],
      errors: [['fn', { message: 'expression result contains a function or another value that is not data' }]],
    });
  });
});
