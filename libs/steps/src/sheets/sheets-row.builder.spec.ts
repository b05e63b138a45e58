import { StepError } from '@app/engine';
import type { AppendInput } from './sheets-append-input.parser';
import { buildRows, findHeader, toCell } from './sheets-row.builder';

const target = { spreadsheetId: 's', sheet: 'Leads' };
const columns = (...records: Record<string, unknown>[]): AppendInput => ({ target, mode: 'columns', records });
const values = (...rows: unknown[][]): AppendInput => ({ target, mode: 'values', rows });

describe('buildRows', () => {
  const headers = ['Name', 'Email ', 'Score'];

  it('places columns by header name and leaves the others empty', () => {
    expect(buildRows(columns({ Score: 3, Name: 'Ada' }), headers, [])).toEqual({ rows: [['Ada', '', 3]] });
  });

  it('matches a header that differs only in case or spaces', () => {
    expect(buildRows(columns({ email: 'a@b.c' }), headers, [])).toEqual({ rows: [['', 'a@b.c', '']] });
    expect(findHeader(['x', 'X'], 'x')).toBe(0);
    expect(findHeader(['X ', ' x'], 'x')).toBe(-1);
  });

  it('lists every unknown name once', () => {
    expect(buildRows(columns({ Nmae: 1, Phone: 2 }, { Phone: 3 }), headers, [])).toEqual({ unknown: ['Nmae', 'Phone'] });
  });

  it('writes the run marker into hookflow_run_id', () => {
    const withMarker = ['Name', 'hookflow_run_id', 'Score'];
    expect(buildRows(columns({ Name: 'Ada' }, { Score: 1 }), withMarker, ['r/k#1', 'r/k#2'])).toEqual({
      rows: [['Ada', 'r/k#1', ''], ['', 'r/k#2', 1]],
    });
    expect(buildRows(values(['Ada']), withMarker, ['r/k#1'])).toEqual({ rows: [['Ada', 'r/k#1']] });
  });

  it('refuses values in the marker column', () => {
    const withMarker = ['Name', 'hookflow_run_id'];
    expect(() => buildRows(columns({ hookflow_run_id: 'x' }), withMarker, ['m'])).toThrow(StepError);
    expect(() => buildRows(values(['Ada', 'mine']), withMarker, ['m'])).toThrow(/Row 1 of Values has 2 values, but column B is hookflow_run_id/);
  });

  it.each([
    [null, ''],
    [undefined, ''],
    ['=SUM(A1:A2)', '=SUM(A1:A2)'],
    [42, 42],
    [false, false],
    [{ a: 1 }, '{"a":1}'],
    [[1, 2], '[1,2]'],
  ])('writes %j as %j', (value, cell) => {
    expect(toCell(value)).toEqual(cell);
  });
});
