import type { ReceivedPayload } from './received-payload';
import { Sql } from './sql';

export interface IntakeItem extends ReceivedPayload {
  eventId: string;
  runId: string;
  token: string;
  receivedAt: string;
  idempotencyKey: string | null;
  /** For workflows that run in order: the key whose runs go one at a time ('*' = the whole workflow). */
  orderKey: string | null;
  /** Set when signature verification failed: stored as a flagged sample, never run. */
  rejectReason: string | null;
}

export interface IntakeResult {
  /**
   * accepted: event and queued run stored; sampled: event only (workflow disabled); rejected: stored as a
   * flagged sample; unknown: no workflow has this token. A repeated idempotency key gives the first event's
   * status, ids and `duplicate: true`. invalid: the store refused this payload's data (`reason`).
   */
  status: 'accepted' | 'sampled' | 'rejected' | 'unknown' | 'invalid';
  reason?: string;
  eventId?: string;
  runId?: string;
  duplicate?: boolean;
}

/**
 * Stores a batch of received webhooks in one statement (one implicit transaction): the events, and a queued
 * run for each event whose workflow is enabled. The token is checked against the workflows table in the same
 * statement, so a rotated or deleted hook stops at once even where a cache still knows it. An idempotency key
 * already stored for the workflow inserts nothing (the unique index decides, also between concurrent batches).
 */
const INSERT_BATCH = `
WITH x AS (
  SELECT *, row_number() OVER () AS ord FROM jsonb_to_recordset($1::jsonb) AS x(
    "eventId" uuid, "runId" uuid, token text, "receivedAt" timestamptz, method text, "contentType" text,
    headers jsonb, query jsonb, body jsonb, "rawBody" text, "idempotencyKey" text, "rejectReason" text, "orderKey" text)
), w AS (
  SELECT x.*, wf.id AS workflow_id, wf.version,
         CASE WHEN x."rejectReason" IS NOT NULL THEN 'rejected' WHEN wf.enabled THEN 'accepted' ELSE 'sampled' END AS status
  FROM x JOIN workflows wf ON wf.hook_token = x.token
), ev AS (
  INSERT INTO events (id, workflow_id, received_at, status, method, content_type, headers, query, body, raw_body,
                      idempotency_key, run_id, reject_reason)
  SELECT "eventId", workflow_id, "receivedAt", status, method, "contentType", headers, query, body, "rawBody",
         CASE WHEN status = 'rejected' THEN NULL ELSE "idempotencyKey" END,
         CASE WHEN status = 'accepted' THEN "runId" END, "rejectReason"
  FROM w
  ON CONFLICT (workflow_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
  RETURNING id, status, workflow_id, run_id
), ru AS (
  INSERT INTO runs (id, workflow_id, workflow_version, event_id, status, created_at, dispatched_at, order_key)
  SELECT ev.run_id, ev.workflow_id, w.version, ev.id, 'queued', w."receivedAt", now(), w."orderKey"
  FROM ev JOIN w ON w."eventId" = ev.id WHERE ev.run_id IS NOT NULL
  ORDER BY w.ord
)
SELECT id, status, run_id FROM ev`;

/** The first answers for keys that were already stored (committed by now: the conflict waited for them). */
const FIND_FIRST = `
SELECT k.token, k.key, e.id, e.status, e.run_id
FROM jsonb_to_recordset($1::jsonb) AS k(token text, key text)
JOIN workflows wf ON wf.hook_token = k.token
JOIN events e ON e.workflow_id = wf.id AND e.idempotency_key = k.key`;

type Row = { id: string; status: 'accepted' | 'sampled' | 'rejected'; run_id: string | null };

export class IntakeStore {
  constructor(private readonly sql: Sql) {}

  async insertBatch(items: IntakeItem[]): Promise<IntakeResult[]> {
    const rows = await this.sql.rows<Row>('intake_insert_batch', INSERT_BATCH, [JSON.stringify(items)]);
    const inserted = new Map(rows.map((r) => [r.id, r]));
    const repeated = items.filter((i) => !inserted.has(i.eventId) && i.idempotencyKey && !i.rejectReason);
    const first = repeated.length ? await this.findFirst(repeated) : new Map<string, Row>();
    return items.map((item) => {
      const row = inserted.get(item.eventId);
      if (row) return result(row, false);
      const original = item.idempotencyKey ? first.get(`${item.token}\n${item.idempotencyKey}`) : undefined;
      return original ? result(original, true) : { status: 'unknown' };
    });
  }

  /** Keeps the newest `keep` payloads per workflow among those that started no run; returns how many went. */
  async pruneSamples(keep: number, batch: number): Promise<number> {
    const rows = await this.sql.rows<{ id: string }>(
      'intake_prune_samples',
      `DELETE FROM events WHERE id IN (
         SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY workflow_id ORDER BY received_at DESC) AS n
           FROM events WHERE status IN ('sampled', 'rejected')) ranked
         WHERE n > $1 LIMIT $2)
       RETURNING id`,
      [keep, batch],
    );
    return rows.length;
  }

  /**
   * Deletes events received before `before`, with their runs (cascade), unless one of their runs is unfinished.
   * One batch per call, so a large backlog never holds a long transaction.
   */
  async deleteOlderThan(before: Date, batch: number): Promise<number> {
    const rows = await this.sql.rows<{ id: string }>(
      'intake_delete_older',
      `DELETE FROM events WHERE id IN (
         SELECT e.id FROM events e
         WHERE e.received_at < $1
           AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.event_id = e.id AND r.status IN ('queued', 'running'))
         LIMIT $2)
       RETURNING id`,
      [before, batch],
    );
    return rows.length;
  }

  private async findFirst(items: IntakeItem[]): Promise<Map<string, Row>> {
    const keys = items.map((i) => ({ token: i.token, key: i.idempotencyKey }));
    const rows = await this.sql.rows<Row & { token: string; key: string }>('intake_find_first', FIND_FIRST, [JSON.stringify(keys)]);
    return new Map(rows.map((r) => [`${r.token}\n${r.key}`, r]));
  }
}

function result(row: Row, duplicate: boolean): IntakeResult {
  return { status: row.status, eventId: row.id, runId: row.run_id ?? undefined, duplicate };
}
