import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'filtered';

@Entity({ name: 'runs' })
@Index('ix_runs_workflow_created', ['workflowId', 'createdAt'])
export class RunEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workflow_id' })
  workflowId: string;

  @Column('int', { name: 'workflow_version' })
  workflowVersion: number;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text')
  status: RunStatus;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  /** When the run was last handed to the dispatcher; the sweeper re-dispatches runs queued too long. */
  @Column('timestamptz', { name: 'dispatched_at', nullable: true })
  dispatchedAt: Date | null;

  /** A running run whose lease has expired belongs to a dead worker and is picked up again. */
  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column('int', { name: 'claims', default: 0 })
  claims: number;

  @Column('text', { nullable: true })
  error: string | null;

  /** Arrival order across all runs (an identity column). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  /** Set for workflows that run in order: runs with the same key run one at a time, oldest first. */
  @Column('text', { name: 'order_key', nullable: true })
  orderKey: string | null;
}
