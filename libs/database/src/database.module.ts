import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { IntakeStore } from './stores/intake.store';
import { RunStore } from './stores/run.store';
import { Sql } from './stores/sql';

/** TypeORM over the given PostgreSQL URL (a real server, or embedded PGlite served on loopback). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string, embedded: boolean): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url), retryAttempts: 3, retryDelay: 1000 })],
      providers: [
        { provide: Sql, useFactory: (ds: DataSource) => new Sql(ds, !embedded), inject: [DataSource] },
        { provide: IntakeStore, useFactory: (sql: Sql) => new IntakeStore(sql), inject: [Sql] },
        { provide: RunStore, useFactory: (sql: Sql) => new RunStore(sql), inject: [Sql] },
      ],
      exports: [TypeOrmModule, Sql, IntakeStore, RunStore],
    };
  }
}
