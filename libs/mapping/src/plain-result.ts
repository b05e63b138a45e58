/**
 * JSONata marks the arrays it builds with enumerable bookkeeping properties (`sequence`, `keepSingleton`,
 * and with a sequence budget an own `push`), which leak into Object.keys, for-in and deep equality.
 * Strips them in place: those arrays are fresh, never the caller's input.
 *
 * Only JSONata-made containers are walked: arrays, and objects without a prototype (JSONata's object
 * constructor). Input objects keep Object.prototype, so the walk stops there and stays cheap.
 */
const FLAGS = ['sequence', 'keepSingleton', 'tupleStream', 'outerWrapper', 'push'] as const;

export function plainResult<T>(value: T): T {
  strip(value);
  return value;
}

function strip(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const flag of FLAGS) if (Object.prototype.hasOwnProperty.call(value, flag)) delete (value as never)[flag];
    for (const item of value) if (item !== null && typeof item === 'object') strip(item);
  } else if (Object.getPrototypeOf(value) === null) {
    for (const key in value) strip((value as Record<string, unknown>)[key]);
  }
}
