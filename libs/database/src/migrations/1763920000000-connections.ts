import { MigrationInterface, QueryRunner } from 'typeorm';

export class Connections1763920000000 implements MigrationInterface {
  name = 'Connections1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connections (
        id uuid NOT NULL,
        type text NOT NULL,
        name text NOT NULL,
        config jsonb NOT NULL,
        sealed_secrets text NOT NULL,
        secret_names jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_connections PRIMARY KEY (id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connections`);
  }
}
