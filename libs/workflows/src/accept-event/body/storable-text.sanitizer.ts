/**
 * PostgreSQL text and jsonb cannot hold U+0000, and jsonb rejects unpaired UTF-16 surrogates (which JSON
 * escapes and UTF-16 bodies can carry): both become U+FFFD before storing.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(s: string): string {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE, '\uFFFD') : s;
}

/** JSON text whose parsed strings may hold what storableText replaces: an escaped NUL or surrogate. */
export function mayHoldUnstorableEscapes(json: string): boolean {
  return json.includes('\\u0000') || /\\u[dD][89abcdefABCDEF]/.test(json);
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Replaces NULs in every string and key of a JSON-like value. Copy-on-write: the input is never mutated
 * (it may be the request's query object) and is returned as is when it holds no NUL.
 */
export function storableDeep<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const cleaned = storableDeep(item);
      if (cleaned !== item) (out ??= value.slice())[i] = cleaned;
    });
    return (out ?? value) as T;
  }
  if (value === null || typeof value !== 'object' || !isPlain(value)) return value;
  const source = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const item = source[key];
    const cleaned = storableDeep(item);
    const cleanKey = storableText(key);
    if (cleaned === item && cleanKey === key) continue;
    // Spread copies an own "__proto__" key as data, never as the prototype; a cleaned key holds U+FFFD,
    // so it can never be "__proto__" itself.
    out ??= { ...source };
    if (cleanKey !== key) delete out[key];
    out[cleanKey] = cleaned;
  }
  return (out ?? value) as T;
}
