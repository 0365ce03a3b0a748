import { describe, expect, it } from 'vitest';
import { median, percentile } from './stats.js';

describe('percentile', () => {
  const samples = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it('takes the nearest rank, so p50 of 1..100 is 50 and p99 is 99', () => {
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
  });

  it('answers with the only sample when there is one', () => {
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN without samples rather than a made-up zero', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([3, 100, 1])).toBe(3);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
