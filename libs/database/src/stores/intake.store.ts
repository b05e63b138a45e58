import { Sql } from './sql';

export interface IntakeItem {
  eventId: string;
  runId: string;
  token: string;
  receivedAt: string;
  method: string;
  contentType: string | null;
  headers: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  rawBody: string;
}

export interface IntakeResult {
  /** 'accepted': event and queued run stored; 'sampled': event only (workflow disabled); 'unknown': token not found. */
  status: 'accepted' | 'sampled' | 'unknown';
  workflowId?: string;
}

/**
 * Stores a batch of received webhooks in one statement (one implicit transaction): the events, and a queued
 * run for each event whose workflow is enabled. The token is checked against the workflows table in the same
 * statement, so a rotated or deleted hook stops at once even where a cache still knows it.
 */
const INSERT_BATCH = `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    "eventId" uuid, "runId" uuid, token text, "receivedAt" timestamptz, method text, "contentType" text,
    headers jsonb, query jsonb, body jsonb, "rawBody" text)
), w AS (
  SELECT x.*, wf.id AS workflow_id, wf.version, wf.enabled
  FROM x JOIN workflows wf ON wf.hook_token = x.token
), ev AS (
  INSERT INTO events (id, workflow_id, received_at, status, method, content_type, headers, query, body, raw_body)
  SELECT "eventId", workflow_id, "receivedAt", CASE WHEN enabled THEN 'accepted' ELSE 'sampled' END,
         method, "contentType", headers, query, body, "rawBody"
  FROM w
  RETURNING id, status, workflow_id
), ru AS (
  INSERT INTO runs (id, workflow_id, workflow_version, event_id, status, created_at, dispatched_at)
  SELECT "runId", workflow_id, version, "eventId", 'queued', "receivedAt", now() FROM w WHERE enabled
)
SELECT id, status, workflow_id FROM ev`;

export class IntakeStore {
  constructor(private readonly sql: Sql) {}

  async insertBatch(items: IntakeItem[]): Promise<IntakeResult[]> {
    const rows = await this.sql.rows<{ id: string; status: 'accepted' | 'sampled'; workflow_id: string }>(
      'intake_insert_batch',
      INSERT_BATCH,
      [JSON.stringify(items)],
    );
    const byEvent = new Map(rows.map((r) => [r.id, r]));
    return items.map((item) => {
      const row = byEvent.get(item.eventId);
      return row ? { status: row.status, workflowId: row.workflow_id } : { status: 'unknown' };
    });
  }
}
