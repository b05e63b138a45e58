import { HookRateLimiter } from './hook-rate-limiter';

describe('HookRateLimiter', () => {
  it('lets a burst through, then asks the sender to wait until a token is back', () => {
    let now = 0;
    const limiter = new HookRateLimiter(() => now);
    const limit = { perSecond: 0.5, burst: 2 };
    expect([limiter.take('h', limit), limiter.take('h', limit)]).toEqual([0, 0]);
    expect(limiter.take('h', limit)).toBe(2);
    now = 2000;
    expect(limiter.take('h', limit)).toBe(0);
    expect(limiter.take('other', limit)).toBe(0);
  });
});
