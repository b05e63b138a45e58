import { compileField } from './compiled-field';
import { MappingError } from './mapping-error';
import { formContext } from '../test/form-context';

const ctx = formContext();

describe('compileField', () => {
  it('returns literals as they are', async () => {
    const value = { spreadsheetId: '1AbC', list: [1, 2] };
    await expect(compileField({ value }).evaluate(ctx)).resolves.toBe(value);
    await expect(compileField({ value: null }).evaluate(ctx)).resolves.toBeNull();
  });

  it('maps a form payload with an expression', async () => {
    const field = compileField({
      expr: "{ 'fullName': trigger.body.name, 'score': trigger.body.answers.q2, 'crm': steps.crm.body.id," +
        " 'total': $sum(trigger.body.items.(qty * price)), 'titles': trigger.body.items.title }",
    });
    await expect(field.evaluate(ctx)).resolves.toEqual({
      fullName: 'Ann Lee',
      score: 9,
      crm: 'lead_77',
      total: 36,
      titles: ['Mug', 'T-shirt'],
    });
    await expect(compileField({ expr: "trigger.body.answers.q1 = 'yes'" }).evaluate(ctx)).resolves.toBe(true);
  });

  it('renders a form payload with a template, items with each', async () => {
    const text = compileField({
      template: 'Thanks, {{trigger.body.name}}!\n{{#each trigger.body.items}}- {{qty}} x {{this.title}}\n{{/each}}' +
        'Source: {{urlencode trigger.query.src}} ({{workflow.name}}, run {{run.id}})',
    });
    await expect(text.evaluate(ctx)).resolves.toBe(
      'Thanks, Ann Lee!\n- 2 x Mug\n- 1 x T-shirt\nSource: spring%20sale (Contact form to sheet, run run_1)',
    );
  });

  it('escapes only when the field is html', async () => {
    const spec = { template: '<p>{{trigger.body.answers.comments}}</p>' };
    await expect(compileField(spec).evaluate(ctx)).resolves.toBe('<p>Loved it <3 & more</p>');
    await expect(compileField(spec, { html: true }).evaluate(ctx)).resolves.toBe('<p>Loved it &lt;3 &amp; more</p>');
  });

  it.each(['trigger.body.email', 'trigger.body.answers.q2', 'trigger.query.src', 'steps.crm.body.id', 'run.id'])(
    'a simple path means the same in both languages: %s',
    async (path) => {
      const fromExpr = await compileField({ expr: path }).evaluate(ctx);
      const fromTemplate = await compileField({ template: `{{${path}}}` }).evaluate(ctx);
      expect(fromExpr).toBeDefined();
      expect(fromTemplate).toBe(String(fromExpr));
    },
  );

  it('gives undefined for an expression that matches nothing, and empty text for a template', async () => {
    await expect(compileField({ expr: 'trigger.body.phone' }).evaluate(ctx)).resolves.toBeUndefined();
    await expect(compileField({ template: '{{trigger.body.phone}}' }).evaluate(ctx)).resolves.toBe('');
  });

  it('throws at compile time for bad syntax, naming the field and the problem', () => {
    const attempt = (spec: object) => {
      try {
        compileField(spec as never, { field: 'body' });
      } catch (err) {
        return err as MappingError;
      }
      throw new Error('expected a compile error');
    };
    const expr = attempt({ expr: "{ 'a': trigger.body.name " });
    expect(expr).toBeInstanceOf(MappingError);
    expect(expr.field).toBe('body');
    expect(expr.message).toMatch(/JSONata syntax error at position \d+: Expected "}"/);
    expect(attempt({ template: '{{#each x}}' }).message).toMatch(/template syntax error/);
    expect(attempt({ template: '{{upper x}}' }).message).toContain("unknown helper 'upper'");
    expect(attempt({ expr: 'a', template: 'b' }).message).toBe('a field has both "expr" and "template"; use exactly one');
  });

  it('rejects evaluation errors with a MappingError', async () => {
    await expect(compileField({ expr: 'trigger.body.name * 2' }).evaluate(ctx)).rejects.toThrow(MappingError);
    await expect(compileField({ template: '{{date trigger.body.name}}' }).evaluate(ctx)).rejects.toThrow(
      'cannot read "Ann Lee" as a date',
    );
  });
});
