/**
 * The servers under load, all on 127.0.0.1 with a random port and logging off: Waymark,
 * built by the real composition root on a fresh database, and a bare Fastify 5 server that
 * answers the same URLs with the same bytes and headers straight from memory. The bare
 * server is the floor: what Node and Fastify cost before Waymark adds anything.
 */
import type { IncomingHttpHeaders } from 'node:http';
import Fastify from 'fastify';
import type { Config } from '../src/config.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { databaseTargets, type DatabaseTarget } from '../test/helpers/databases.js';

/** What Waymark's own web client sends (web/src/lib/api.ts), so negotiation runs as in use. */
export const clientHeaders = { accept: 'application/json, application/problem+json' };

export interface RunningServer {
  /** Origin, e.g. http://127.0.0.1:40123. */
  url: string;
  close(): Promise<void>;
}

export interface RunningWaymark extends RunningServer {
  /** The app with its services, for setting up data and reading its metrics. */
  waymark: TestApp;
}

/** PostgreSQL when DATABASE_URL is set (a database created for this run), PGlite otherwise. */
export function databaseTarget(): DatabaseTarget {
  return databaseTargets.find((target) => target.name === 'postgres') ?? databaseTargets[0]!;
}

/**
 * Waymark with the tests' configuration (session cache at its default 5 s), changed only by
 * `overrides`, which a bench case uses instead of anything production would have to allow.
 */
export async function startWaymark(
  target: DatabaseTarget,
  overrides: Partial<Config> = {},
): Promise<RunningWaymark> {
  // createTestApp passes logger: false, as the bare server has: logging is not what is compared.
  const waymark = await createTestApp(target, overrides);
  try {
    const url = await waymark.app.listen({ host: '127.0.0.1', port: 0 });
    return { url, waymark, close: () => waymark.close() };
  } catch (error) {
    await waymark.close();
    throw error;
  }
}

/** Waymark's own counts so far, as /metrics reports them. */
export async function serverCounts(
  waymark: TestApp,
): Promise<{ queries: number; requests: number }> {
  const { registry } = waymark.core.metrics;
  const total = async (name: string, series: string) => {
    const metric = registry.getSingleMetric(name);
    if (!metric) throw new Error(`Waymark has no ${name} metric`);
    const { values } = await metric.get();
    return (values as { metricName?: string; value: number }[])
      .filter((v) => (v.metricName ?? name) === series)
      .reduce((sum, v) => sum + v.value, 0);
  };
  return {
    queries: await total('db_query_duration_seconds', 'db_query_duration_seconds_count'),
    requests: await total('http_requests_total', 'http_requests_total'),
  };
}

/** One recorded response of Waymark's: the bytes and the headers a server chooses. */
export interface RecordedResponse {
  body: string;
  headers: Record<string, string>;
}

/** A recorded response for the bare server to replay at `path`. */
export interface Replay {
  path: string;
  status: number;
  response: RecordedResponse;
  /** Replayed only to requests this accepts; the first matching replay of a path answers. */
  when?: (headers: IncomingHttpHeaders) => boolean;
}

export async function startBare(replays: readonly Replay[]): Promise<RunningServer> {
  const app = Fastify({ logger: false });
  for (const path of new Set(replays.map((r) => r.path))) {
    // Encoded once: the floor is a route that only copies ready bytes to the socket.
    const answers = replays
      .filter((r) => r.path === path)
      .map(({ status, response, when }) => ({
        status,
        headers: response.headers,
        body: response.body === '' ? undefined : Buffer.from(response.body),
        when,
      }));
    app.get(path, (request, reply) => {
      const answer = answers.find((a) => a.when === undefined || a.when(request.headers))!;
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    });
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}
