import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runUntilSignal } from '@app/common';
import { createAppLogger, loadConfig } from '@app/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const { databaseUrl, redisUrl } = config;
  if (!databaseUrl || !redisUrl) {
    throw new Error('a separate worker needs DATABASE_URL and REDIS_URL; without them run `npm start`, which includes the worker');
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, databaseUrl, redisUrl }), {
    logger: createAppLogger(config),
  });
  await app.init();
  runUntilSignal(() => app.close());
}

main().catch((e: Error) => {
  console.error(`hookflow worker could not start: ${e.message}`);
  process.exit(1);
});
