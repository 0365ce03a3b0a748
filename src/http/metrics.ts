/**
 * Prometheus metrics at /metrics: requests by route and status, their durations, event-loop
 * lag and the process's own figures (prom-client defaults), and database query timing.
 * Each app gets its own registry, so several apps in one process (tests) do not collide.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { publicRoute } from './access.js';
import { createRequestMetrics } from './request-metrics.js';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = createRequestMetrics(registry);
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
        app.addHook('onResponse', (request, reply, done) => {
          // The route pattern, never the raw URL: unbounded label values would exhaust memory.
          requests.observe(
            request.method,
            request.routeOptions.url ?? 'unmatched',
            reply.statusCode,
            reply.elapsedTime / 1000,
          );
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
