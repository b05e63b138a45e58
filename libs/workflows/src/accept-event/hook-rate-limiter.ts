import type { RateLimitSettings } from '@app/engine';

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_BUCKETS = 10_000;

/** A token bucket per hook, in this process. Answers how many seconds to wait, or 0 when the request may pass. */
export class HookRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  take(token: string, limit: RateLimitSettings): number {
    const capacity = limit.burst ?? Math.max(1, Math.ceil(limit.perSecond));
    const now = this.now();
    let bucket = this.buckets.get(token);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
      bucket = { tokens: capacity, at: now };
      this.buckets.set(token, bucket);
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
  }
}
