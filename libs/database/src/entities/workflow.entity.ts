import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { WorkflowDocument } from '@app/engine';

@Entity({ name: 'workflows' })
export class WorkflowEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('boolean')
  enabled: boolean;

  /** Bumped on every change; runs pin the version they were accepted under. */
  @Column('int')
  version: number;

  @Column('jsonb')
  document: WorkflowDocument;

  @Index('uq_workflows_hook_token', { unique: true })
  @Column('text', { name: 'hook_token' })
  hookToken: string;

  /** The secret fields of trigger.verify, sealed with the SecretBox; never part of the document or the API. */
  @Column('text', { name: 'verify_secrets', nullable: true })
  verifySecrets: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
