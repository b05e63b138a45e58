/**
 * Truthiness as JSONata's $boolean() defines it, so a condition means the same here as inside an
 * expression:
 *   boolean → itself; string → non-empty; number → non-zero (NaN false); null/undefined → false;
 *   array → true if ANY member is truthy (so [] and [false, 0] are false); object → has a key;
 *   function → false.
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'function':
      return false;
    case 'object':
      return Array.isArray(value) ? value.some(isTruthy) : Object.keys(value).length > 0;
    default:
      return Boolean(value);
  }
}
