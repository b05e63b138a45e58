import { StepError } from '@app/engine';
import { isPlainObject } from '../http/http-body.encoder';

/** A problem in the step's settings: retrying cannot fix it. */
const invalid = (message: string) => new StepError(message, false);

const isMissing = (value: unknown) => value === undefined || value === null || value === '';

/** Optional text: numbers and booleans become text, empty means not set, objects are a mistake. */
export function readOptionalText(input: Record<string, unknown>, name: string, label: string, maxLength?: number): string | undefined {
  const value = input[name];
  if (isMissing(value)) return undefined;
  if (typeof value === 'object') {
    throw invalid(`${label} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}. Use a template such as {{trigger.body.name}}.`);
  }
  const text = String(value);
  // Code points, not UTF-16 units: an emoji is one character to the people writing messages.
  const length = [...text].length;
  if (maxLength !== undefined && length > maxLength) {
    throw invalid(`${label} is ${length} characters long; the service accepts at most ${maxLength}. Shorten it.`);
  }
  return text;
}

/** Required text; blank (only spaces) counts as missing, since the service would refuse it anyway. */
export function readRequiredText(input: Record<string, unknown>, name: string, label: string, maxLength?: number): string {
  const text = readOptionalText(input, name, label, maxLength);
  if (text === undefined || text.trim() === '') {
    throw invalid(`${label} is empty. Write the message, e.g. "New order from {{trigger.body.name}}".`);
  }
  return text;
}

/**
 * An optional list of objects (Slack blocks, Discord embeds). Lenient about what builders export:
 * a single object, `{ "<name>": [...] }` as Block Kit Builder and Discohook copy it, or that as JSON text.
 */
export function readObjectList(input: Record<string, unknown>, name: string, label: string, maxItems: number): Record<string, unknown>[] | undefined {
  let value = input[name];
  if (isMissing(value)) return undefined;
  if (typeof value === 'string') value = parseJson(value, label);
  if (isPlainObject(value)) value = Array.isArray(value[name]) ? value[name] : [value];
  if (!Array.isArray(value)) throw invalid(`${label} must be a list of objects, e.g. an expression [{ … }, { … }].`);
  if (value.length === 0) return undefined;
  if (value.length > maxItems) throw invalid(`${label} has ${value.length} items; the service accepts at most ${maxItems}.`);
  value.forEach((item, i) => {
    if (!isPlainObject(item)) throw invalid(`${label} item ${i + 1} must be an object, not ${JSON.stringify(item)}.`);
  });
  return value as Record<string, unknown>[];
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(`${label} is text that is not JSON. Build it with an expression, or paste valid JSON.`);
  }
}
