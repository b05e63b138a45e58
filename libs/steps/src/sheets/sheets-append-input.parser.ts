import { StepError } from '@app/engine';
import { isPlainObject } from '../http/http-body.encoder';
import type { SheetTarget } from './sheets-append.types';

export const DEFAULT_SHEET = 'Sheet1';
/** Far beyond any webhook's line items; a bigger list is almost certainly a mapping mistake. */
export const MAX_ROWS_PER_STEP = 10_000;

/** The step's fields, checked: rows as column objects or as positional lists. */
export type AppendInput =
  | { target: SheetTarget; mode: 'columns'; records: Record<string, unknown>[] }
  | { target: SheetTarget; mode: 'values'; rows: unknown[][] };

/** Every problem here is in the step's configuration: retrying cannot help, so transient=false. */
const invalid = (message: string) => new StepError(message, false);

export function parseAppendInput(input: Record<string, unknown>): AppendInput {
  const target = { spreadsheetId: readSpreadsheetId(input.spreadsheetId), sheet: readSheet(input.sheet) };
  const hasColumns = input.columns !== undefined && input.columns !== null;
  const hasValues = input.values !== undefined && input.values !== null;
  if (hasColumns === hasValues) {
    throw invalid(
      hasColumns
        ? 'Set either Columns or Values, not both.'
        : "Nothing to write: set Columns (values by header name, e.g. { 'Email': trigger.body.email }) or Values (a list).",
    );
  }
  const parsed: AppendInput = hasColumns
    ? { target, mode: 'columns', records: readRecords(input.columns) }
    : { target, mode: 'values', rows: readValueRows(input.values) };
  const count = parsed.mode === 'columns' ? parsed.records.length : parsed.rows.length;
  if (count > MAX_ROWS_PER_STEP) throw invalid(`That is ${count} rows in one step; at most ${MAX_ROWS_PER_STEP} are allowed.`);
  return parsed;
}

function readSpreadsheetId(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw invalid("Spreadsheet is empty. Set it to the spreadsheet's id, the part of its address between /d/ and /edit.");
  // People paste the whole address from the browser; take the id out of it.
  const id = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? text;
  if (!/^[A-Za-z0-9_-]+$/.test(id)) {
    throw invalid(`"${text}" is not a spreadsheet id. Use the part of the spreadsheet's address between /d/ and /edit.`);
  }
  return id;
}

function readSheet(value: unknown): string {
  if (value === undefined || value === null || value === '') return DEFAULT_SHEET;
  if (typeof value !== 'string' && typeof value !== 'number') throw invalid('Sheet must be the name of a tab, as text.');
  const sheet = String(value);
  if (sheet.trim() === '' || sheet.length > 100) throw invalid(`"${sheet}" is not a tab name (1 to 100 characters).`);
  return sheet;
}

function readRecords(value: unknown): Record<string, unknown>[] {
  const records = Array.isArray(value) ? value : [value];
  records.forEach((record, i) => {
    if (!isPlainObject(record)) {
      const where = Array.isArray(value) ? `Item ${i + 1} of Columns` : 'Columns';
      throw invalid(`${where} must be values by column name, e.g. { 'Name': trigger.body.name }, not ${describe(record)}.`);
    }
  });
  return records as Record<string, unknown>[];
}

/** One list is one row; a list of lists is several rows. A mix is ambiguous, so it is refused. */
function readValueRows(value: unknown): unknown[][] {
  if (!Array.isArray(value)) throw invalid(`Values must be a list, e.g. [trigger.body.name, trigger.body.email], not ${describe(value)}.`);
  const nested = value.filter(Array.isArray).length;
  if (nested === 0) return value.length === 0 ? [] : [value];
  if (nested === value.length) return value as unknown[][];
  throw invalid('Values mixes single values and lists. Give one list for one row, or a list of lists for several rows.');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the text "${value.slice(0, 40)}"` : `${typeof value} ${String(value)}`;
}
