/**
 * Prometheus metrics at /metrics: requests by route and status, their durations, event-loop
 * lag and the process's own figures (prom-client defaults), and database query timing.
 * Each app gets its own registry, so several apps in one process (tests) do not collide.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { publicRoute } from './access.js';

type Label = 'method' | 'route' | 'status';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request received to response sent, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const queries = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Duration of database queries.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  return {
    registry,
    observeQuery: (seconds: number) => queries.observe(seconds),
    plugin: fp(
      (app: FastifyInstance) => {
        // Resolving label values to a series hashes them on every call; the set of
        // (method, route, status) is small and fixed, so resolve each once and keep it.
        const series = new Map<
          string,
          { count: Counter.Internal; time: Histogram.Internal<Label> }
        >();
        app.addHook('onResponse', (request, reply, done) => {
          // The route pattern, never the raw URL: unbounded label values would exhaust memory.
          const route = request.routeOptions.url ?? 'unmatched';
          const key = `${request.method} ${reply.statusCode} ${route}`;
          let s = series.get(key);
          if (!s) {
            const labels = { method: request.method, route, status: String(reply.statusCode) };
            s = { count: requests.labels(labels), time: durations.labels(labels) };
            series.set(key, s);
          }
          s.count.inc();
          s.time.observe(reply.elapsedTime / 1000);
          done();
        });
        app.get(
          '/metrics',
          { config: publicRoute, schema: { hide: true } },
          async (_request, reply) =>
            reply.type(registry.contentType).send(await registry.metrics()),
        );
      },
      { name: 'metrics' },
    ),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
