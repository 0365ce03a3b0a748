/**
 * Request counts and durations by method, route pattern and status, kept in plain numbers on
 * the request path and turned into Prometheus series only when /metrics is scraped.
 * prom-client's own Counter/Histogram hash and validate the labels on every observation,
 * which on a cached 304 costs as much as the rest of the request; the set of series here is
 * small and fixed, so each is found by one Map lookup.
 */
import type { Registry } from 'prom-client';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

interface Series {
  labels: { method: string; route: string; status: string };
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  perBucket: number[];
}

interface MetricValue {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

export function createRequestMetrics(registry: Registry) {
  /**
   * Series by route, then method and status. Route patterns and methods are the same string
   * objects on every request, so nested lookups cost less than building one key per request.
   */
  const byRoute = new Map<string, Map<string, Map<number, Series>>>();
  const reset = () => byRoute.clear();
  /** Every series, for /metrics (read only when scraped). */
  const allSeries = (): Series[] =>
    [...byRoute.values()].flatMap((byMethod) =>
      [...byMethod.values()].flatMap((byStatus) => [...byStatus.values()]),
    );

  const requestsMetric = {
    name: 'http_requests_total',
    get: () =>
      Promise.resolve({
        name: 'http_requests_total',
        help: 'HTTP requests answered, by method, route pattern and status code.',
        type: 'counter',
        aggregator: 'sum',
        values: allSeries().map((s) => ({ labels: s.labels, value: s.count })),
      }),
    reset,
  };

  const durationsMetric = {
    name: 'http_request_duration_seconds',
    get: () => {
      const values: MetricValue[] = [];
      for (const s of allSeries()) {
        let cumulative = 0;
        BUCKETS.forEach((le, i) => {
          cumulative += s.perBucket[i]!;
          values.push({
            metricName: 'http_request_duration_seconds_bucket',
            labels: { le, ...s.labels },
            value: cumulative,
          });
        });
        values.push({
          metricName: 'http_request_duration_seconds_bucket',
          labels: { le: '+Inf', ...s.labels },
          value: s.count,
        });
        values.push({
          metricName: 'http_request_duration_seconds_sum',
          labels: s.labels,
          value: s.sum,
        });
        values.push({
          metricName: 'http_request_duration_seconds_count',
          labels: s.labels,
          value: s.count,
        });
      }
      return Promise.resolve({
        name: 'http_request_duration_seconds',
        help: 'Time from request received to response sent, by method, route pattern and status code.',
        type: 'histogram',
        aggregator: 'sum',
        values,
      });
    },
    reset,
  };

  registry.registerMetric(requestsMetric as never);
  registry.registerMetric(durationsMetric as never);

  const seriesOf = (method: string, route: string, status: number): Series => {
    let byMethod = byRoute.get(route);
    if (!byMethod) byRoute.set(route, (byMethod = new Map<string, Map<number, Series>>()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map<number, Series>()));
    let s = byStatus.get(status);
    if (!s) {
      s = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        perBucket: new Array<number>(BUCKETS.length + 1).fill(0),
      };
      byStatus.set(status, s);
    }
    return s;
  };

  return {
    observe(method: string, route: string, status: number, seconds: number): void {
      const s = seriesOf(method, route, status);
      s.count += 1;
      s.sum += seconds;
      let i = 0;
      while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
      s.perBucket[i]! += 1;
    },
  };
}
