import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createRequestMetrics } from './request-metrics.js';

async function scrape(observations: [string, string, number, number][]): Promise<string[]> {
  const registry = new Registry();
  const metrics = createRequestMetrics(registry);
  for (const [method, route, status, seconds] of observations)
    metrics.observe(method, route, status, seconds);
  return (await registry.metrics()).split('\n');
}

describe('request metrics', () => {
  it('counts requests per method, route and status', async () => {
    const lines = await scrape([
      ['GET', '/a/:id', 200, 0.002],
      ['GET', '/a/:id', 200, 0.03],
      ['GET', '/a/:id', 404, 0.001],
      ['POST', '/b', 201, 0.2],
    ]);
    expect(lines).toContain('# TYPE http_requests_total counter');
    expect(lines).toContain('http_requests_total{method="GET",route="/a/:id",status="200"} 2');
    expect(lines).toContain('http_requests_total{method="GET",route="/a/:id",status="404"} 1');
    expect(lines).toContain('http_requests_total{method="POST",route="/b",status="201"} 1');
  });

  it('exposes a cumulative histogram with +Inf, sum and count', async () => {
    const lines = await scrape([
      ['GET', '/a', 200, 0.0005],
      ['GET', '/a', 200, 0.001], // on a bucket boundary: counted in that bucket (le means <=)
      ['GET', '/a', 200, 0.04],
      ['GET', '/a', 200, 7],
    ]);
    const bucket = (le: string) =>
      lines.find((l) =>
        l.startsWith(
          `http_request_duration_seconds_bucket{le="${le}",method="GET",route="/a",status="200"}`,
        ),
      );
    expect(lines).toContain('# TYPE http_request_duration_seconds histogram');
    expect(bucket('0.001')).toMatch(/ 2$/);
    expect(bucket('0.025')).toMatch(/ 2$/);
    expect(bucket('0.05')).toMatch(/ 3$/);
    expect(bucket('2.5')).toMatch(/ 3$/);
    expect(bucket('+Inf')).toMatch(/ 4$/);
    expect(lines).toContain(
      'http_request_duration_seconds_count{method="GET",route="/a",status="200"} 4',
    );
    const sum = lines.find((l) => l.startsWith('http_request_duration_seconds_sum'));
    expect(Number(sum?.split(' ')[1])).toBeCloseTo(7.0415, 6);
  });

  it('escapes label values a route pattern could contain', async () => {
    const lines = await scrape([['GET', '/say/"hi"\\', 200, 0.01]]);
    expect(lines).toContain(
      'http_requests_total{method="GET",route="/say/\\"hi\\"\\\\",status="200"} 1',
    );
  });
});
