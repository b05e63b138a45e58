import jsonata from 'jsonata';
import { BAIL, compileFastExpression } from './fast-expression';

// The fast evaluator must agree with JSONata wherever it answers; everywhere else it must step aside (BAIL).
const body = {
  name: 'Ann',
  email: 'ann@example.com',
  answers: { q1: 'yes', q2: 7, q3: 0, q4: '' },
  items: [{ title: 'Mug', price: 8 }, { title: 'Tee', price: 20 }],
  tags: ['vip'],
  empty: {},
  nested: { deep: { x: null } },
  flag: true,
  n: 2.5,
  s: '7',
  fn: { _jsonata_lambda: true, x: 1 },
};
const inputs: Record<string, unknown> = {
  realistic: { trigger: { body }, steps: { crm: { body: { id: 42 } } }, workflow: { id: 'w1' }, run: { id: 'r1' } },
  empty: {},
  arrayInPath: { trigger: [{ body: { email: 'x' } }, { body: { email: 'y' } }] },
  scalarInPath: { trigger: 'text' },
  undefinedInput: undefined,
  arrayInput: [1, 2],
  nullInput: null,
};

const expressions = [
  'trigger', 'trigger.body', 'trigger.body.email', 'trigger.body.missing.deep', 'trigger.body.items',
  'trigger.body.items.title', 'trigger.body.tags', 'trigger.body.nested.deep.x', 'trigger.body.fn',
  'trigger.body.fn.x', 'trigger.body.email.length', 'trigger.body.constructor', 'trigger.body.toString',
  '__proto__', 'trigger.__proto__', 'steps.crm.body.id', 'trigger.body.answers.and',
  "'lit'", '42', '-1.5', 'true', 'false', 'null',
  "{ 'a': trigger.body.name, 'b': trigger.body.missing }", "{ 'items': trigger.body.items }", '{}',
  "{ 'a': { 'b': [trigger.body.email, 1, [2, trigger.body.missing]] } }", '{ trigger.body.name: 1 }',
  '{ trigger.body.answers.q2: 1 }', "{ 'a': 1, 'a': 2 }", "{ trigger.body.s: 1, '7': 2 }",
  "{ trigger.body.missing: 1, 'b': 2 }", "{ '_jsonata_lambda': 1 }", "{ '2': 'x', '1': 'y', 'b': 1 }",
  '[]', '[trigger.body.tags]', '[[trigger.body.email]]', '[trigger.body.missing]', '[trigger.body]',
  "trigger.body.answers.q1 = 'yes'", 'trigger.body.answers.q2 = 7', "trigger.body.answers.q2 != '7'",
  'trigger.body.missing = null', 'trigger.body.missing != 1', 'trigger.body.nested.deep.x = null',
  'trigger.body.empty = trigger.body.empty', 'trigger.body.answers.q2 > 5', 'trigger.body.answers.q2 <= 7',
  "trigger.body.name < 'B'", "trigger.body.answers.q2 > '5'", 'trigger.body.missing > 1', 'trigger.body.flag > 1',
  'trigger.body.answers.q2 + 1', 'trigger.body.n * 2', 'trigger.body.answers.q2 / 0', 'trigger.body.s + 1',
  'trigger.body.missing - 1', 'trigger.body.answers.q2 % 4',
  "trigger.body.name & ' <' & trigger.body.email & '>'", "'n=' & trigger.body.n", "'b=' & trigger.body.flag",
  "'z=' & trigger.body.nested.deep.x", "'o=' & trigger.body.answers", "'x' & trigger.body.answers.q2 / 3",
  "trigger.body.answers.q1 = 'yes' and trigger.body.answers.q3", 'trigger.body.answers.q4 or trigger.body.empty',
  'trigger.body.answers or false', 'trigger.body.tags and true', 'trigger.body.missing and true',
  "trigger.body.flag ? 'Y' : 'N'", "trigger.body.answers.q3 ? 'Y'", 'trigger.body.missing ? 1 : 2',
  'trigger.body.tags ? 1 : 2', 'trigger.body.answers ? 1 : 2', 'trigger.body.empty ? 1 : 2',
];

async function jsonataOutcome(text: string, input: unknown): Promise<{ value?: unknown; failed?: boolean }> {
  try {
    return { value: await jsonata(text).evaluate(input) };
  } catch {
    return { failed: true };
  }
}

describe('fast expression evaluator', () => {
  it('covers the everyday subset', () => {
    for (const text of ['trigger.body.email', "{ 'a': trigger.body.name }", "trigger.body.answers.q1 = 'yes'",
      "trigger.body.flag ? 'Y' : 'N'", "'Hi ' & trigger.body.name", '[1, trigger.body.email]']) {
      expect(compileFastExpression(jsonata(text).ast())).not.toBeNull();
    }
  });

  it('leaves everything else to JSONata', () => {
    for (const text of ['$uppercase(trigger.body.name)', 'trigger.body.items[0]', 'trigger.body.items.(price * 2)',
      '($x := 1; $x)', '$', 'trigger.body.items^(price)', "trigger.body.name in ['a']"]) {
      expect(compileFastExpression(jsonata(text).ast())).toBeNull();
    }
  });

  for (const [inputName, input] of Object.entries(inputs)) {
    it(`agrees with JSONata on every expression (${inputName})`, async () => {
      for (const text of expressions) {
        const fast = compileFastExpression(jsonata(text).ast());
        if (!fast) continue;
        const answer = fast(input);
        if (answer === BAIL) continue;
        const expected = await jsonataOutcome(text, input);
        if (expected.failed) throw new Error(`${text}: fast path answered ${String(answer)} where JSONata fails`);
        try {
          expect(answer).toStrictEqual(expected.value);
        } catch (err) {
          throw new Error(`${text} on ${inputName}: ${(err as Error).message}`);
        }
      }
    });
  }

  it('answers the realistic cases itself instead of bailing', () => {
    const input = inputs.realistic;
    for (const text of ['trigger.body.email', 'trigger.body.missing.deep', "{ 'a': trigger.body.name }",
      "trigger.body.answers.q1 = 'yes' and trigger.body.answers.q3", "'n=' & trigger.body.n"]) {
      expect(compileFastExpression(jsonata(text).ast())!(input)).not.toBe(BAIL);
    }
    expect(compileFastExpression(jsonata('trigger.body.items').ast())!(input)).toBe(BAIL);
  });
});
