import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, createAppLogger } from '@app/config';
import { EmbeddedPostgres } from '@app/database';
import { AcceptEventUseCase } from '@app/workflows';
import { ApiModule } from './api.module';
import { registerHooksRoute } from './hooks/hooks.route';
import { HookMetrics } from './metrics/hook-metrics';
import { ProblemJsonFilter } from './problem/problem-json.filter';

export interface HookflowApp {
  app: NestFastifyApplication;
  /** Closes the app (draining in-flight runs), then the embedded store if there is one. */
  close(): Promise<void>;
}

/** Builds the api process (with the worker role unless it runs api-only over Redis). Not yet listening. */
export async function createApp(config: AppConfig): Promise<HookflowApp> {
  const logger = createAppLogger(config);
  // Lines written before Nest starts (the embedded store) go through the same logger.
  Logger.overrideLogger(logger);
  const embedded = config.embeddedStore ? new EmbeddedPostgres(config.dataDir) : undefined;
  const databaseUrl = embedded ? await embedded.start() : config.databaseUrl!;
  try {
    const adapter = new FastifyAdapter({ bodyLimit: config.maxPayloadBytes, trustProxy: true });
    const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, databaseUrl), adapter, {
      logger,
      abortOnError: false,
    });
    app.useGlobalFilters(new ProblemJsonFilter());
    registerHooksRoute(app.getHttpAdapter().getInstance(), app.get(AcceptEventUseCase), app.get(HookMetrics), config.maxPayloadBytes);
    await app.init();
    return {
      app,
      close: async () => {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}
