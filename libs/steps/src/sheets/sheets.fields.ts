import type { FieldDeclaration } from '@app/engine';

/** The header that turns on exactly-once appends (see SheetsDuplicateFinder). */
export const RUN_ID_COLUMN = 'hookflow_run_id';

/** What sheets.appendRow asks for; the API validates workflow documents and the UI builds its form from these. */
export const SHEETS_APPEND_ROW_FIELDS: FieldDeclaration[] = [
  {
    name: 'spreadsheetId',
    label: 'Spreadsheet',
    required: true,
    kinds: ['value', 'template', 'expr'],
    help:
      "The spreadsheet's id: the long part of its address between /d/ and /edit (pasting the whole address works too). " +
      "Share the spreadsheet with the service account's email address as Editor, or Google will refuse.",
  },
  {
    name: 'sheet',
    label: 'Sheet (tab)',
    kinds: ['value', 'template', 'expr'],
    help: 'The name of the tab to add rows to, exactly as shown at the bottom of the spreadsheet. Default: Sheet1.',
  },
  {
    name: 'columns',
    label: 'Columns',
    kinds: ['value', 'expr'],
    help:
      "Values by column name, as written in the tab's first (header) row, e.g. { 'Name': trigger.body.name, 'Email': trigger.body.email }. " +
      'Columns you leave out stay empty; a name that is not in the header row is an error. Give a list of such objects to add ' +
      `several rows at once (e.g. one per order line). Add a column named ${RUN_ID_COLUMN} to the header row and hookflow ` +
      'fills it in and never adds the same row twice, even when a retry follows a lost answer from Google. Use either Columns or Values.',
  },
  {
    name: 'values',
    label: 'Values',
    kinds: ['value', 'expr'],
    help:
      'The row as a list of values from column A onwards, e.g. [trigger.body.name, trigger.body.email]; a list of lists adds ' +
      'several rows. Values are read as if typed: numbers, dates and formulas are recognised. Use either Columns or Values.',
  },
];
