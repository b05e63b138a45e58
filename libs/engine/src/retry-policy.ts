import { StepError } from './step-executor';

export interface RetryPolicyOptions {
  /** Total attempts including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicyOptions = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 5 * 60_000 };

/** The one place that decides whether a failed attempt is tried again, and when. */
export class RetryPolicy {
  constructor(
    private readonly options: RetryPolicyOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay before the next attempt, or null when the failure is final. attempt is 1-based. */
  nextDelay(error: unknown, attempt: number): number | null {
    if (!isTransient(error) || attempt >= this.options.attempts) return null;
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter spreads retries of many runs hitting the same failing target.
    const backoff = Math.round(this.random() * ceiling);
    const retryAfter = error instanceof StepError ? (error.retryAfterMs ?? 0) : 0;
    return Math.min(Math.max(backoff, retryAfter), this.options.maxDelayMs);
  }
}

/** Only failures a step marked transient are retried; mapping errors, 4xx and bugs are final. */
function isTransient(error: unknown): boolean {
  return error instanceof StepError && error.transient;
}
