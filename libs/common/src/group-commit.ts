interface Waiter<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /** Most items written by one flush. */
  maxBatch: number;
  /** Flushes allowed in flight at once (connections used). */
  maxConcurrent: number;
}

/**
 * Group commit: items submitted while earlier flushes are in flight are written together by the next one.
 * At low load each item flushes at once (no added wait); under load batches grow by themselves, so one
 * COMMIT covers many requests. Each caller's promise settles only after its batch is written.
 */
export class GroupCommit<T, R> {
  private pending: Waiter<T, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxConcurrent && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.flush(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i])),
          (error) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }
}
