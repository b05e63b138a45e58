import type { HookEntry } from './hook-directory';

export interface HookReply {
  /** For metrics: accepted, sampled, or duplicate (a repeated idempotency key). */
  outcome: 'accepted' | 'sampled' | 'duplicate';
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The answer a sender gets for a stored payload: the workflow's custom response when it has one (a form
 * redirect, a challenge echo), else the standard JSON answer.
 */
export async function replyFor(
  entry: HookEntry,
  answer: { status: 'accepted' | 'sampled'; eventId: string; runId?: string },
  request: { body: unknown; query: Record<string, unknown>; headers: Record<string, string>; method: string },
  duplicate: boolean,
): Promise<HookReply> {
  const outcome = duplicate ? 'duplicate' : answer.status;
  const custom = entry.trigger.response;
  if (!custom) return { outcome, status: 200, headers: {}, body: answer };
  const headers: Record<string, string> = { ...(custom.headers ?? {}) };
  let body: unknown = '';
  if (entry.responseBody) {
    body = await entry.responseBody
      .evaluate({ trigger: request, eventId: answer.eventId, runId: answer.runId, status: answer.status })
      .catch(() => '');
  }
  const isText = typeof body === 'string';
  headers['content-type'] = custom.contentType ?? (isText ? 'text/plain; charset=utf-8' : 'application/json');
  return { outcome, status: custom.status ?? 200, headers, body: isText ? body : JSON.stringify(body ?? null) };
}
