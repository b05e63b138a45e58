import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { WorkflowsModule } from '@app/workflows';
import { CatalogController } from './catalog/catalog.controller';
import { ConnectionsController } from './connections/connections.controller';
import { HealthController } from './health/health.controller';
import { HookMetrics } from './metrics/hook-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { RunsController } from './runs/runs.controller';
import { WorkflowsController } from './workflows/workflows.controller';

@Module({})
export class ApiModule {
  /** `databaseUrl` is the store to use (a PostgreSQL server, or the embedded PGlite's loopback socket). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    // Without Redis there is no one else to run the work: the api process is the worker too.
    const worker = config.role !== 'api' || !config.redisUrl;
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl, config.embeddedStore),
        QueueModule.forRoot(config.redisUrl, config.queuePrefix),
        WorkflowsModule.forRoot({ worker }),
      ],
      controllers: [WorkflowsController, RunsController, ConnectionsController, CatalogController, HealthController, MetricsController],
      providers: [HookMetrics],
    };
  }
}
