import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere, LessThan } from 'typeorm';
import { AppError, ErrorCode, isUuid } from '@app/common';
import { EventEntity, RunEntity, RunStatus, StepRunEntity, WorkflowEntity } from '@app/database';

export interface RunListQuery {
  limit: number;
  status?: RunStatus;
  /** Keyset cursor: runs created before this instant. */
  before?: Date;
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
    const where: FindOptionsWhere<RunEntity> = { workflowId };
    if (q.status) where.status = q.status;
    if (q.before) where.createdAt = LessThan(q.before);
    const rows = await this.db.getRepository(RunEntity).find({ where, order: { createdAt: 'DESC' }, take: q.limit });
    const items = rows.map(runSummary);
    const next = rows.length === q.limit ? rows[rows.length - 1].createdAt.toISOString() : null;
    return { items, next };
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
