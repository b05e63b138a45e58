/** A parsed A1 range as the Sheets API reads it. Columns are 0-based, rows 1-based; open ends are undefined. */
export interface A1Range {
  sheet: string;
  startColumn?: number;
  startRow?: number;
  endColumn?: number;
  endRow?: number;
}

const CELLS = /^([A-Z]+)?(\d+)?(?::([A-Z]+)?(\d+)?)?$/;
const PLAIN_SHEET = /^[A-Za-z0-9_]+$/;

/** `'Le''ads'!A1`, `Leads!A5:C6`, `'Leads'!1:1`, `'Leads'!D:D`, `'Leads'`; null when Google would say "Unable to parse range". */
export function parseA1(range: string): A1Range | null {
  const split = splitSheet(range);
  if (!split) return null;
  const { sheet, cells } = split;
  if (cells === undefined) return { sheet };
  const m = CELLS.exec(cells);
  if (!m || cells === '' || cells === ':') return null;
  const [, c1, r1, c2, r2] = m;
  return {
    sheet,
    startColumn: c1 ? columnIndex(c1) : undefined,
    startRow: r1 ? Number(r1) : undefined,
    endColumn: c2 ? columnIndex(c2) : c1 && !cells.includes(':') ? columnIndex(c1) : undefined,
    endRow: r2 ? Number(r2) : r1 && !cells.includes(':') ? Number(r1) : undefined,
  };
}

function splitSheet(range: string): { sheet: string; cells?: string } | null {
  if (range.startsWith("'")) {
    let i = 1;
    let sheet = '';
    for (; i < range.length; i++) {
      if (range[i] !== "'") sheet += range[i];
      else if (range[i + 1] === "'") sheet += range[i++];
      else break;
    }
    if (i >= range.length || sheet === '') return null;
    const rest = range.slice(i + 1);
    if (rest === '') return { sheet };
    return rest.startsWith('!') ? { sheet, cells: rest.slice(1) } : null;
  }
  const bang = range.lastIndexOf('!');
  const sheet = bang < 0 ? range : range.slice(0, bang);
  if (!PLAIN_SHEET.test(sheet)) return null;
  return bang < 0 ? { sheet } : { sheet, cells: range.slice(bang + 1) };
}

export function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The sheet name as Google writes it in the ranges it returns: quoted only when it has to be. */
export function sheetReference(sheet: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) && !/^R\d*C\d*$/i.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
