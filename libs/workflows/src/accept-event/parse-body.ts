import { AppError, ErrorCode } from '@app/common';

export interface ParsedBody {
  body: unknown;
  rawBody: string;
}

/** PostgreSQL text and jsonb cannot hold U+0000; it is the one character we replace before storing. */
const NUL = /\u0000/g;
const clean = (s: string) => (s.includes('\u0000') ? s.replace(NUL, '\uFFFD') : s);

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mime = contentType.split(';', 1)[0].trim().toLowerCase();
  return mime === 'application/json' || mime.endsWith('+json');
}

/** Turns the received bytes into trigger.body; the raw text is kept beside it. */
export function parseBody(method: string, contentType: string | undefined, raw: Buffer, query: Record<string, unknown>): ParsedBody {
  const rawBody = clean(raw.toString('utf8'));
  if (method === 'GET') return { body: query, rawBody };
  if (isJson(contentType)) {
    if (rawBody.trim() === '') return { body: null, rawBody };
    try {
      // An escaped \u0000 inside JSON strings becomes a real NUL after parsing; only then pay for a reviver.
      const body = rawBody.includes('\\u0000')
        ? JSON.parse(rawBody, (_k, v) => (typeof v === 'string' ? clean(v) : v))
        : JSON.parse(rawBody);
      return { body, rawBody };
    } catch (e) {
      throw new AppError(ErrorCode.MalformedBody, `The body is not valid JSON: ${(e as Error).message}. Nothing was stored.`);
    }
  }
  return { body: rawBody, rawBody };
}
