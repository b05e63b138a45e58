import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MigrationExecutor } from 'typeorm';

/** Any fixed number shared by every hookflow process on the database. */
const MIGRATION_LOCK = 7_270_736_901;

/**
 * Applies pending migrations at start-up under a PostgreSQL advisory lock, so several api and worker
 * processes starting together never run the same migration twice. TypeORM takes no such lock itself.
 */
@Injectable()
export class SchemaMigrator implements OnModuleInit {
  private readonly logger = new Logger('SchemaMigrator');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const executor = new MigrationExecutor(this.dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      if (applied.length > 0) this.logger.log({ msg: 'migrations applied', migrations: applied.map((m) => m.name) });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }
}
