import { MigrationInterface, QueryRunner } from 'typeorm';

/** Strict arrival order for workflows that ask for it: a sequence over all runs and an optional order key. */
export class OrderedRuns1763930000000 implements MigrationInterface {
  name = 'OrderedRuns1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY, ADD COLUMN order_key text`);
    await q.query(
      `CREATE INDEX ix_runs_ordered_unfinished ON runs (workflow_id, order_key, seq) WHERE order_key IS NOT NULL AND status IN ('queued', 'running')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_runs_ordered_unfinished`);
    await q.query(`ALTER TABLE runs DROP COLUMN order_key, DROP COLUMN seq`);
  }
}
