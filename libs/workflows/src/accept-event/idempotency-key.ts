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
  if (key === undefined || key === null || key === '') return null;
  const text = typeof key === 'string' ? key : JSON.stringify(key);
  return text.slice(0, MAX_KEY_LENGTH);
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
