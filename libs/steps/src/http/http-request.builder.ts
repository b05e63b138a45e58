import { StepError } from '@app/engine';
import { BODY_TYPES, BodyType, encodeBody, isPlainObject } from './http-body.encoder';
import type { PreparedHttpRequest } from './http-request.types';

export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;
export const MAX_HTTP_TIMEOUT_MS = 300_000;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Every problem found here is in the step's configuration, so retrying cannot help: transient=false. */
const invalid = (message: string) => new StepError(message, false);

/** Turns the evaluated http fields into the request to send, or explains what to fix. */
export function prepareHttpRequest(input: Record<string, unknown>): PreparedHttpRequest {
  const hasBody = input.body !== undefined && input.body !== null;
  const method = readMethod(input.method, hasBody);
  if (hasBody && (method === 'GET' || method === 'HEAD')) {
    throw invalid(`A ${method} request cannot carry a body. Choose POST, PUT or PATCH, or move the values into Query parameters.`);
  }
  const url = readUrl(input.url);
  appendQuery(url, input.query);
  const headers = readHeaders(input.headers);
  let body: string | undefined;
  if (hasBody) {
    const encoded = encodeBody(input.body, readBodyType(input.bodyType));
    body = encoded.body;
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = encoded.contentType;
  }
  return { method, url, headers, body, timeoutMs: readTimeout(input.timeoutMs) };
}

function readMethod(value: unknown, hasBody: boolean): string {
  if (value === undefined || value === null || value === '') return hasBody ? 'POST' : 'GET';
  const method = String(value).trim().toUpperCase();
  if (!METHODS.includes(method)) throw invalid(`Method "${String(value)}" is not supported. Use one of ${METHODS.join(', ')}.`);
  return method;
}

function readUrl(value: unknown): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid('The URL is empty. Set it to the full address to call, starting with https://.');
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(`"${value}" is not a valid URL. Use a full address such as https://api.example.com/path.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`Only http:// and https:// addresses can be called, not ${url.protocol}//.`);
  }
  return url;
}

/** Query values are added to (never replace) those already written in the URL. */
function appendQuery(url: URL, query: unknown): void {
  if (query === undefined || query === null || query === '') return;
  if (typeof query === 'string') {
    new URLSearchParams(query).forEach((v, k) => url.searchParams.append(k, v));
    return;
  }
  if (!isPlainObject(query)) throw invalid('Query parameters must be name/value pairs, e.g. { "page": 2 }.');
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      url.searchParams.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
}

function readHeaders(value: unknown): Record<string, string | string[]> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw invalid('Headers must be name/value pairs, e.g. { "X-Api-Version": "2" }.');
  const headers: Record<string, string | string[]> = {};
  for (const [name, raw] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) throw invalid(`"${name}" is not a valid header name (letters, digits and - only).`);
    if (raw === undefined || raw === null) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => {
      if (typeof v === 'object') throw invalid(`Header "${name}" must be text, not ${Array.isArray(v) ? 'a list' : 'an object'}.`);
      return String(v);
    });
    headers[name] = Array.isArray(raw) ? values : values[0];
  }
  return headers;
}

function readBodyType(value: unknown): BodyType {
  if (value === undefined || value === null || value === '') return 'json';
  const type = String(value).trim().toLowerCase();
  if (!(BODY_TYPES as readonly string[]).includes(type)) {
    throw invalid(`Body type "${String(value)}" is not supported. Use json, form or text.`);
  }
  return type as BodyType;
}

function readTimeout(value: unknown): number {
  if (value === undefined || value === null || value === '') return DEFAULT_HTTP_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_HTTP_TIMEOUT_MS) {
    throw invalid(`Timeout must be a whole number of milliseconds between 1 and ${MAX_HTTP_TIMEOUT_MS}, not "${String(value)}".`);
  }
  return ms;
}
