import type { FieldDeclaration } from '@app/engine';
import { compileFieldSet } from './compiled-field-set';
import type { EvaluationPool } from './evaluation-pool';
import type { EvaluationRequest } from './evaluation-protocol';
import { EvaluationStoppedError } from './evaluation-stopped-error';
import { IsolatedEvaluator } from './isolated-evaluator';
import { formContext } from '../test/form-context';

const ctx = formContext();
const emailFields: FieldDeclaration[] = [
  { name: 'to', label: 'To' },
  { name: 'subject', label: 'Subject' },
  { name: 'text', label: 'Text' },
  { name: 'html', label: 'HTML', html: true },
];

describe('compileFieldSet', () => {
  it('evaluates every field, html escaping only where declared', async () => {
    const set = compileFieldSet(
      {
        to: { expr: 'trigger.body.email' },
        subject: { template: 'Thanks, {{trigger.body.name}} <3' },
        text: { template: '{{#each trigger.body.items}}- {{this.title}}\n{{/each}}' },
        html: { template: '<p>{{trigger.body.answers.comments}}</p>' },
      },
      emailFields,
    );
    await expect(set.evaluate(ctx)).resolves.toEqual({
      values: {
        to: 'ann@example.com',
        subject: 'Thanks, Ann Lee <3',
        text: '- Mug\n- T-shirt\n',
        html: '<p>Loved it &lt;3 &amp; more</p>',
      },
      errors: {},
    });
  });

  it('collects per-field errors instead of throwing', async () => {
    const set = compileFieldSet({
      ok: { value: 'POST' },
      total: { expr: '$sum(trigger.body.items.price)' },
      broken: { expr: 'trigger.body.(' },
      bad: { expr: 'trigger.body.name * 2' },
      missing: { expr: 'trigger.body.phone' },
      wrongShape: { exp: 'x' } as never,
    });
    expect(Object.keys(set.compileErrors).sort()).toEqual(['broken', 'wrongShape']);
    const { values, errors } = await set.evaluate(ctx);
    expect(values).toEqual({ ok: 'POST', total: 28 });
    expect('missing' in values).toBe(false);
    expect(Object.keys(errors).sort()).toEqual(['bad', 'broken', 'wrongShape']);
    expect(errors.broken).toMatch(/^JSONata syntax error at position \d+/);
    expect(errors.bad).toMatch(/must evaluate to a number/);
    expect(errors.wrongShape).toMatch(/unknown key "exp"/);
  });

  it('keeps the declared field order when some fields need JSONata', async () => {
    const set = compileFieldSet({
      a: { expr: '$uppercase(trigger.body.name)' },
      b: { value: 1 },
      c: { expr: 'trigger.body.email' },
    });
    expect(Object.keys((await set.evaluate(ctx)).values)).toEqual(['a', 'b', 'c']);
  });

  it('treats a field named __proto__ as a plain key', async () => {
    const set = compileFieldSet(JSON.parse('{"__proto__": {"value": {"polluted": true}}}'));
    const { values } = await set.evaluate(ctx);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a runaway field without holding up the others', async () => {
    const set = compileFieldSet(
      { loop: { expr: '( $f := function($n){ $f($n+1) }; $f(0) )' }, to: { expr: 'trigger.body.email' } },
      [],
      { limits: { timeoutMs: 50 } },
    );
    const { values, errors } = await set.evaluate(ctx);
    expect(values).toEqual({ to: 'ann@example.com' });
    expect(errors).toEqual({ loop: 'expression took longer than 50 ms' });
  });
});

