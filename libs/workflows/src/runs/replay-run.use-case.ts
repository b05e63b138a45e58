import { Injectable, Logger } from '@nestjs/common';
import { AppError, ErrorCode, isUuid } from '@app/common';
import { RunStatus, RunStore, Sql } from '@app/database';
import { Dispatcher } from '@app/queue';

/** Which workflow version a replay runs: the one now in force, or the one the replayed run used. */
export type ReplayVersion = 'current' | 'original';

export interface BulkReplay {
  status: RunStatus;
  from?: Date;
  to?: Date;
  version: ReplayVersion;
  limit: number;
}

/** New runs of stored events. The store copies the rows; the queue only learns the new ids. */
const COPY_RUNS = `
INSERT INTO runs (id, workflow_id, workflow_version, event_id, status, created_at, dispatched_at, order_key)
SELECT gen_random_uuid(), r.workflow_id, CASE WHEN $1 = 'original' THEN r.workflow_version ELSE w.version END,
       r.event_id, 'queued', now(), now(), r.order_key
FROM runs r JOIN workflows w ON w.id = r.workflow_id`;

@Injectable()
export class ReplayRunUseCase {
  private readonly logger = new Logger('ReplayRun');

  constructor(
    private readonly sql: Sql,
    private readonly runs: RunStore,
    private readonly dispatcher: Dispatcher,
  ) {}

  async replay(runId: string, version: ReplayVersion): Promise<{ runId: string; workflowVersion: number }> {
    const rows = isUuid(runId)
      ? await this.sql.rows<{ id: string; workflow_version: number }>(
          'run_replay',
          `${COPY_RUNS} WHERE r.id = $2 RETURNING id, workflow_version`,
          [version, runId],
        )
      : [];
    if (!rows[0]) throw new AppError(ErrorCode.NotFound, `No run with id ${runId}.`);
    await this.handOff([rows[0].id]);
    return { runId: rows[0].id, workflowVersion: rows[0].workflow_version };
  }

  /** Replays a workflow's runs of one status (failed, typically) created in [from, to), oldest first. */
  async replayMany(workflowId: string, q: BulkReplay): Promise<{ count: number; runIds: string[] }> {
    const rows = isUuid(workflowId)
      ? await this.sql.rows<{ id: string }>(
          'run_replay_many',
          `${COPY_RUNS}
           WHERE r.workflow_id = $2 AND r.status = $3
             AND ($4::timestamptz IS NULL OR r.created_at >= $4) AND ($5::timestamptz IS NULL OR r.created_at < $5)
           ORDER BY r.seq LIMIT $6
           RETURNING id`,
          [q.version, workflowId, q.status, q.from ?? null, q.to ?? null, q.limit],
        )
      : [];
    const runIds = rows.map((r) => r.id);
    if (runIds.length > 0) await this.handOff(runIds);
    return { count: runIds.length, runIds };
  }

  private async handOff(ids: string[]): Promise<void> {
    await this.dispatcher.dispatch(ids).catch(async (e) => {
      this.logger.warn({ msg: 'dispatch failed; the sweeper will retry', runs: ids.length, error: (e as Error).message });
      await this.runs.markUndispatched(ids);
    });
  }
}
