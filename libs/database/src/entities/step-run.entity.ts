import { Column, Entity, PrimaryColumn } from 'typeorm';

export type StepRunStatus = 'running' | 'succeeded' | 'failed' | 'filtered';

@Entity({ name: 'step_runs' })
export class StepRunEntity {
  @PrimaryColumn('uuid', { name: 'run_id', primaryKeyConstraintName: 'pk_step_runs' })
  runId: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_step_runs' })
  key: string;

  @Column('int')
  position: number;

  @Column('text')
  type: string;

  @Column('text')
  status: StepRunStatus;

  @Column('int')
  attempts: number;

  @Column('jsonb', { nullable: true })
  input: unknown;

  @Column('jsonb', { nullable: true })
  output: unknown;

  @Column('jsonb', { nullable: true })
  error: unknown;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
