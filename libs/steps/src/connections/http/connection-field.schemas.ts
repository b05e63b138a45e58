import { z } from 'zod';

/** RFC 9110 field-name characters: anything else could never be sent as a header. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers that frame the request itself; setting them from a connection would break the call. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'content-type']);
/** CR/LF and other control characters would split or corrupt a header line. */
const CONTROL_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const MAX_TEXT = 8192;

const required = (field: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `${field} is required` : `${field} must be text`),
});

/**
 * A one-line secret or setting that ends up in a header. Trimmed, because a pasted token often
 * drags a newline along; `keepSpaces` for passwords, where edge spaces may be real.
 */
export function headerText(field: string, options: { keepSpaces?: boolean } = {}) {
  const base = z.string(required(field));
  return (options.keepSpaces ? base : base.trim())
    .min(1, { error: `${field} must not be empty` })
    .max(MAX_TEXT, { error: `${field} must be at most ${MAX_TEXT} characters` })
    .refine((v) => !CONTROL_CHARS.test(v), { error: `${field} must be a single line of text (no line breaks or control characters)` });
}

/** A header name a connection may set. */
export function headerName(field: string) {
  return z
    .string(required(field))
    .trim()
    .min(1, { error: `${field} must not be empty` })
    .regex(HEADER_NAME, { error: `${field} must be a header name such as X-Api-Key (letters, digits and - only)` })
    .refine((v) => !RESERVED_HEADERS.has(v.toLowerCase()), {
      error: `${field} cannot be Host, Content-Length, Transfer-Encoding, Connection or Content-Type; hookflow sets those itself`,
    });
}

/** The object around a connection's fields, with a plain message when it is missing or not an object. */
export function connectionObject<T extends z.ZodRawShape>(what: 'config' | 'secrets', shape: T) {
  return z.object(shape, { error: `${what} must be an object` });
}
