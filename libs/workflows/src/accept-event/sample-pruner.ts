import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { IntakeStore } from '@app/database';

const BATCH = 5000;

/** Keeps SAMPLES_PER_WORKFLOW payloads that started no run (samples, rejected requests) per workflow. */
@Injectable()
export class SamplePruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SamplePruner');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intake: IntakeStore,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pruneOnce(), this.config.pruneIntervalMs);
    this.timer.unref();
  }

  async pruneOnce(): Promise<number> {
    try {
      const removed = await this.intake.pruneSamples(this.config.samplesPerWorkflow, BATCH);
      if (removed > 0) this.logger.log({ msg: 'old samples removed', events: removed });
      return removed;
    } catch (e) {
      this.logger.warn({ msg: 'sample pruning failed; will try again', error: (e as Error).message });
      return 0;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
