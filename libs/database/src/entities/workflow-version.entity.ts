import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WorkflowDocument } from '@app/engine';

/** Immutable copies of each workflow version, so a run executes exactly what it was accepted under. */
@Entity({ name: 'workflow_versions' })
export class WorkflowVersionEntity {
  @PrimaryColumn('uuid', { name: 'workflow_id', primaryKeyConstraintName: 'pk_workflow_versions' })
  workflowId: string;

  @PrimaryColumn('int', { primaryKeyConstraintName: 'pk_workflow_versions' })
  version: number;

  @Column('jsonb')
  document: WorkflowDocument;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
