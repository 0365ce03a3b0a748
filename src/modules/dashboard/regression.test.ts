import { describe, expect, it } from 'vitest';
import { bandAt, crossing, fitLine, tQuantile975 } from './regression.js';

const pts = (...pairs: [number, number][]) => pairs.map(([x, y]) => ({ x, y }));

describe('fitLine', () => {
  it('finds the least-squares line and its residual spread', () => {
    // y = 1 + 2x with residuals +1, -1, -1, +1 (their sum and x-weighted sum are zero).
    const fit = fitLine(pts([0, 2], [1, 2], [2, 4], [3, 8]));
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
    expect(fit.xMean).toBe(1.5);
    expect(fit.yMean).toBe(4);
    expect(fit.sxx).toBe(5);
    expect(fit.residualSd).toBeCloseTo(Math.sqrt(4 / 2), 12);
    expect(fit.slopeSe).toBeCloseTo(Math.sqrt(2 / 5), 12);
    expect(fit.t).toBe(4.3027);
  });

  it('has zero spread when the points lie exactly on a line', () => {
    const fit = fitLine(pts([0, 1], [1, 3], [2, 5], [5, 11]));
    expect(fit).toMatchObject({ slope: 2, intercept: 1, residualSd: 0, slopeSe: 0 });
  });

  it('has a zero slope when y does not vary', () => {
    const fit = fitLine(pts([0, 4], [1, 4], [2, 4]));
    expect(fit).toMatchObject({ slope: 0, intercept: 4, residualSd: 0 });
  });

  it('refuses too few points and points without spread in x', () => {
    expect(() => fitLine(pts([0, 1], [1, 2]))).toThrow(RangeError);
    expect(() => fitLine(pts([1, 1], [1, 2], [1, 3]))).toThrow(/same x/);
  });
});

describe('bandAt', () => {
  it('is narrowest at the mean of x and widens away from it', () => {
    const fit = fitLine(pts([0, 2], [1, 2], [2, 4], [3, 8]));
    const centre = bandAt(fit, 1.5);
    expect(centre.expected).toBeCloseTo(4, 12);
    // half-width = t * s * sqrt(1/n) at the mean of x
    expect(centre.high - centre.expected).toBeCloseTo(4.3027 * Math.sqrt(2) * 0.5, 10);
    const far = bandAt(fit, 10);
    expect(far.expected).toBeCloseTo(21, 10);
    expect(far.high - far.expected).toBeGreaterThan(centre.high - centre.expected);
    expect(far.expected - far.low).toBeCloseTo(far.high - far.expected, 10);
  });

  it('collapses onto the line when the points fit exactly', () => {
    const fit = fitLine(pts([0, 1], [1, 3], [2, 5]));
    expect(bandAt(fit, 7)).toEqual({ expected: 15, low: 15, high: 15 });
  });
});

describe('crossing', () => {
  it('puts the band where it meets the level, around the point estimate', () => {
    // y = 1 + 2x with residuals +0.25, -0.25, -0.25, +0.25: a clear slope.
    const fit = fitLine(pts([0, 1.25], [1, 2.75], [2, 4.75], [3, 7.25]));
    const { expected, range } = crossing(fit, 20);
    expect(expected).toBeCloseTo(9.5, 10);
    expect(range).toBeDefined();
    expect(range!.low).toBeLessThan(expected!);
    expect(range!.high).toBeGreaterThan(expected!);
    // The band's upper edge reaches the level first, its lower edge last.
    expect(bandAt(fit, range!.low).high).toBeCloseTo(20, 8);
    expect(bandAt(fit, range!.high).low).toBeCloseTo(20, 8);
  });

  it('is a single point when the points fit exactly', () => {
    const fit = fitLine(pts([0, 0], [1, 2], [2, 4], [3, 6]));
    const { expected, range } = crossing(fit, 10);
    expect(expected).toBe(5);
    expect(range!.low).toBeCloseTo(5, 10);
    expect(range!.high).toBeCloseTo(5, 10);
  });

  it('has no bounded range when the slope is not clearly above zero', () => {
    const fit = fitLine(pts([0, 0], [1, 5], [2, 0], [3, 5], [4, 1]));
    expect(Math.abs(fit.slope)).toBeLessThan(fit.t * fit.slopeSe);
    expect(crossing(fit, 10).range).toBeUndefined();
  });

  it('has no expected crossing for a flat line', () => {
    expect(crossing(fitLine(pts([0, 4], [1, 4], [2, 4])), 10)).toEqual({
      expected: undefined,
      range: undefined,
    });
  });
});

describe('tQuantile975', () => {
  it('matches the table values and approaches the normal quantile', () => {
    expect(tQuantile975(1)).toBe(12.7062);
    expect(tQuantile975(30)).toBe(2.0423);
    expect(tQuantile975(31)).toBeCloseTo(2.0395, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
    expect(tQuantile975(100000)).toBeCloseTo(1.96, 3);
  });

  it('decreases with the degrees of freedom', () => {
    for (let df = 1; df < 200; df++) {
      expect(tQuantile975(df + 1)).toBeLessThan(tQuantile975(df));
    }
  });

  it('refuses degrees of freedom that are not positive whole numbers', () => {
    expect(() => tQuantile975(0)).toThrow(RangeError);
    expect(() => tQuantile975(2.5)).toThrow(RangeError);
  });
});
