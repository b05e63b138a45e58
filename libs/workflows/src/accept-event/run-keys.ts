import type { HookEntry } from './hook-directory';

const MAX_KEY_LENGTH = 255;

/**
 * The key that marks a repeated delivery: the workflow's configured header or expression, else the
 * Idempotency-Key or webhook-id (Standard Webhooks) header. Null when the sender gives none.
 */
export async function idempotencyKeyOf(
  entry: HookEntry,
  headers: Record<string, string | string[] | undefined>,
  payload: { body: unknown; query: Record<string, unknown> },
): Promise<string | null> {
  let key: unknown;
  if (entry.idempotencyKey) {
    key = await entry.idempotencyKey.evaluate({ body: payload.body, query: payload.query, headers }).catch(() => undefined);
  } else {
    const header = entry.trigger.idempotency?.header;
    key = header ? first(headers[header]) : (first(headers['idempotency-key']) ?? first(headers['webhook-id']));
  }
  return keyText(key);
}

/**
 * The run's order key: '*' when the workflow runs in order as a whole, the key expression's value when it
 * orders per key (a missing value orders with the others that lack one), null when it does not run in order.
 */
export async function orderKeyOf(
  entry: HookEntry,
  headers: Record<string, string | string[] | undefined>,
  payload: { body: unknown; query: Record<string, unknown> },
): Promise<string | null> {
  if (!entry.order) return null;
  if (!entry.order.key) return '*';
  const key = await entry.order.key.evaluate({ body: payload.body, query: payload.query, headers }).catch(() => undefined);
  return keyText(key) ?? '';
}

function keyText(key: unknown): string | null {
  if (key === undefined || key === null || key === '') return null;
  const text = typeof key === 'string' ? key : JSON.stringify(key);
  return text.slice(0, MAX_KEY_LENGTH);
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
