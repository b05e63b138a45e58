import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/**
 * One option set for PGlite and PostgreSQL. PGlite has neither uuid-ossp nor pgcrypto (gen_random_uuid is
 * built in), so extensions are never installed.
 */
export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [join(__dirname, 'migrations', '*.{js,ts}')],
    // Applied by SchemaMigrator under an advisory lock, not by TypeORM at connect.
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    poolSize,
    logging: ['error', 'migration'],
  } as DataSourceOptions;
}
