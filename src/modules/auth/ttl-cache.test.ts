import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('serves an entry until its time is up', () => {
    let now = 1_000;
    const cache = new TtlCache<string>(100, 10, () => now);
    cache.set('a', 'x');
    now += 99;
    expect(cache.get('a')).toBe('x');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the oldest entry when full', () => {
    const cache = new TtlCache<number>(1_000, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('caches nothing with a TTL of zero', () => {
    const cache = new TtlCache<number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('deletes by key and by predicate', () => {
    const cache = new TtlCache<{ user: string }>(1_000);
    cache.set('s1', { user: 'u1' });
    cache.set('s2', { user: 'u1' });
    cache.set('s3', { user: 'u2' });
    cache.delete('s3');
    expect(cache.get('s3')).toBeUndefined();
    cache.deleteWhere((v) => v.user === 'u1');
    expect(cache.size).toBe(0);
  });
});
