import { formatCellBlock, parseCellBlock } from './a1-notation.formatter';
import type { SheetRow } from './sheets-append.types';

/** Makes one values.append call with these rows; resolves to the updatedRange Google reported. */
export type AppendSender = (rows: SheetRow[]) => Promise<string>;

export interface SheetsAppendBatcherOptions {
  /** How long the first rows for a tab wait for company (default 200 ms). */
  windowMs?: number;
  /** Rows per append call; one submission is never split, so a bigger one goes alone (default 500). */
  maxRowsPerCall?: number;
}

interface Job {
  rows: SheetRow[];
  send: AppendSender;
  resolve: (range: string) => void;
  reject: (err: unknown) => void;
}

interface Lane {
  jobs: Job[];
  rows: number;
  timer?: NodeJS.Timeout;
  busy: boolean;
}

/**
 * Google allows about 60 writes a minute per service account, so rows for the same tab arriving close
 * together go out as one values.append. Per tab one call is in flight at a time; rows arriving meanwhile
 * form the next call (group commit). Each submitter gets its own slice of the range Google reports.
 * A failed call fails every submitter in it; each one's retry then decides for itself.
 */
export class SheetsAppendBatcher {
  private readonly lanes = new Map<string, Lane>();
  private readonly windowMs: number;
  private readonly maxRows: number;

  constructor(options: SheetsAppendBatcherOptions = {}) {
    this.windowMs = options.windowMs ?? 200;
    this.maxRows = Math.max(1, options.maxRowsPerCall ?? 500);
  }

  /** Resolves to the A1 range of these rows. `key` names the tab and the account writing to it. */
  submit(key: string, rows: SheetRow[], send: AppendSender): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = { jobs: [], rows: 0, busy: false }));
      lane.jobs.push({ rows, send, resolve, reject });
      lane.rows += rows.length;
      this.schedule(key, lane);
    });
  }

  private schedule(key: string, lane: Lane): void {
    if (lane.busy) return; // the call in flight sends the rest when it is done
    if (lane.rows >= this.maxRows) {
      clearTimeout(lane.timer);
      lane.timer = undefined;
      void this.flush(key, lane);
    } else if (!lane.timer) {
      lane.timer = setTimeout(() => {
        lane.timer = undefined;
        void this.flush(key, lane);
      }, this.windowMs);
    }
  }

  private async flush(key: string, lane: Lane): Promise<void> {
    const batch = this.take(lane);
    lane.busy = true;
    try {
      const range = await batch[0].send(batch.flatMap((job) => job.rows));
      let offset = 0;
      for (const job of batch) {
        job.resolve(slice(range, offset, job.rows));
        offset += job.rows.length;
      }
    } catch (err) {
      for (const job of batch) job.reject(err);
    } finally {
      lane.busy = false;
      // Whoever arrived during the call has waited long enough: send at once rather than open a new window.
      if (lane.jobs.length > 0) void this.flush(key, lane);
      else this.lanes.delete(key);
    }
  }

  /** Whole submissions, oldest first, up to the row cap (always at least one). */
  private take(lane: Lane): Job[] {
    let count = 0;
    let taken = 0;
    while (taken < lane.jobs.length && (taken === 0 || count + lane.jobs[taken].rows.length <= this.maxRows)) {
      count += lane.jobs[taken].rows.length;
      taken++;
    }
    lane.rows -= count;
    return lane.jobs.splice(0, taken);
  }
}

/**
 * This submitter's rows within the call's updatedRange: rows are written in order from its first row.
 * Should Google ever answer with a range we cannot read, the whole range is better than none.
 */
function slice(range: string, offset: number, rows: SheetRow[]): string {
  const block = parseCellBlock(range);
  if (!block) return range;
  const width = Math.max(1, ...rows.map((row) => row.length));
  const startRow = block.startRow + offset;
  return formatCellBlock({ ...block, startRow, endRow: startRow + rows.length - 1, endColumn: block.startColumn + width - 1 });
}
