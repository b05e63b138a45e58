import { columnLetters, formatCellBlock, parseCellBlock, quoteSheetName, sheetRange, sheetRefOf } from './a1-notation.formatter';

describe('A1 notation', () => {
  it.each([
    ['Leads', "'Leads'"],
    ["Bob's leads", "'Bob''s leads'"],
    ['Q1', "'Q1'"],
    ['a!b', "'a!b'"],
  ])('quotes %s as %s', (sheet, quoted) => {
    expect(quoteSheetName(sheet)).toBe(quoted);
  });

  it('builds ranges', () => {
    expect(sheetRange('Leads', 'A1')).toBe("'Leads'!A1");
    expect(sheetRange('Leads')).toBe("'Leads'");
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });

  it.each([
    ['Leads!A5:C6', { sheetRef: 'Leads', startColumn: 0, startRow: 5, endColumn: 2, endRow: 6 }],
    ["'Bob''s!'!B7", { sheetRef: "'Bob''s!'", startColumn: 1, startRow: 7, endColumn: 1, endRow: 7 }],
    ['Sheet1!AA10:AB12', { sheetRef: 'Sheet1', startColumn: 26, startRow: 10, endColumn: 27, endRow: 12 }],
  ])('parses %s and formats it back', (range, block) => {
    expect(parseCellBlock(range)).toEqual(block);
    expect(formatCellBlock(block)).toBe(range);
  });

  it.each(['Leads', 'Leads!A:C', 'Leads!1:1', 'nonsense'])('finds no block in %s', (range) => {
    expect(parseCellBlock(range)).toBeUndefined();
  });

  it('takes the sheet part of a range as Google wrote it', () => {
    expect(sheetRefOf("'My leads'!A1:Z1000")).toBe("'My leads'");
    expect(sheetRefOf('Leads')).toBe('Leads');
  });
});
