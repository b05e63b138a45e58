import 'reflect-metadata';
import { runUntilSignal } from '@app/common';
import { createAppLogger, loadConfig } from '@app/config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, close } = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  createAppLogger(config).log({
    msg: 'hookflow listening',
    url: config.publicUrl,
    role: config.role,
    store: config.embeddedStore ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL',
    dispatch: config.redisUrl ? 'Bull on Redis' : 'in-process',
  }, 'Main');
  runUntilSignal(close);
}

main().catch((e: Error) => {
  console.error(`hookflow could not start: ${e.message}`);
  process.exit(1);
});
