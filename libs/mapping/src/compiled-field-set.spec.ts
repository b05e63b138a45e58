import type { FieldDeclaration } from '@app/engine';
import { compileFieldSet } from './compiled-field-set';
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
