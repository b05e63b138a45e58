import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { WorkflowsModule } from '@app/workflows';

/** The worker role alone: consumes runs from Bull, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig & { databaseUrl: string; redisUrl: string }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl, false),
        QueueModule.forRoot(config.redisUrl, config.queuePrefix),
        WorkflowsModule.forRoot({ worker: true }),
      ],
    };
  }
}
