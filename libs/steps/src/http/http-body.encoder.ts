import { StepError } from '@app/engine';

export type BodyType = 'json' | 'form' | 'text';

export const BODY_TYPES: readonly BodyType[] = ['json', 'form', 'text'];

export interface EncodedBody {
  body: string;
  contentType: string;
}

/** Turns the evaluated body value into bytes on the wire, with the content type that describes them. */
export function encodeBody(value: unknown, type: BodyType): EncodedBody {
  switch (type) {
    case 'json':
      return { body: JSON.stringify(value), contentType: 'application/json' };
    case 'form':
      return { body: encodeForm(value), contentType: 'application/x-www-form-urlencoded' };
    case 'text':
      // Objects as JSON rather than "[object Object]": that string is never what anyone meant to send.
      return { body: typeof value === 'object' ? JSON.stringify(value) : String(value), contentType: 'text/plain; charset=utf-8' };
  }
}

/**
 * Form bodies: an object of names to values (a ready-made "a=1&b=2" string is sent as it is).
 * Nested objects use the bracket convention PHP, Rails and qs read (`customer[name]=Ada`);
 * lists repeat the name (`tag=a&tag=b`); null becomes an empty value, undefined is left out.
 */
function encodeForm(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!isPlainObject(value)) {
    throw new StepError('A form body must be name/value pairs, e.g. { "email": trigger.body.email }, or body type json/text.', false);
  }
  const params = new URLSearchParams();
  for (const [name, item] of Object.entries(value)) appendFormValue(params, name, item);
  return params.toString();
}

function appendFormValue(params: URLSearchParams, name: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) params.append(name, isPlainObject(item) || Array.isArray(item) ? JSON.stringify(item) : formText(item));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) appendFormValue(params, `${name}[${key}]`, item);
  } else {
    params.append(name, formText(value));
  }
}

function formText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
