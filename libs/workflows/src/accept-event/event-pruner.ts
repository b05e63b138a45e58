import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { IntakeStore } from '@app/database';

const BATCH = 5000;
const DAY_MS = 86_400_000;

/**
 * Keeps the store to size in the background, in batches: SAMPLES_PER_WORKFLOW payloads that started no run
 * per workflow, and nothing older than RETENTION_DAYS (events with their runs).
 */
@Injectable()
export class EventPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventPruner');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intake: IntakeStore,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pruneOnce(), this.config.pruneIntervalMs);
    this.timer.unref();
  }

  async pruneOnce(): Promise<void> {
    try {
      const samples = await this.intake.pruneSamples(this.config.samplesPerWorkflow, BATCH);
      const { retentionDays } = this.config;
      const expired = retentionDays > 0 ? await this.intake.deleteOlderThan(new Date(Date.now() - retentionDays * DAY_MS), BATCH) : 0;
      if (samples + expired > 0) this.logger.log({ msg: 'old events removed', samples, expired });
    } catch (e) {
      this.logger.warn({ msg: 'pruning failed; will try again', error: (e as Error).message });
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
