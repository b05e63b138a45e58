import { parse, type IParseOptions } from 'qs';
import { tooManyParts } from './malformed-body.error';
import { textDecoder } from './text.decoder';
import { storableText } from './storable-text.sanitizer';

/** Shared by urlencoded and multipart forms. More fields than this: refused with 413, as body-parser does. */
export const FORM_LIMITS = { fields: 1000, depth: 10 } as const;

/**
 * The one set of nested-key rules (PHP/Rails/HTML forms): `a[b]=1`, `tags[]=x`, `items[0][title]=A`,
 * repeated `k` → array. Beyond `depth` the rest of the key stays one literal key (`{ '[k][l]': v }`);
 * an index ≥ arrayLimit makes an object with numeric keys instead of a huge sparse array (nothing is
 * lost). arrayLimit equals the field limit because qs also applies it to `tags[]` lists and repeated
 * keys, and a 150-checkbox list should stay an array. Keys named like Object.prototype members
 * (`__proto__`, `constructor`, `toString`, …) are dropped by allowPrototypes: false.
 */
const NESTING: IParseOptions = {
  depth: FORM_LIMITS.depth,
  arrayLimit: FORM_LIMITS.fields,
  parameterLimit: FORM_LIMITS.fields,
  allowPrototypes: false,
  allowDots: false,
  duplicates: 'combine',
};

const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/** Percent-escapes are bytes in the form's charset: decode each run of them together (multi-byte chars). */
function formDecoder(charset: string) {
  const decoder = textDecoder(charset);
  return (s: string) => {
    const spaced = s.includes('+') ? s.replace(/\+/g, ' ') : s;
    if (!spaced.includes('%')) return storableText(spaced);
    return storableText(spaced.replace(PERCENT_RUN, (run) => decoder.decode(Buffer.from(run.replace(/%/g, ''), 'hex'))));
  };
}

function countFields(text: string): number {
  let count = 1;
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) count++;
  return count;
}

/** `text` is the body already decoded in `charset` (raw non-ASCII bytes); escapes are decoded here. */
export function parseFormBody(text: string, charset: string): Record<string, unknown> {
  if (countFields(text) > FORM_LIMITS.fields) throw tooManyParts('form fields', FORM_LIMITS.fields);
  return parse(text, { ...NESTING, decoder: formDecoder(charset) });
}

/** Nests already-decoded name/value pairs (multipart parts) with the same rules as a urlencoded form. */
export function nestFields(pairs: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  // Null prototype: a part named "__proto__" must land in qs's guard, not in this object's prototype.
  const grouped: Record<string, unknown> = Object.create(null);
  for (const [name, value] of pairs) {
    const existing = grouped[name];
    grouped[name] = existing === undefined ? value : ([] as unknown[]).concat(existing, [value]);
  }
  // qs nests an object's keys exactly as it nests a query string's; its typings only admit string values.
  return parse(grouped as Record<string, string>, NESTING);
}
