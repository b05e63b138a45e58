import type { CellBlock } from './sheets-append.types';

/**
 * A sheet name in A1 notation. Always quoted, with single quotes doubled, which is valid for every name:
 * unquoted names break on spaces, punctuation and names that look like cells ("Q1", "R2C3").
 */
export function quoteSheetName(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

export function sheetRange(sheet: string, cells?: string): string {
  return cells ? `${quoteSheetName(sheet)}!${cells}` : quoteSheetName(sheet);
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** The sheet part of a range Google returned (quoted or not, as Google chose), e.g. `Leads` or `'My leads'`. */
export function sheetRefOf(range: string): string {
  const bang = range.lastIndexOf('!');
  return bang < 0 ? range : range.slice(0, bang);
}

/** `Leads!A5:C6` or `'Le''ads'!B7` as a block; undefined when it has no cell part (a whole sheet). */
export function parseCellBlock(range: string): CellBlock | undefined {
  // Sheet names may contain "!" but only when quoted, and the cell part never does: the last "!" splits.
  const bang = range.lastIndexOf('!');
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range.slice(bang + 1));
  if (bang < 0 || !m) return undefined;
  const [, c1, r1, c2 = c1, r2 = r1] = m;
  return { sheetRef: range.slice(0, bang), startColumn: columnIndex(c1), startRow: Number(r1), endColumn: columnIndex(c2), endRow: Number(r2) };
}

export function formatCellBlock(block: CellBlock): string {
  const start = `${columnLetters(block.startColumn)}${block.startRow}`;
  const end = `${columnLetters(block.endColumn)}${block.endRow}`;
  return `${block.sheetRef}!${start}${start === end ? '' : `:${end}`}`;
}
