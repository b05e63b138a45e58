import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { IntakeStore } from './stores/intake.store';
import { SchemaMigrator } from './schema-migrator';
import { RunStore } from './stores/run.store';
import { Sql } from './stores/sql';

/** TypeORM over the given PostgreSQL URL (a real server, or embedded PGlite served on loopback). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string, embedded: boolean): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        // PGlite runs one query at a time in one session, and its socket server may interleave the extended-protocol
        // messages of concurrent connections (seen under load: "bind message supplies 1 parameters, but prepared
        // statement \"\" requires 2"). One connection costs nothing in throughput and rules that out.
        TypeOrmModule.forRoot({ ...dataSourceOptions(url, embedded ? 1 : 20), retryAttempts: 3, retryDelay: 1000 }),
      ],
      providers: [
        SchemaMigrator,
        { provide: Sql, useFactory: (ds: DataSource) => new Sql(ds, !embedded), inject: [DataSource] },
        { provide: IntakeStore, useFactory: (sql: Sql) => new IntakeStore(sql), inject: [Sql] },
        { provide: RunStore, useFactory: (sql: Sql) => new RunStore(sql), inject: [Sql] },
      ],
      exports: [TypeOrmModule, Sql, IntakeStore, RunStore],
    };
  }
}
