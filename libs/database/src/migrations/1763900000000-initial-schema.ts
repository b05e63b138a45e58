import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflows (
        id uuid NOT NULL,
        name text NOT NULL,
        enabled boolean NOT NULL,
        version int NOT NULL,
        document jsonb NOT NULL,
        hook_token text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_workflows PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_workflows_hook_token ON workflows (hook_token)`);
    await q.query(`
      CREATE TABLE workflow_versions (
        workflow_id uuid NOT NULL,
        version int NOT NULL,
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_workflow_versions PRIMARY KEY (workflow_id, version),
        CONSTRAINT fk_workflow_versions_workflow FOREIGN KEY (workflow_id) REFERENCES workflows (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE events (
        id uuid NOT NULL,
        workflow_id uuid NOT NULL,
        received_at timestamptz NOT NULL,
        status text NOT NULL,
        method text NOT NULL,
        content_type text,
        headers jsonb NOT NULL,
        query jsonb NOT NULL,
        body jsonb,
        raw_body text NOT NULL,
        CONSTRAINT pk_events PRIMARY KEY (id),
        CONSTRAINT fk_events_workflow FOREIGN KEY (workflow_id) REFERENCES workflows (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_events_workflow_received ON events (workflow_id, received_at)`);
    await q.query(`
      CREATE TABLE runs (
        id uuid NOT NULL,
        workflow_id uuid NOT NULL,
        workflow_version int NOT NULL,
        event_id uuid NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        dispatched_at timestamptz,
        lease_until timestamptz,
        claims int NOT NULL DEFAULT 0,
        error text,
        CONSTRAINT pk_runs PRIMARY KEY (id),
        CONSTRAINT fk_runs_workflow FOREIGN KEY (workflow_id) REFERENCES workflows (id) ON DELETE CASCADE,
        CONSTRAINT fk_runs_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT ck_runs_status CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'filtered'))
      )`);
    await q.query(`CREATE INDEX ix_runs_workflow_created ON runs (workflow_id, created_at)`);
    // Only unfinished runs are swept; a partial index keeps that scan small however long the history.
    await q.query(`CREATE INDEX ix_runs_unfinished ON runs (created_at) WHERE status IN ('queued', 'running')`);
    await q.query(`
      CREATE TABLE step_runs (
        run_id uuid NOT NULL,
        key text NOT NULL,
        position int NOT NULL,
        type text NOT NULL,
        status text NOT NULL,
        attempts int NOT NULL,
        input jsonb,
        output jsonb,
        error jsonb,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        CONSTRAINT pk_step_runs PRIMARY KEY (run_id, key),
        CONSTRAINT fk_step_runs_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE step_runs`);
    await q.query(`DROP TABLE runs`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP TABLE workflow_versions`);
    await q.query(`DROP TABLE workflows`);
  }
}
