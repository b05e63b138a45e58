import type { A1Range } from './emulator-a1.parser';

export type EmulatorCell = string | number | boolean;

interface Spreadsheet {
  sheets: Map<string, EmulatorCell[][]>;
  /** client_emails it is shared with; undefined = every known account. */
  sharedWith?: Set<string>;
}

export interface AppendedBlock {
  /** 1-based row of the first appended row. */
  firstRow: number;
  /** Rows of the table before the append (A1 range of it), or undefined when the sheet was empty. */
  tableLastRow?: number;
  tableWidth: number;
}

/** Spreadsheets in memory: rows per tab, and who they are shared with. */
export class EmulatorSheetStore {
  private readonly books = new Map<string, Spreadsheet>();

  sheet(spreadsheetId: string, sheet: string, create = false): EmulatorCell[][] | undefined {
    let book = this.books.get(spreadsheetId);
    if (!book && create) this.books.set(spreadsheetId, (book = { sheets: new Map() }));
    if (book && create && !book.sheets.has(sheet)) book.sheets.set(sheet, []);
    return book?.sheets.get(sheet);
  }

  exists(spreadsheetId: string): boolean {
    return this.books.has(spreadsheetId);
  }

  canAccess(spreadsheetId: string, clientEmail: string): boolean {
    const shared = this.books.get(spreadsheetId)?.sharedWith;
    return !shared || shared.has(clientEmail);
  }

  shareOnlyWith(spreadsheetId: string, emails: string[]): void {
    this.sheet(spreadsheetId, 'Sheet1', !this.books.has(spreadsheetId));
    this.books.get(spreadsheetId)!.sharedWith = new Set(emails);
  }

  /** Appends after the last row holding data, starting at the range's first column (INSERT_ROWS). */
  append(rows: EmulatorCell[][], target: EmulatorCell[][], startColumn: number): AppendedBlock {
    const used = lastUsedRow(target);
    const tableWidth = Math.max(0, ...target.map(usedWidth));
    const firstRow = used + 1;
    rows.forEach((cells, i) => {
      const row: EmulatorCell[] = new Array(startColumn).fill('');
      target[used + i] = row.concat(cells);
    });
    return { firstRow, tableLastRow: used > 0 ? used : undefined, tableWidth };
  }

  /** The cells in a range, trailing empty rows and cells trimmed, as values.get returns them. */
  read(target: EmulatorCell[][], range: A1Range): EmulatorCell[][] {
    const firstRow = range.startRow ?? 1;
    const lastRow = Math.min(range.endRow ?? target.length, target.length);
    const firstCol = range.startColumn ?? 0;
    const out: EmulatorCell[][] = [];
    for (let r = firstRow; r <= lastRow; r++) {
      const row = target[r - 1] ?? [];
      const end = range.endColumn === undefined ? row.length : Math.min(row.length, range.endColumn + 1);
      out.push(trimRow(row.slice(firstCol, end)));
    }
    while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
    return out;
  }
}

function usedWidth(row: EmulatorCell[] | undefined): number {
  return trimRow(row ?? []).length;
}

function lastUsedRow(rows: EmulatorCell[][]): number {
  for (let r = rows.length; r > 0; r--) if (usedWidth(rows[r - 1]) > 0) return r;
  return 0;
}

function trimRow(row: EmulatorCell[]): EmulatorCell[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] === '' || row[end - 1] === undefined)) end--;
  return row.slice(0, end).map((c) => c ?? '');
}
