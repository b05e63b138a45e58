import type { OutboundResponse } from '@app/security';
import type { HttpStepOutput } from './http-request.types';

/** The response as later steps see it: body parsed when it says it is JSON, text otherwise. */
export function toHttpStepOutput(response: OutboundResponse): HttpStepOutput {
  return { status: response.status, headers: response.headers, body: readBody(response) };
}

/** The body as text, in the charset the response declares. */
export function responseText(response: OutboundResponse): string {
  return decode(response.body, headerValue(response.headers['content-type']));
}

function readBody(response: OutboundResponse): unknown {
  const contentType = headerValue(response.headers['content-type']);
  const text = decode(response.body, contentType);
  if (isJsonType(contentType) && text.trim() !== '') {
    try {
      return JSON.parse(text);
    } catch {
      // A server that labels broken JSON as JSON: hand over the text rather than failing a successful call.
      return text;
    }
  }
  return text;
}

/** application/json, text/json and every +json type (problem+json, vnd.api+json, …). */
function isJsonType(contentType: string): boolean {
  const mime = contentType.split(';')[0].trim().toLowerCase();
  return mime === 'application/json' || mime === 'text/json' || mime.endsWith('+json');
}

function decode(bytes: Buffer, contentType: string): string {
  const charset = /charset="?([^";]+)"?/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
