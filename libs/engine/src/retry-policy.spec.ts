import { RetryPolicy } from './retry-policy';
import { StepError } from './step-executor';

describe('RetryPolicy', () => {
  const transient = new StepError('503 from target', true);

  it('backs off exponentially with full jitter up to the attempt limit', () => {
    const policy = new RetryPolicy({ attempts: 5, baseDelayMs: 100, maxDelayMs: 10_000 }, () => 1);
    expect([1, 2, 3, 4].map((a) => policy.nextDelay(transient, a))).toEqual([100, 200, 400, 800]);
    expect(policy.nextDelay(transient, 5)).toBeNull();
    const jittered = new RetryPolicy({ attempts: 5, baseDelayMs: 100, maxDelayMs: 10_000 }, () => 0.5);
    expect(jittered.nextDelay(transient, 3)).toBe(200);
  });

  it('never retries a final failure', () => {
    const policy = new RetryPolicy({ attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 });
    expect(policy.nextDelay(new StepError('404 from target', false), 1)).toBeNull();
    expect(policy.nextDelay(new TypeError('bug'), 1)).toBeNull();
  });

  it('waits at least as long as Retry-After asks, within the cap', () => {
    const policy = new RetryPolicy({ attempts: 5, baseDelayMs: 100, maxDelayMs: 5000 }, () => 0);
    expect(policy.nextDelay(new StepError('429', true, {}, 3000), 1)).toBe(3000);
    expect(policy.nextDelay(new StepError('429', true, {}, 60_000), 1)).toBe(5000);
  });
});
