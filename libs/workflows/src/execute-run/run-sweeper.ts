import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RunStore } from '@app/database';
import { Dispatcher } from '@app/queue';

const BATCH = 500;

/**
 * The safety net under dispatch: Redis may lose a job or be down at accept time, a worker may die mid-run;
 * the store may not. Every pass hands runs that are queued too long or whose lease expired to the queue.
 */
@Injectable()
export class RunSweeper implements OnApplicationShutdown {
  private readonly logger = new Logger('RunSweeper');
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunStore,
    private readonly dispatcher: Dispatcher,
  ) {}

  start(): void {
    const loop = async () => {
      await this.sweepOnce();
      if (!this.stopped) this.timer = setTimeout(loop, this.config.runs.sweepIntervalMs);
    };
    void loop();
  }

  async sweepOnce(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const ids = await this.runs.sweep(this.config.runs.dispatchStaleMs, BATCH);
        if (ids.length === 0) break;
        total += ids.length;
        try {
          await this.dispatcher.dispatch(ids, true);
        } catch (e) {
          await this.runs.markUndispatched(ids);
          throw e;
        }
        if (ids.length < BATCH) break;
      }
      if (total > 0) this.logger.log({ msg: 'runs re-dispatched', runs: total });
    } catch (e) {
      this.logger.warn({ msg: 'sweep failed; will try again', error: (e as Error).message });
    }
    return total;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
