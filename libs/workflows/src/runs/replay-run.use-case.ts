import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppError, ErrorCode, isUuid } from '@app/common';
import { RunStore, Sql } from '@app/database';
import { Dispatcher } from '@app/queue';

/** A new run of the same stored event, under the workflow's current version. */
@Injectable()
export class ReplayRunUseCase {
  private readonly logger = new Logger('ReplayRun');

  constructor(
    private readonly sql: Sql,
    private readonly runs: RunStore,
    private readonly dispatcher: Dispatcher,
  ) {}

  async replay(runId: string): Promise<{ runId: string }> {
    const id = randomUUID();
    const rows = isUuid(runId)
      ? await this.sql.rows<{ id: string }>(
          'run_replay',
          `INSERT INTO runs (id, workflow_id, workflow_version, event_id, status, created_at, dispatched_at)
           SELECT $2, r.workflow_id, w.version, r.event_id, 'queued', now(), now()
           FROM runs r JOIN workflows w ON w.id = r.workflow_id WHERE r.id = $1
           RETURNING id`,
          [runId, id],
        )
      : [];
    if (!rows[0]) throw new AppError(ErrorCode.NotFound, `No run with id ${runId}.`);
    await this.dispatcher.dispatch([id]).catch(async (e) => {
      this.logger.warn({ msg: 'dispatch failed; the sweeper will retry', runId: id, error: (e as Error).message });
      await this.runs.markUndispatched([id]);
    });
    return { runId: id };
  }
}
