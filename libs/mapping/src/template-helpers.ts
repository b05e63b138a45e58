import type { HelperDelegate } from 'handlebars';
import { MappingError } from './mapping-error';

/**
 * The fixed helper set templates may use. Handlebars passes an options object as the last argument;
 * `params` strips it so variadic helpers (and, or) see only the user's arguments.
 */
function params(args: IArguments): unknown[] {
  return Array.prototype.slice.call(args, 0, -1);
}

/** Handlebars' own notion of falsy (as in {{#if}}): empty arrays are false, like empty strings. */
function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

const DATE_FORMATS = ['iso', 'epoch', 'epoch_ms', 'date'] as const;

/**
 * Reads an ISO string or an epoch number. Epoch numbers below 1e11 are taken as seconds
 * (1e11 s is the year 5138), larger ones as milliseconds.
 */
function toDate(value: unknown): Date {
  let ms: number;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value))) {
    const n = Number(value);
    ms = Math.abs(n) < 1e11 ? n * 1000 : n;
  } else if (typeof value === 'string') {
    ms = Date.parse(value);
  } else if (value instanceof Date) {
    ms = value.getTime();
  } else {
    ms = NaN;
  }
  if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) {
    throw new MappingError(`date: cannot read ${JSON.stringify(value)} as a date (use an ISO string or epoch)`);
  }
  return new Date(ms);
}

function formatDate(value: unknown, format: unknown): string {
  if (isMissing(value)) return '';
  const date = toDate(value);
  switch (format ?? 'iso') {
    case 'iso':
      return date.toISOString();
    case 'epoch':
      return String(Math.floor(date.getTime() / 1000));
    case 'epoch_ms':
      return String(date.getTime());
    case 'date':
      return date.toISOString().slice(0, 10);
    default:
      throw new MappingError(`date: unknown format ${JSON.stringify(format)} (use ${DATE_FORMATS.join(', ')})`);
  }
}

export const TEMPLATE_HELPERS: Readonly<Record<string, HelperDelegate>> = Object.freeze({
  urlencode: (value: unknown) => (isMissing(value) ? '' : encodeURIComponent(String(value))),
  json() {
    // {{json value}} or {{json value 2}} for indentation
    const [v, indent] = params(arguments);
    if (v === undefined) return '';
    return JSON.stringify(v, null, typeof indent === 'number' ? indent : undefined);
  },
  default() {
    const [value, fallback] = params(arguments);
    return isMissing(value) ? fallback : value;
  },
  date() {
    const [value, format] = params(arguments);
    return formatDate(value, format);
  },
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: unknown, b: unknown) => comparable(a, b) && (a as number) > (b as number),
  lt: (a: unknown, b: unknown) => comparable(a, b) && (a as number) < (b as number),
  and() {
    const values = params(arguments);
    return values.length > 0 && values.every(truthy);
  },
  or() {
    return params(arguments).some(truthy);
  },
  not: (value: unknown) => !truthy(value),
});

/** Numbers with numbers, strings with strings; anything else compares false. */
function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

export const TEMPLATE_HELPER_NAMES: readonly string[] = Object.freeze(Object.keys(TEMPLATE_HELPERS));
