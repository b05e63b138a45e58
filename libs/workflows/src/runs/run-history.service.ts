import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, ErrorCode, isUuid } from '@app/common';
import { EventEntity, RunEntity, RunStatus, StepRunEntity, WorkflowEntity } from '@app/database';

export interface RunListQuery {
  limit: number;
  status?: RunStatus;
  /** Keyset cursor from a previous page's `next`: runs after that one in newest-first order. */
  before?: string;
}

/** Read side of runs and received events, for the API and the UI. */
@Injectable()
export class RunHistoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async run(id: string) {
    const run = isUuid(id) ? await this.db.getRepository(RunEntity).findOneBy({ id }) : null;
    if (!run) throw new AppError(ErrorCode.NotFound, `No run with id ${id}.`);
    const steps = await this.db.getRepository(StepRunEntity).find({ where: { runId: id }, order: { position: 'ASC' } });
    return { ...runSummary(run), steps: steps.map(stepView) };
  }

  async runs(workflowId: string, q: RunListQuery) {
    await this.requireWorkflow(workflowId);
    const query = this.db
      .getRepository(RunEntity)
      .createQueryBuilder('r')
      .where('r.workflow_id = :workflowId', { workflowId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(q.limit);
    if (q.status) query.andWhere('r.status = :status', { status: q.status });
    if (q.before) {
      // Many runs share a millisecond (one group commit); the id breaks ties so no page skips any.
      const [at, id] = decodeCursor(q.before);
      query.andWhere('(r.created_at, r.id) < (:at, :id)', { at, id });
    }
    const rows = await query.getMany();
    const last = rows[rows.length - 1];
    return { items: rows.map(runSummary), next: rows.length === q.limit ? encodeCursor(last) : null };
  }

  async events(workflowId: string, limit: number) {
    await this.requireWorkflow(workflowId);
    const rows = await this.db
      .getRepository(EventEntity)
      .find({ where: { workflowId }, order: { receivedAt: 'DESC' }, take: limit });
    return rows.map(({ workflowId: _w, ...e }) => e);
  }

  private async requireWorkflow(id: string): Promise<void> {
    if (!isUuid(id) || !(await this.db.getRepository(WorkflowEntity).existsBy({ id }))) {
      throw new AppError(ErrorCode.NotFound, `No workflow with id ${id}.`);
    }
  }
}

function runSummary(r: RunEntity) {
  return {
    id: r.id,
    workflowId: r.workflowId,
    workflowVersion: r.workflowVersion,
    eventId: r.eventId,
    status: r.status,
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

function stepView(s: StepRunEntity) {
  const base = { key: s.key, type: s.type, status: s.status, attempts: s.attempts, input: s.input };
  const result = s.status === 'failed' ? { error: s.error } : { output: s.output };
  return { ...base, ...result, startedAt: s.startedAt, finishedAt: s.finishedAt };
}

function encodeCursor(r: RunEntity): string {
  return Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString('base64url');
}

function decodeCursor(cursor: string): [Date, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !isUuid(id ?? '')) {
    throw new AppError(ErrorCode.ValidationFailed, 'before: not a cursor from a previous page (use its "next").');
  }
  return [date, id];
}
