/** Hands run ids to workers. The queue carries ids only; the store holds the truth. */
export abstract class Dispatcher {
  /**
   * Rejects when the hand-off failed; the caller leaves the runs to the sweeper. `again` marks a re-dispatch by
   * the sweeper: the queue may still hold a dead worker's job for the run, which must not swallow this one.
   */
  abstract dispatch(runIds: string[], again?: boolean): Promise<void>;
  /** Starts taking runs, at most `concurrency` at once in this process. */
  abstract consume(handler: (runId: string) => Promise<void>, concurrency: number): Promise<void>;
  /** Resolves when the queue can take runs now (readiness); rejects with the reason otherwise. */
  abstract ping(): Promise<void>;
  /** Stops taking new runs and waits for those in hand. */
  abstract close(): Promise<void>;
}

export const RUNS_QUEUE = 'runs';
