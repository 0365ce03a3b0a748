/**
 * The two servers under load, both on 127.0.0.1 with a random port and logging off:
 * Waymark, built by the real composition root on a fresh database, and a bare Fastify 5
 * server that answers the same URL with the same bytes and headers straight from memory.
 * The bare server is the floor: what Node and Fastify cost before Waymark adds anything.
 */
import Fastify from 'fastify';
import { createTestApp } from '../test/helpers/app.js';
import { databaseTargets, type DatabaseTarget } from '../test/helpers/databases.js';

export const roadmapPath = '/api/v1/roadmaps/senior-backend';

/** What Waymark's own web client sends (web/src/lib/api.ts), so negotiation runs as in use. */
export const clientHeaders = { accept: 'application/json, application/problem+json' };

export interface RunningServer {
  /** Origin, e.g. http://127.0.0.1:40123. */
  url: string;
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set (a database created for this run), PGlite otherwise. */
export function databaseTarget(): DatabaseTarget {
  return databaseTargets.find((target) => target.name === 'postgres') ?? databaseTargets[0]!;
}

export async function startWaymark(target: DatabaseTarget): Promise<RunningServer> {
  // createTestApp passes logger: false, as the bare server has: logging is not what is compared.
  const waymark = await createTestApp(target);
  try {
    const url = await waymark.app.listen({ host: '127.0.0.1', port: 0 });
    return { url, close: () => waymark.close() };
  } catch (error) {
    await waymark.close();
    throw error;
  }
}

/** One recorded response of Waymark's: the bytes and the headers a server chooses. */
export interface RecordedResponse {
  body: string;
  headers: Record<string, string>;
}

export interface Recording {
  etag: string;
  ok: RecordedResponse;
  notModified: RecordedResponse;
}

export async function startBare(recording: Recording): Promise<RunningServer> {
  // Encoded once: the floor is a route that only copies ready bytes to the socket.
  const body = Buffer.from(recording.ok.body);
  const app = Fastify({ logger: false });
  app.get(roadmapPath, (request, reply) => {
    if (request.headers['if-none-match'] === recording.etag) {
      return reply.code(304).headers(recording.notModified.headers).send();
    }
    return reply.headers(recording.ok.headers).send(body);
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}
