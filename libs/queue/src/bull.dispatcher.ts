import type { Queue } from 'bull';
import { Dispatcher } from './dispatcher';

/** How long a hand-off may wait for Redis before the runs are left to the sweeper. */
const DISPATCH_TIMEOUT_MS = 2000;

export interface RunJob {
  runId: string;
}

/**
 * Bull on Redis. Job id = run id, so dispatching a run already waiting is a no-op; finished jobs are removed.
 * Bull ignores an add whose job id still exists — including the active job of a worker that died — so a
 * sweeper's re-dispatch gets an id of its own; the run's conditional claim keeps a duplicate job harmless.
 */
export class BullDispatcher extends Dispatcher {
  constructor(private readonly queue: Queue<RunJob>) {
    super();
  }

  async dispatch(runIds: string[], again = false): Promise<void> {
    const suffix = again ? `:${Date.now()}` : '';
    const jobs = runIds.map((runId) => ({
      data: { runId },
      opts: { jobId: runId + suffix, removeOnComplete: true, removeOnFail: true },
    }));
    await withinTimeout(this.queue.addBulk(jobs));
  }

  /** The connection's own state: a command would only wait in ioredis' offline queue while Redis is away. */
  async ping(): Promise<void> {
    const status = this.queue.client.status;
    if (status !== 'ready') throw new Error(`Redis connection is ${status}`);
  }

  async consume(handler: (runId: string) => Promise<void>, concurrency: number): Promise<void> {
    void this.queue.process(concurrency, (job) => handler(job.data.runId));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** ioredis queues commands while Redis is away; a caller that must not wait gets an error instead. */
async function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), DISPATCH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
