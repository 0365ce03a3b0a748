/**
 * The HTTP machinery every route shares: problem+json errors, 405/Allow, body limits, CORS,
 * request ids, health, metrics, the OpenAPI document and declared access on every route.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const probes: NonNullable<Parameters<typeof createTestApp>[2]>['extend'] = (app) => {
  app.post(
    '/test/echo',
    {
      config: { access: 'public' },
      schema: {
        body: Type.Object(
          { name: Type.String({ minLength: 1 }), count: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      },
    },
    (request) => request.body,
  );
  app.get('/test/boom', { config: { access: 'public' } }, () => {
    throw new Error('secret internal detail at /srv/app/db.ts:42');
  });
};

describe.each(databaseTargets)('HTTP platform on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(
      target,
      { corsOrigins: ['https://app.example.com'], bodyLimit: 2048 },
      { extend: probes },
    );
  });
  afterAll(() => t.close());

  describe('errors are RFC 9457 problem+json', () => {
    it('answers an unknown route with 404', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here?x=1' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.json()).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No resource at /api/v1/nothing-here.',
        instance: '/api/v1/nothing-here',
      });
    });

    it('answers a wrong method with 405 and an Allow header', async () => {
      const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/roadmaps/senior-backend' });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    });

    it('answers malformed JSON with 400', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/test/echo',
        headers: { 'content-type': 'application/json' },
        payload: '{"name": "a",',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        status: 400,
        detail: 'The request body is not valid JSON.',
      });
    });

    it('answers an invalid body with 400 listing every invalid field', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/test/echo',
        payload: { name: '', count: -1, admin: true },
      });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ type: string; errors: { field: string; message: string }[] }>();
      expect(body.type).toMatch(/validation-failed$/);
      const fields = body.errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.count', 'body.admin']));
    });

    it('answers an oversized body with 413', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/test/echo',
        payload: { name: 'x'.repeat(4096), count: 1 },
      });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('answers an unsupported media type with 415', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/test/echo',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'name=a&count=1',
      });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ status: 415 });
    });

    it('turns an unexpected error into a 500 that leaks nothing', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/test/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('secret');
      expect(res.body).not.toContain('db.ts');
      expect(res.body).not.toMatch(/at .*\(/); // no stack frames
      expect(res.json()).toMatchObject({ status: 500, title: 'Internal Server Error' });
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed origin', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/roadmaps',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(res.headers['access-control-allow-methods']).toContain('GET');
    });

    it('does not allow an origin that is not configured', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/roadmaps',
        headers: { origin: 'https://evil.example.net' },
      });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('exposes caching headers to allowed origins', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/roadmaps',
        headers: { origin: 'https://app.example.com' },
      });
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(res.headers['access-control-expose-headers']).toContain('ETag');
    });
  });

  describe('request ids', () => {
    it('returns an incoming X-Request-Id', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'trace-123.abc' },
      });
      expect(res.headers['x-request-id']).toBe('trace-123.abc');
    });

    it('replaces an unacceptable X-Request-Id with a new one', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': 'bad id\u0001' },
      });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('operations', () => {
    it('reports liveness and readiness', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({
        status: 'ok',
      });
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', content: 'ok' } });
    });

    it('exposes Prometheus metrics by route and status, event-loop lag and query timing', async () => {
      await t.app.inject({ method: 'GET', url: '/api/v1/roadmaps/senior-backend' });
      await t.app.inject({ method: 'GET', url: '/api/v1/roadmaps/unknown' });
      const res = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toMatch(
        /http_requests_total\{method="GET",route="\/api\/v1\/roadmaps\/:slug",status="200"\} \d+/,
      );
      expect(res.body).toMatch(
        /http_requests_total\{method="GET",route="\/api\/v1\/roadmaps\/:slug",status="404"\} \d+/,
      );
      expect(res.body).toMatch(
        /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/roadmaps\/:slug",status="200"\}/,
      );
      expect(res.body).toContain('nodejs_eventloop_lag_seconds');
      expect(res.body).toMatch(/db_query_duration_seconds_count [1-9]/);
    });

    it('serves the OpenAPI 3.1 document, identical to the committed one', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(res.statusCode).toBe(200);
      const committed = fs.readFileSync(path.join(packageRoot, 'openapi/openapi.json'), 'utf8');
      // The probes registered by this test are not in the committed document; compare paths.
      const served = res.json<{ openapi: string; paths: Record<string, unknown> }>();
      expect(served.openapi).toBe('3.1.0');
      const expected = JSON.parse(committed) as { paths: Record<string, unknown> };
      for (const [p, item] of Object.entries(expected.paths)) expect(served.paths[p]).toEqual(item);
    });

    it('serves Swagger UI at /docs', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/docs/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('swagger');
    });
  });

  it('declares access on every route', () => {
    const undeclared = t.app.routeTable.filter((r) => r.access === undefined);
    expect(undeclared).toEqual([]);
    expect(t.app.routeTable.length).toBeGreaterThan(10);
  });
});

describe('CORS when no origin is configured', () => {
  it('grants no cross-origin access, to requests or to preflights', async () => {
    const t = await createTestApp(databaseTargets[0]!);
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/roadmaps',
        headers: { origin: 'https://elsewhere.example.com' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/roadmaps',
        headers: {
          origin: 'https://elsewhere.example.com',
          'access-control-request-method': 'GET',
        },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.statusCode).toBe(405);
    } finally {
      await t.close();
    }
  });
});

describe('readiness without a database', () => {
  it('answers 503 problem+json when the database does not answer', async () => {
    const t = await createTestApp(databaseTargets[0]!);
    try {
      await t.core.database.close();
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 503,
        detail: expect.stringContaining('database') as unknown,
      });
    } finally {
      await t.app.close().catch(() => undefined);
    }
  });
});
