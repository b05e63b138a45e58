import { Dispatcher } from './dispatcher';

/**
 * Dispatch inside one process. Durable because the runs it carries are already committed as `queued`:
 * after a crash the sweeper finds them in the store and hands them here again.
 */
export class InProcessDispatcher extends Dispatcher {
  private readonly waiting: string[] = [];
  private readonly known = new Set<string>();
  private readonly active = new Set<Promise<void>>();
  private handler?: (runId: string) => Promise<void>;
  private concurrency = 1;
  private closed = false;

  async dispatch(runIds: string[]): Promise<void> {
    for (const id of runIds) {
      // Like a Bull job id: a run already waiting or in hand is not queued twice.
      if (this.known.has(id)) continue;
      this.known.add(id);
      this.waiting.push(id);
    }
    this.pump();
  }

  async consume(handler: (runId: string) => Promise<void>, concurrency: number): Promise<void> {
    this.handler = handler;
    this.concurrency = concurrency;
    this.pump();
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('the in-process queue is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.active]);
  }

  private pump(): void {
    while (!this.closed && this.handler && this.active.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const task: Promise<void> = this.handler(id)
        .catch(() => undefined) // the handler records its own failures; the sweeper retries what is left
        .finally(() => {
          this.active.delete(task);
          this.known.delete(id);
          this.pump();
        });
      this.active.add(task);
    }
  }
}