describe('compileFieldSet: where fields are evaluated', () => {
  /** Stands in for the pool: records requests and evaluates them in-thread. */
  function recordingPool() {
    const requests: EvaluationRequest[] = [];
    const evaluator = new IsolatedEvaluator();
    const pool = {
      run: (request: EvaluationRequest) => {
        requests.push(request);
        return evaluator.evaluate(structuredClone(request));
      },
    } as unknown as EvaluationPool;
    return { pool, requests };
  }

  it('evaluates simple fields in-thread, without the pool', async () => {
    const { pool, requests } = recordingPool();
    const set = compileFieldSet(
      {
        to: { expr: 'trigger.body.email' },
        score: { expr: "trigger.body.answers.q2 > 5 ? 'high' : 'low'" },
        body: { expr: "{ 'name': trigger.body.name, 'src': trigger.query.src & '!' }" },
        titles: { expr: 'trigger.body.items.title' },
        subject: { template: 'Thanks, {{default trigger.body.name "there"}}{{#if trigger.body.email}} <{{trigger.body.email}}>{{/if}}' },
        method: { value: 'POST' },
      },
      [],
      { pool },
    );
    await expect(set.evaluate(ctx)).resolves.toEqual({
      values: {
        to: 'ann@example.com',
        score: 'high',
        body: { name: 'Ann Lee', src: 'spring sale!' },
        titles: ['Mug', 'T-shirt'],
        subject: 'Thanks, Ann Lee <ann@example.com>',
        method: 'POST',
      },
      errors: {},
    });
    expect(requests).toHaveLength(0);
  });

  it('sends every field that could run long to the pool in one request per evaluation', async () => {
    const { pool, requests } = recordingPool();
    const set = compileFieldSet(
      {
        call: { expr: '$uppercase(trigger.body.name)' },
        to: { expr: 'trigger.body.email' },
        regex: { expr: '$contains(trigger.body.email, /example/)' },
        range: { expr: '[1..3]' },
        filtered: { expr: 'trigger.body.items[price > 10].title' },
        lambda: { expr: '(function($x){ $x * 2 })(4)' },
        list: { template: '{{#each trigger.body.items}}{{title}};{{/each}}' },
        bare: { template: '{{#trigger.body.items}}{{title}};{{/trigger.body.items}}' },
        html: { template: '<p>{{#each trigger.body.items}}{{../trigger.body.answers.comments}}{{/each}}</p>' },
      },
      [{ name: 'html', label: 'HTML', html: true }],
      { pool },
    );
    const { values, errors } = await set.evaluate(ctx);
    expect(errors).toEqual({});
    expect(values).toEqual({
      call: 'ANN LEE',
      to: 'ann@example.com',
      regex: true,
      range: [1, 2, 3],
      filtered: 'T-shirt',
      lambda: 8,
      list: 'Mug;T-shirt;',
      bare: 'Mug;T-shirt;',
      html: '<p>Loved it &lt;3 &amp; more' + 'Loved it &lt;3 &amp; more</p>',
    });
    // Declared order, with the in-thread field in its place.
    expect(Object.keys(values)).toEqual(['call', 'to', 'regex', 'range', 'filtered', 'lambda', 'list', 'bare', 'html']);
    expect(requests).toHaveLength(1);
    expect(requests[0].fields.map((f) => f.name)).toEqual(['call', 'regex', 'range', 'filtered', 'lambda', 'list', 'bare', 'html']);
    expect(requests[0].fields.find((f) => f.name === 'html')?.html).toBe(true);
    await set.evaluate(ctx);
    expect(requests[1].key).toBe(requests[0].key);
  });

  it('keeps a pool field named __proto__ a plain key', async () => {
    const { pool } = recordingPool();
    const set = compileFieldSet(JSON.parse('{"__proto__": {"expr": "$uppercase(\'x\')"}}'), [], { pool });
    const { values } = await set.evaluate(ctx);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(['__proto__']);
  });

  it('blames the running field when the pool had to stop the evaluation', async () => {
    const pool = {
      run: () => Promise.reject(new EvaluationStoppedError('expression took longer than 1000 ms and was stopped', ['b'])),
    } as unknown as EvaluationPool;
    const set = compileFieldSet({ a: { expr: '$string(1)' }, b: { expr: '$string(2)' }, c: { expr: 'run.id' } }, [], { pool });
    await expect(set.evaluate(ctx)).resolves.toEqual({
      values: { c: 'run_1' },
      errors: {
        a: 'no result: the evaluation was stopped because of b',
        b: 'expression took longer than 1000 ms and was stopped',
      },
    });
  });
});
