import { validateField } from './validate-field';

describe('validateField', () => {
  it('accepts the three forms', () => {
    expect(validateField({ value: { any: ['json'] } })).toBeNull();
    expect(validateField({ value: null })).toBeNull();
    expect(validateField({ expr: "trigger.body.answers.q1 = 'yes'" })).toBeNull();
    expect(validateField({ template: 'Hi {{default trigger.body.name "there"}}' })).toBeNull();
    expect(validateField({ template: '' })).toBeNull();
  });

  it('explains a wrong shape', () => {
    expect(validateField('text')).toMatch(/^a field must be an object/);
    expect(validateField(['x'])).toMatch(/^a field must be an object/);
    expect(validateField({})).toMatch(/^a field needs one of/);
    expect(validateField({ value: 1, expr: 'a' })).toBe('a field has both "value" and "expr"; use exactly one');
    expect(validateField({ expr: 'a', note: 'x' })).toMatch(/^unknown key "note" in field/);
    expect(validateField({ expr: 42 })).toBe('expr must be a string');
    expect(validateField({ template: null })).toBe('template must be a string');
    expect(validateField({ expr: ' ' })).toBe('expr is empty');
  });

  it('explains what does not compile', () => {
    expect(validateField({ expr: 'trigger.body.(' })).toMatch(/^JSONata syntax error at position \d+/);
    expect(validateField({ template: '{{shout x}}' })).toContain("unknown helper 'shout'");
    expect(validateField({ template: '{{> footer}}' })).toContain('partials');
  });
});
