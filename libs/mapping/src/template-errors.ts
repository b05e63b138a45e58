import { MappingError } from './mapping-error';
import { TEMPLATE_HELPER_NAMES } from './template-helpers';

/** Handlebars reports 1-based lines and 0-based columns; MappingError wants a character offset. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset + column;
}

interface HandlebarsFailure {
  message?: string;
  lineNumber?: number;
  column?: number;
}

const AVAILABLE = [...TEMPLATE_HELPER_NAMES, 'if', 'unless', 'each', 'with', 'lookup'].join(', ');

export function templateCompileError(err: unknown, text: string): MappingError {
  if (err instanceof MappingError) return err;
  const f = (err ?? {}) as HandlebarsFailure;
  let message = typeof f.message === 'string' ? f.message : String(err);
  // Handlebars appends " - line:column" to node errors; we report the place ourselves.
  message = message.replace(/ - \d+:\d+$/, '');
  const unknown = /knownHelpersOnly, but used the unknown helper (.+)$/.exec(message);
  if (unknown) message = `unknown helper '${unknown[1]}' (available: ${AVAILABLE})`;
  const located = typeof f.lineNumber === 'number' && typeof f.column === 'number';
  const position = located ? offsetOf(text, f.lineNumber!, f.column!) : undefined;
  const where = located ? ` (line ${f.lineNumber}, column ${f.column! + 1})` : '';
  const prefix = message.startsWith('Parse error') ? 'template syntax error: ' : 'template: ';
  return new MappingError(`${prefix}${message}${where}`, { position });
}

export function templateRenderError(err: unknown): MappingError {
  if (err instanceof MappingError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new MappingError(`template failed: ${message.replace(/ - \d+:\d+$/, '')}`);
}
