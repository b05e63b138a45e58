import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RunStore, StoredEvent } from '@app/database';
import { CompiledStep, RetryPolicy, RunContext, RunOutcome, RunWalker } from '@app/engine';
import { Dispatcher } from '@app/queue';
import { ConnectionResolver } from '../connections/connection-resolver';
import { CompiledWorkflowCache } from './compiled-workflow.cache';

/** Executes one run: claim it, walk its steps over the event, record every step, settle its status. */
@Injectable()
export class ExecuteRunUseCase implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ExecuteRun');
  private readonly walker: RunWalker;
  /** Aborted at shutdown: a run waiting to retry stops waiting and is picked up again after the restart. */
  private readonly stopping = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunStore,
    private readonly workflows: CompiledWorkflowCache,
    private readonly connections: ConnectionResolver,
    private readonly dispatcher: Dispatcher,
  ) {
    const { retryBaseDelayMs, retryMaxDelayMs } = config.runs;
    this.walker = new RunWalker({
      retryPolicy: (step) =>
        new RetryPolicy({ attempts: step.retry?.attempts ?? 5, baseDelayMs: retryBaseDelayMs, maxDelayMs: retryMaxDelayMs }),
      connection: async (step) => {
        if (!step.connection) return undefined;
        const found = await this.connections.resolve(step.connection);
        if (!found) throw new Error(`connection ${step.connection} no longer exists; choose another one in step ${step.key}`);
        return found;
      },
      sleep: (ms) => interruptibleSleep(ms, this.stopping.signal),
      now: () => new Date(),
    });
  }

  /** The workflow's failure notification, recorded as one more step of the run; the run stays failed. */
  private async notifyFailure(runId: string, step: CompiledStep, context: RunContext, outcome: RunOutcome): Promise<void> {
    const run = { ...context.run, status: 'failed', error: outcome.error, failedStep: outcome.failedStep };
    await this.walker.walk([step], { ...context, run }, new Map(), (r) => this.runs.saveStep(runId, { ...r, position: 1000 }));
  }

  beforeApplicationShutdown(): void {
    this.stopping.abort();
  }

  /** An ordered run's successor waits for it; hand it over now rather than at the sweeper's next pass. */
  private async releaseNext(workflowId: string, orderKey: string): Promise<void> {
    const next = await this.runs.nextInOrder(workflowId, orderKey);
    if (next) await this.dispatcher.dispatch([next], true).catch(() => undefined);
  }

  async execute(runId: string): Promise<void> {
    const { leaseMs } = this.config.runs;
    const claimed = await this.runs.claim(runId, leaseMs);
    if (!claimed) return; // finished already, or another worker holds a live lease
    const heartbeat = setInterval(() => void this.runs.renewLease(runId, leaseMs).catch(() => undefined), leaseMs / 3);
    try {
      const [event, workflow, done] = await Promise.all([
        this.runs.event(claimed.eventId),
        this.workflows.get(claimed.workflowId, claimed.workflowVersion),
        claimed.claims > 1 ? this.runs.succeededSteps(runId) : Promise.resolve(new Map<string, unknown>()),
      ]);
      const context: RunContext = {
        trigger: triggerOf(event),
        steps: {},
        workflow: { id: claimed.workflowId, name: workflow.name },
        run: { id: runId },
      };
      const resumed = claimed.claims > 1;
      const outcome = await this.walker.walk(workflow.steps, context, done, (r) => this.runs.saveStep(runId, r), resumed);
      await this.runs.finish(runId, outcome.status, outcome.error ?? null);
      if (outcome.status === 'failed' && workflow.onFailure) await this.notifyFailure(runId, workflow.onFailure, context, outcome);
      if (claimed.orderKey !== null) await this.releaseNext(claimed.workflowId, claimed.orderKey);
      this.logger.log({ msg: 'run finished', runId, eventId: claimed.eventId, status: outcome.status });
    } catch (e) {
      // Left running: its lease runs out (at once when shutting down) and the sweeper hands it out again.
      if (this.stopping.signal.aborted) await this.runs.renewLease(runId, 0).catch(() => undefined);
      this.logger.warn({ msg: 'run interrupted; it will be picked up again', runId, error: (e as Error).message });
    } finally {
      clearInterval(heartbeat);
    }
  }
}

function triggerOf(e: StoredEvent): Record<string, unknown> {
  return {
    body: e.body,
    rawBody: e.rawBody,
    query: e.query,
    headers: e.headers,
    method: e.method,
    contentType: e.contentType,
    receivedAt: new Date(e.receivedAt).toISOString(),
    eventId: e.id,
  };
}

function interruptibleSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(new Error('shutting down while waiting to retry; the run goes on after the restart'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}
