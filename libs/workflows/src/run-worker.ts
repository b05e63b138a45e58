import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RunStore } from '@app/database';
import { closeEvaluationPool } from '@app/mapping';
import { Dispatcher } from '@app/queue';
import { StepRegistry } from '@app/steps';
import { ExecuteRunUseCase } from './execute-run/execute-run.use-case';
import { RunSweeper } from './execute-run/run-sweeper';

/** The worker role: takes runs from the dispatcher and keeps the sweeper going. */
@Injectable()
export class RunWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RunWorker');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dispatcher: Dispatcher,
    private readonly executeRun: ExecuteRunUseCase,
    private readonly sweeper: RunSweeper,
    private readonly runs: RunStore,
    private readonly steps: StepRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.embeddedStore) {
      // This process holds the embedded store alone (DATA_DIR lock): unfinished runs belong to no one now.
      const unfinished = await this.runs.releaseAllUnfinished();
      if (unfinished > 0) this.logger.log({ msg: 'resuming runs left unfinished by the last stop', runs: unfinished });
    }
    await this.dispatcher.consume((runId) => this.executeRun.execute(runId), this.config.workerConcurrency);
    this.sweeper.start();
    this.logger.log({ msg: 'worker started', concurrency: this.config.workerConcurrency });
  }

  /** Drains in-flight runs before the store closes, then closes the pools they used (expressions, SMTP). */
  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
    await closeEvaluationPool();
    for (const type of this.steps.types()) {
      const executor = this.steps.get(type) as { close?: () => Promise<void> };
      await executor.close?.().catch(() => undefined);
    }
  }
}
