import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg pool under TypeORM, for hot paths: one round trip, named prepared statements, no query runner
 * set-up per call. CRUD elsewhere goes through TypeORM repositories.
 */
export class Sql {
  private readonly pool: Pool;

  /**
   * @param namedStatements false for embedded PGlite: its one session is shared by every socket connection,
   * so a statement name prepared by one pool client already exists for the next.
   */
  constructor(
    dataSource: DataSource,
    private readonly namedStatements: boolean,
  ) {
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  async rows<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const result = await this.pool.query(this.namedStatements ? { name, text, values } : { text, values });
    return result.rows as T[];
  }
}
