/**
 * Least-squares line fitting, with the confidence band of the fitted line and where that
 * band crosses a level (Fieller's interval for the x at which the line reaches it). Pure
 * statistics, kept apart from what the dashboard makes of them.
 */

export interface LineFit {
  n: number;
  slope: number;
  intercept: number;
  xMean: number;
  yMean: number;
  /** Sum of squared deviations of x from its mean. */
  sxx: number;
  /** Residual standard deviation, sqrt(SSE / (n - 2)). */
  residualSd: number;
  /** Standard error of the slope. */
  slopeSe: number;
  /** Two-sided 95% Student t quantile for n - 2 degrees of freedom. */
  t: number;
}

/** Fits y = intercept + slope * x; needs at least 3 points with two different x. */
export function fitLine(points: readonly { x: number; y: number }[]): LineFit {
  const n = points.length;
  if (n < 3) throw new RangeError('a line with a confidence band needs at least 3 points');
  const xMean = points.reduce((s, p) => s + p.x, 0) / n;
  const yMean = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - xMean) ** 2;
    sxy += (p.x - xMean) * (p.y - yMean);
  }
  if (sxx === 0) throw new RangeError('all points have the same x');
  const slope = sxy / sxx;
  const intercept = yMean - slope * xMean;
  const sse = points.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
  const residualSd = Math.sqrt(sse / (n - 2));
  return {
    n,
    slope,
    intercept,
    xMean,
    yMean,
    sxx,
    residualSd,
    slopeSe: residualSd / Math.sqrt(sxx),
    t: tQuantile975(n - 2),
  };
}

/** The fitted value at x with its 95% confidence band (of the line, not of single points). */
export function bandAt(fit: LineFit, x: number): { expected: number; low: number; high: number } {
  const expected = fit.intercept + fit.slope * x;
  const half = fit.t * fit.residualSd * Math.sqrt(1 / fit.n + (x - fit.xMean) ** 2 / fit.sxx);
  return { expected, low: expected - half, high: expected + half };
}

/**
 * Where the line reaches `level`, and the x range over which the band contains `level`
 * (Fieller's interval). The range is bounded only when the slope is clearly non-zero
 * (|slope| > t * its standard error); otherwise it is undefined, and so is `expected` when
 * the slope is zero.
 */
export function crossing(
  fit: LineFit,
  level: number,
): { expected: number | undefined; range: { low: number; high: number } | undefined } {
  const expected = fit.slope === 0 ? undefined : (level - fit.intercept) / fit.slope;
  // Solve (d + b u)^2 = k^2 (1/n + u^2/Sxx) for u = x - xMean, where d = yMean - level.
  const k2 = (fit.t * fit.residualSd) ** 2;
  const d = fit.yMean - level;
  const a = fit.slope ** 2 - k2 / fit.sxx;
  if (!(a > 0)) return { expected, range: undefined };
  const b = 2 * fit.slope * d;
  const c = d ** 2 - k2 / fit.n;
  // Never negative in exact arithmetic (the point estimate lies inside); clamp rounding.
  const root = Math.sqrt(Math.max(0, b ** 2 - 4 * a * c));
  const u1 = (-b - root) / (2 * a);
  const u2 = (-b + root) / (2 * a);
  return { expected, range: { low: fit.xMean + u1, high: fit.xMean + u2 } };
}

/** Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom. */
const T_975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788,
  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639,
  2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];
const Z_975 = 1.959964;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: a table up to 30, then the
 * Cornish-Fisher expansion around the normal quantile (error below 1e-4 from there on).
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom: ${df}`);
  if (df <= T_975.length) return T_975[df - 1]!;
  const z = Z_975;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
}
