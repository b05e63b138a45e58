import { parseContentType } from './content-type.parser';
import { parseFormBody } from './form-body.parser';
import { parseJsonBody } from './json-body.parser';
import { parseMultipartBody } from './multipart-body.parser';
import { storableDeep } from './storable-text.sanitizer';
import { decodeText, xmlDeclaredEncoding } from './text.decoder';
import { parseXmlBody } from './xml-body.parser';

export interface ParsedBody {
  /** What a workflow sees as `trigger.body`. */
  body: unknown;
  /**
   * The body decoded as text (charset, else UTF-8; for multipart and binary types too, so text fields
   * read right; file bytes are not recoverable from it anyway once NULs are replaced). '' for GET.
   */
  rawBody: string;
}

export interface ParseBodyOptions {
  /** Keep uploaded files' bytes as `contentBase64`; otherwise only their size and sha256 are kept. */
  keepFiles?: boolean;
}

type Format = 'json' | 'form' | 'multipart' | 'xml' | 'text';

function formatOf(mime: string): Format {
  if (mime === 'application/json' || mime.endsWith('+json')) return 'json';
  if (mime === 'application/x-www-form-urlencoded') return 'form';
  if (mime === 'multipart/form-data') return 'multipart';
  if (mime === 'application/xml' || mime === 'text/xml' || mime.endsWith('+xml')) return 'xml';
  return 'text';
}

/**
 * Turns the received bytes into trigger.body. Throws AppError MalformedBody when a body claims a format
 * (or charset) and breaks it, PayloadTooLarge when a form has too many fields or files. Nothing returned
 * holds a NUL character: the store cannot keep one, so each becomes U+FFFD.
 */
export async function parseBody(
  method: string,
  contentType: string | undefined,
  raw: Buffer,
  query: Record<string, unknown>,
  options: ParseBodyOptions = {},
): Promise<ParsedBody> {
  if (method.toUpperCase() === 'GET') return { body: storableDeep(query), rawBody: '' };
  const { mime, charset } = parseContentType(contentType);
  const format = formatOf(mime);
  const rawBody = decodeText(raw, charset ?? (format === 'xml' ? xmlDeclaredEncoding(raw) : undefined));
  switch (format) {
    case 'json':
      return { body: parseJsonBody(rawBody), rawBody };
    case 'form':
      return { body: parseFormBody(rawBody, charset ?? 'utf-8'), rawBody };
    case 'multipart':
      return { body: await parseMultipartBody(raw, contentType!, options.keepFiles ?? false), rawBody };
    case 'xml':
      return { body: parseXmlBody(rawBody), rawBody };
    default:
      return { body: rawBody, rawBody };
  }
}
