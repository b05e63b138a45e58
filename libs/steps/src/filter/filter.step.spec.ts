import { FilterStep } from './filter.step';
import { isTruthy } from './jsonata-truthiness.rule';

describe('filter step', () => {
  it.each([
    [true, true],
    [false, false],
    [undefined, false],
    [null, false],
    ['', false],
    ['no', true],
    ['false', true],
    [0, false],
    [-1, true],
    [0.5, true],
    [Number.NaN, false],
    [[], false],
    [[false, 0, ''], false],
    [[false, 'x'], true],
    [[[true]], true],
    [{}, false],
    [{ a: null }, true],
  ])('%j is %s', async (condition, passed) => {
    expect(isTruthy(condition)).toBe(passed);
    await expect(new FilterStep().execute({ condition })).resolves.toEqual({ passed });
  });

  it('declares one required expression field', () => {
    expect(new FilterStep().fields).toEqual([expect.objectContaining({ name: 'condition', kinds: ['expr'], required: true })]);
  });
});
