/** A cell as sent to Sheets: USER_ENTERED text is parsed as if typed (numbers, dates, formulas). */
export type SheetCell = string | number | boolean;
export type SheetRow = SheetCell[];

/** Which tab of which spreadsheet. */
export interface SheetTarget {
  spreadsheetId: string;
  /** The tab's name as shown in the spreadsheet. */
  sheet: string;
}

/** What later steps read as steps.<key> (SPEC §5). */
export interface SheetsAppendRowOutput {
  spreadsheetId: string;
  /** A1 range of this step's rows, e.g. Leads!A5:C6; null when there was nothing to append. */
  updatedRange: string | null;
  updatedRows: number;
}

/** A rectangle of cells; columns 0-based, rows 1-based. `sheetRef` is the sheet as Google wrote it. */
export interface CellBlock {
  sheetRef: string;
  startColumn: number;
  startRow: number;
  endColumn: number;
  endRow: number;
}
