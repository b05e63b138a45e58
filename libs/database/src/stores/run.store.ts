import type { StepRecord } from '@app/engine';
import type { RunStatus } from '../entities/run.entity';
import type { ReceivedPayload } from './received-payload';
import { Sql } from './sql';

export interface ClaimedRun {
  workflowId: string;
  workflowVersion: number;
  eventId: string;
  claims: number;
  orderKey: string | null;
}

export interface StoredEvent extends ReceivedPayload {
  id: string;
  receivedAt: Date;
}

/** The run lifecycle in the store; each method is one round trip. */
export class RunStore {
  constructor(private readonly sql: Sql) {}

  /**
   * Takes a queued run, or a running one whose worker died (lease expired). Null when someone else has it, or
   * when it is an ordered run with an earlier unfinished run of the same key (that one dispatches it when done).
   */
  async claim(runId: string, leaseMs: number): Promise<ClaimedRun | null> {
    const rows = await this.sql.rows<ClaimedRun>(
      'run_claim',
      `UPDATE runs SET status = 'running', started_at = COALESCE(started_at, now()),
              lease_until = now() + $2 * interval '1 millisecond', claims = claims + 1
       WHERE id = $1 AND (status = 'queued' OR (status = 'running' AND lease_until < now()))
         AND (order_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM runs p
           WHERE p.workflow_id = runs.workflow_id AND p.order_key = runs.order_key AND p.seq < runs.seq
             AND p.status IN ('queued', 'running')))
       RETURNING workflow_id AS "workflowId", workflow_version AS "workflowVersion", event_id AS "eventId", claims,
                 order_key AS "orderKey"`,
      [runId, leaseMs],
    );
    return rows[0] ?? null;
  }

  /** The oldest waiting run of an order key: next in line once the one before it finished. */
  async nextInOrder(workflowId: string, orderKey: string): Promise<string | null> {
    const rows = await this.sql.rows<{ id: string }>(
      'run_next_in_order',
      `SELECT id FROM runs WHERE workflow_id = $1 AND order_key = $2 AND status = 'queued' ORDER BY seq LIMIT 1`,
      [workflowId, orderKey],
    );
    return rows[0]?.id ?? null;
  }

  async renewLease(runId: string, leaseMs: number): Promise<void> {
    await this.sql.rows(
      'run_renew_lease',
      `UPDATE runs SET lease_until = now() + $2 * interval '1 millisecond' WHERE id = $1 AND status = 'running'`,
      [runId, leaseMs],
    );
  }

  async event(eventId: string): Promise<StoredEvent> {
    const rows = await this.sql.rows<StoredEvent>(
      'run_event',
      `SELECT id, received_at AS "receivedAt", method, content_type AS "contentType", headers, query, body,
              raw_body AS "rawBody"
       FROM events WHERE id = $1`,
      [eventId],
    );
    return rows[0];
  }

  /** Outputs of steps that already succeeded in an earlier claim of this run. */
  async succeededSteps(runId: string): Promise<Map<string, unknown>> {
    const rows = await this.sql.rows<{ key: string; output: unknown }>(
      'run_succeeded_steps',
      `SELECT key, output FROM step_runs WHERE run_id = $1 AND status = 'succeeded'`,
      [runId],
    );
    return new Map(rows.map((r) => [r.key, r.output]));
  }

  async saveStep(runId: string, r: StepRecord): Promise<void> {
    await this.sql.rows(
      'run_save_step',
      `INSERT INTO step_runs (run_id, key, position, type, status, attempts, input, output, error, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ON CONSTRAINT pk_step_runs DO UPDATE SET status = EXCLUDED.status,
         attempts = step_runs.attempts + EXCLUDED.attempts, input = EXCLUDED.input, output = EXCLUDED.output,
         error = EXCLUDED.error, started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at`,
      [
        runId,
        r.key,
        r.position,
        r.type,
        r.status,
        r.attempts,
        json(r.input),
        json(r.output),
        json(r.error),
        r.startedAt,
        r.finishedAt,
      ],
    );
  }

  async finish(runId: string, status: RunStatus, error: string | null): Promise<void> {
    await this.sql.rows(
      'run_finish',
      `UPDATE runs SET status = $2, error = $3, finished_at = now(), lease_until = NULL WHERE id = $1`,
      [runId, status, error],
    );
  }

  /** After a failed hand-off to the queue: let the sweeper pick these runs up on its next pass. */
  async markUndispatched(runIds: string[]): Promise<void> {
    await this.sql.rows('run_mark_undispatched', `UPDATE runs SET dispatched_at = NULL WHERE id = ANY($1::uuid[])`, [
      runIds,
    ]);
  }

  /**
   * Runs that need (re-)dispatch: queued and never handed over or handed over too long ago (the queue may have
   * lost them), and running with an expired lease (their worker died). Claimed with SKIP LOCKED so several
   * sweepers never hand out the same run twice in one pass.
   */
  async sweep(staleMs: number, limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      'run_sweep',
      `UPDATE runs SET dispatched_at = now() WHERE id IN (
         SELECT id FROM runs
         WHERE status IN ('queued', 'running')
           AND ((status = 'queued' AND (dispatched_at IS NULL OR dispatched_at < now() - $1 * interval '1 millisecond'))
             OR (status = 'running' AND lease_until < now()))
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [staleMs, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Embedded mode holds the only process on the store, and its in-process queue died with the last one: every
   * unfinished run is handed out again at once (running ones with an expired lease).
   */
  async releaseAllUnfinished(): Promise<number> {
    const rows = await this.sql.rows<{ id: string }>(
      'run_release_all_unfinished',
      `UPDATE runs SET dispatched_at = NULL,
              lease_until = CASE WHEN status = 'running' THEN now() - interval '1 second' END
       WHERE status IN ('queued', 'running') RETURNING id`,
      [],
    );
    return rows.length;
  }
}

/** jsonb parameters go as JSON text; undefined means SQL NULL. */
function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}
