import { StepError } from '@app/engine';
import { columnLetters } from './a1-notation.formatter';
import type { AppendInput } from './sheets-append-input.parser';
import type { SheetCell, SheetRow } from './sheets-append.types';
import { RUN_ID_COLUMN } from './sheets.fields';

/** Rows ready to send, or the Columns names the header row does not have. */
export type BuiltRows = { rows: SheetRow[]; unknown?: undefined } | { unknown: string[] };

/**
 * Lays the step's values out as sheet rows: Columns by header name (missing ones empty), Values as given.
 * When the header row has a hookflow_run_id column, each row's marker goes there (see SheetsDuplicateFinder).
 */
export function buildRows(input: AppendInput, headers: string[], markers: string[]): BuiltRows {
  const markerColumn = findHeader(headers, RUN_ID_COLUMN);
  const built = input.mode === 'columns' ? placeColumns(input.records, headers, markerColumn) : placeValues(input.rows, markerColumn);
  if (built.unknown) return built;
  if (markerColumn >= 0) built.rows.forEach((row, i) => stamp(row, markerColumn, markers[i]));
  return built;
}

/** Exact header name first; otherwise one that differs only in case or surrounding spaces ("Email " vs "email"). */
export function findHeader(headers: string[], name: string): number {
  const exact = headers.indexOf(name);
  if (exact >= 0) return exact;
  const wanted = name.trim().toLowerCase();
  const loose = headers.flatMap((h, i) => (h.trim().toLowerCase() === wanted && wanted !== '' ? [i] : []));
  return loose.length === 1 ? loose[0] : -1;
}

/** A mapped value as a cell. Objects and lists are written as JSON rather than "[object Object]". */
export function toCell(value: unknown): SheetCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function placeColumns(records: Record<string, unknown>[], headers: string[], markerColumn: number): BuiltRows {
  const unknown = new Set<string>();
  const rows = records.map((record) => {
    const row: SheetRow = new Array<SheetCell>(headers.length).fill('');
    for (const [name, value] of Object.entries(record)) {
      const column = findHeader(headers, name);
      if (column < 0) unknown.add(name);
      else if (column === markerColumn) throw markerClash(`Columns sets "${name}"`, column, 'Leave it out of Columns.');
      else row[column] = toCell(value);
    }
    return row;
  });
  return unknown.size > 0 ? { unknown: [...unknown] } : { rows };
}

function placeValues(rows: unknown[][], markerColumn: number): BuiltRows {
  return {
    rows: rows.map((values, i) => {
      if (markerColumn >= 0 && values.length > markerColumn && toCell(values[markerColumn]) !== '') {
        throw markerClash(`Row ${i + 1} of Values has ${values.length} values`, markerColumn, `Leave value ${markerColumn + 1} of each row empty (null).`);
      }
      return values.map(toCell);
    }),
  };
}

function stamp(row: SheetRow, column: number, marker: string): void {
  while (row.length <= column) row.push('');
  row[column] = marker;
}

function markerClash(what: string, column: number, fix: string): StepError {
  return new StepError(
    `${what}, but column ${columnLetters(column)} is ${RUN_ID_COLUMN}, which hookflow fills in itself to avoid duplicate rows. ${fix}`,
    false,
  );
}
