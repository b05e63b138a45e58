import { columnLetters, formatCellBlock, sheetRange, sheetRefOf } from './a1-notation.formatter';
import type { SheetsApiClient, SheetsCall } from './sheets-api.client';
import type { SheetRow } from './sheets-append.types';

export interface DuplicateQuery {
  rows: SheetRow[];
  /** Index of the hookflow_run_id column, or -1. */
  markerColumn: number;
  /** One per row: what buildRows wrote into the marker column. */
  markers: string[];
}

/**
 * Exactly-once appends across retries. values.append is not idempotent, and a timeout or dropped connection
 * after sending leaves it unknown whether Google wrote the rows. So before a retry appends again it looks:
 *
 * - With a `hookflow_run_id` header, every row carries `<run id>/<step key>#<n>` there. The retry reads that
 *   column and, if the markers are present, reports where they are instead of appending. This is exact.
 * - Without it, the retry compares the last `lookbackRows` rows with the rows it is about to write (formulas
 *   and numbers compared as typed). This is best-effort: a genuinely identical row appended just before is
 *   taken for ours, and values Sheets reformats (dates, leading zeros) do not match, so the row is appended again.
 *
 * A check can still miss a write that Google applies after the check (a very slow lost request); the
 * retry policy's back-off makes that unlikely, the marker column makes the miss visible.
 */
export class SheetsDuplicateFinder {
  constructor(
    private readonly api: SheetsApiClient,
    private readonly lookbackRows = 50,
  ) {}

  /** The A1 range where these rows already are, or null when they are not in the sheet. */
  async find(call: SheetsCall, query: DuplicateQuery): Promise<string | null> {
    const width = Math.max(1, ...query.rows.map((row) => row.length));
    return query.markerColumn >= 0 ? this.byMarker(call, query, width) : this.byContent(call, query.rows, width);
  }

  private async byMarker(call: SheetsCall, query: DuplicateQuery, width: number): Promise<string | null> {
    const letter = columnLetters(query.markerColumn);
    const column = await this.api.getValues(call, sheetRange(call.sheet, `${letter}:${letter}`));
    const wanted = new Set(query.markers);
    const found = column.values.flatMap((row, i) => (wanted.has(String(row[0] ?? '')) ? [i + 1] : []));
    if (found.length === 0) return null;
    return formatCellBlock({ sheetRef: sheetRefOf(column.range), startColumn: 0, endColumn: width - 1, startRow: Math.min(...found), endRow: Math.max(...found) });
  }

  private async byContent(call: SheetsCall, rows: SheetRow[], width: number): Promise<string | null> {
    const sheet = await this.api.getValues(call, sheetRange(call.sheet, `A:${columnLetters(width - 1)}`), 'FORMULA');
    const existing = sheet.values;
    const lowest = Math.max(0, existing.length - this.lookbackRows);
    for (let start = existing.length - rows.length; start >= lowest; start--) {
      if (rows.every((row, i) => sameRow(row, existing[start + i] ?? []))) {
        return formatCellBlock({ sheetRef: sheetRefOf(sheet.range), startColumn: 0, endColumn: width - 1, startRow: start + 1, endRow: start + rows.length });
      }
    }
    return null;
  }
}

function sameRow(ours: SheetRow, theirs: unknown[]): boolean {
  const length = Math.max(ours.length, theirs.length);
  for (let i = 0; i < length; i++) if (typed(ours[i]) !== typed(theirs[i])) return false;
  return true;
}

/** A cell as USER_ENTERED would store it, as far as can be told without Sheets: numbers and TRUE/FALSE. */
function typed(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value).trim();
  if (/^(true|false)$/i.test(text)) return text.toLowerCase();
  if (/^-?\d+(\.\d+)?$/.test(text)) return String(Number(text));
  return text;
}
