import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its size', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('creates once per key', () => {
    const cache = new LruCache<string, object>(10);
    const create = jest.fn(() => ({}));
    expect(cache.getOrCreate('k', create)).toBe(cache.getOrCreate('k', create));
    expect(create).toHaveBeenCalledTimes(1);
  });
});
