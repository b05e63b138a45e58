import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys, the run an event started, requests rejected by signature checks, sealed verify secrets. */
export class HookIntakeFeatures1763910000000 implements MigrationInterface {
  name = 'HookIntakeFeatures1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN idempotency_key text, ADD COLUMN run_id uuid, ADD COLUMN reject_reason text`);
    await q.query(
      `CREATE UNIQUE INDEX uq_events_workflow_idempotency ON events (workflow_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    // Samples without runs are pruned to the newest N per workflow; this index keeps that cheap.
    await q.query(`CREATE INDEX ix_events_samples ON events (workflow_id, received_at) WHERE status IN ('sampled', 'rejected')`);
    await q.query(`ALTER TABLE workflows ADD COLUMN verify_secrets text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflows DROP COLUMN verify_secrets`);
    await q.query(`DROP INDEX ix_events_samples`);
    await q.query(`DROP INDEX uq_events_workflow_idempotency`);
    await q.query(`ALTER TABLE events DROP COLUMN idempotency_key, DROP COLUMN run_id, DROP COLUMN reject_reason`);
  }
}
