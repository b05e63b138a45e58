import { ConsoleLogger } from '@nestjs/common';
import type { AppConfig } from './app-config';

/** One logger for every line the process writes: JSON by default, at LOG_LEVEL and above. */
export function createAppLogger(config: Pick<AppConfig, 'logFormat' | 'logLevel'>): ConsoleLogger {
  const levels = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return new ConsoleLogger({
    json: config.logFormat === 'json',
    logLevels: levels.slice(0, levels.indexOf(config.logLevel) + 1),
  });
}
