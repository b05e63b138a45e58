import { AppError, ErrorCode } from '@app/common';

const MAX_REASON = 200;

/** One wording for every body that claims a format and breaks it; the caller stores nothing on this error. */
export function malformedBody(format: string, reason: string): AppError {
  // Parser messages may quote the input at length (fast-xml-parser lists every unclosed tag).
  const short = reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason.replace(/\.$/, '');
  return new AppError(ErrorCode.MalformedBody, `The body is not valid ${format}: ${short}. Nothing was stored.`);
}

export function unknownCharset(label: string): AppError {
  return new AppError(
    ErrorCode.MalformedBody,
    `The body declares charset "${label}", which is not a character encoding hookflow can decode. Nothing was stored.`,
  );
}

/** A body within the byte limit can still be too large in another dimension (fields, files). */
export function tooManyParts(what: string, limit: number): AppError {
  return new AppError(ErrorCode.PayloadTooLarge, `The body has more than ${limit} ${what}. Nothing was stored.`);
}
