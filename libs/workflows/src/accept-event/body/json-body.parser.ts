import { malformedBody } from './malformed-body.error';
import { mayHoldUnstorableEscapes, storableDeep } from './storable-text.sanitizer';

/** `text` is already decoded and NUL-free; an empty body is `null`, not an error. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    const body: unknown = JSON.parse(text);
    // Only escapes can put a NUL or a lone surrogate into parsed strings or keys; pay for a walk only then.
    return mayHoldUnstorableEscapes(text) ? storableDeep(body) : body;
  } catch (e) {
    throw malformedBody('JSON', (e as Error).message);
  }
}
