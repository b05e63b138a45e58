import { ExpiringValueCache } from './expiring-value.cache';

describe('ExpiringValueCache', () => {
  let clock = 0;
  const cache = () => new ExpiringValueCache<string>({ now: () => clock, maxEntries: 2 });

  beforeEach(() => (clock = 1_000));

  it('serves a value until it expires, then loads again', async () => {
    const c = cache();
    let loads = 0;
    const load = async () => ({ value: `v${++loads}`, ttlMs: 100 });
    expect(await c.get('k', load)).toBe('v1');
    clock += 99;
    expect(await c.get('k', load)).toBe('v1');
    clock += 1;
    expect(await c.get('k', load)).toBe('v2');
  });

  it('shares one load between concurrent misses and keeps no failures', async () => {
    const c = cache();
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('down');
    };
    await expect(Promise.all([c.get('k', failing), c.get('k', failing)])).rejects.toThrow('down');
    expect(calls).toBe(1);
    await expect(c.get('k', async () => ({ value: 'up', ttlMs: 10 }))).resolves.toBe('up');
  });

  it('fresh skips the cache; the oldest entry goes beyond maxEntries', async () => {
    const c = cache();
    const value = (v: string) => async () => ({ value: v, ttlMs: 1000 });
    await c.get('a', value('a1'));
    expect(await c.get('a', value('a2'), true)).toBe('a2');
    await c.get('b', value('b1'));
    await c.get('c', value('c1'));
    expect(await c.get('a', value('a3'))).toBe('a3');
    expect(await c.get('c', value('c2'))).toBe('c1');
  });
});
