import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** rejected: failed signature verification; kept as a flagged sample, never run. */
export type EventStatus = 'accepted' | 'sampled' | 'rejected';

@Entity({ name: 'events' })
@Index('ix_events_workflow_received', ['workflowId', 'receivedAt'])
export class EventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'workflow_id' })
  workflowId: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('text')
  status: EventStatus;

  @Column('text')
  method: string;

  @Column('text', { name: 'content_type', nullable: true })
  contentType: string | null;

  @Column('jsonb')
  headers: Record<string, string>;

  @Column('jsonb')
  query: Record<string, unknown>;

  @Column('jsonb', { nullable: true })
  body: unknown;

  @Column('text', { name: 'raw_body' })
  rawBody: string;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  /** The run this event started when it was accepted (replays add more). */
  @Column('uuid', { name: 'run_id', nullable: true })
  runId: string | null;

  @Column('text', { name: 'reject_reason', nullable: true })
  rejectReason: string | null;
}
