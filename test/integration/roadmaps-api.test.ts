import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

describe.each(databaseTargets)('roadmap read API on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  describe('GET /api/v1/roadmaps', () => {
    it('lists the built-in roadmap with its counts', async () => {
      const res = await get('/api/v1/roadmaps');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json<{
        items: { slug: string; sectionCount: number; topicCount: number; totalHours: number }[];
      }>();
      const roadmap = body.items.find((i) => i.slug === 'senior-backend');
      expect(roadmap?.sectionCount).toBe(7);
      expect(roadmap?.topicCount).toBeGreaterThanOrEqual(80);
      expect(roadmap?.totalHours).toBeGreaterThan(0);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const first = await get('/api/v1/roadmaps');
      const again = await get('/api/v1/roadmaps', {
        'if-none-match': first.headers.etag as string,
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });
  });

  describe('GET /api/v1/roadmaps/{slug}', () => {
    it('returns JSON by default with sections, topics, edges and a server-computed layout', async () => {
      const res = await get('/api/v1/roadmaps/senior-backend');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary).toMatch(/Accept/);
      const view = res.json<{
        sections: { id: string; topicIds: string[] }[];
        topics: { id: string; optional: boolean; box: { x: number; width: number } }[];
        edges: { from: string; to: string; crossSection: boolean; points: unknown[] }[];
        layout: { width: number; height: number };
      }>();
      expect(view.sections.map((s) => s.id)).toEqual([
        'fundamentals',
        'api-design',
        'web-security',
        'architecture',
        'operations',
        'emerging',
        'soft-skills',
      ]);
      expect(view.topics.every((topic) => topic.box.width > 0)).toBe(true);
      expect(view.topics.some((topic) => topic.optional)).toBe(true);
      expect(view.edges).toContainEqual(
        expect.objectContaining({ from: 'tcp', to: 'tls', crossSection: false }),
      );
      expect(view.edges).toContainEqual(
        expect.objectContaining({ from: 'http', to: 'what-is-an-api', crossSection: true }),
      );
      expect(view.edges.every((e) => e.points.length >= 2)).toBe(true);
      expect(view.layout.width).toBeGreaterThan(0);
    });

    it.each([
      ['text/markdown', /^text\/markdown/, /^# Senior Backend Developer Roadmap/],
      ['text/html', /^text\/html/, /^<!doctype html>/],
      ['text/csv', /^text\/csv/, /^section,topic_id,title/],
      ['application/json', /^application\/json/, /^\{"slug":"senior-backend"/],
      ['*/*', /^application\/json/, /^\{/],
    ])('serves %s when asked', async (accept, type, start) => {
      const res = await get('/api/v1/roadmaps/senior-backend', { accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.body).toMatch(start);
    });

    it('honours q-values', async () => {
      const res = await get('/api/v1/roadmaps/senior-backend', {
        accept: 'text/csv;q=0.4, text/markdown;q=0.9, application/json;q=0.1',
      });
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      const zero = await get('/api/v1/roadmaps/senior-backend', {
        accept: 'application/json;q=0, text/*',
      });
      expect(zero.headers['content-type']).toMatch(/^text\//);
    });

    it('gives one CSV row per topic', async () => {
      const view = (await get('/api/v1/roadmaps/senior-backend')).json<{ topics: unknown[] }>();
      const csv = (await get('/api/v1/roadmaps/senior-backend', { accept: 'text/csv' })).body;
      const rows = csv.trimEnd().split('\r\n');
      expect(rows).toHaveLength(view.topics.length + 1);
    });

    it('answers 406 with the available types when nothing acceptable exists', async () => {
      const res = await get('/api/v1/roadmaps/senior-backend', { accept: 'application/xml' });
      expect(res.statusCode).toBe(406);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        status: 406,
        available: ['application/json', 'text/markdown', 'text/html', 'text/csv'],
      });
    });

    it('gives each representation its own strong ETag, and 304 only for the matching one', async () => {
      const json = await get('/api/v1/roadmaps/senior-backend');
      const md = await get('/api/v1/roadmaps/senior-backend', { accept: 'text/markdown' });
      expect(json.headers.etag).not.toBe(md.headers.etag);
      expect(json.headers.etag).not.toMatch(/^W\//);
      expect(json.headers['cache-control']).toMatch(/max-age=\d+/);
      expect(json.headers['last-modified']).toBeDefined();

      const hit = await get('/api/v1/roadmaps/senior-backend', {
        'if-none-match': json.headers.etag as string,
      });
      expect(hit.statusCode).toBe(304);
      expect(hit.body).toBe('');
      expect(hit.headers.etag).toBe(json.headers.etag);

      const list = await get('/api/v1/roadmaps/senior-backend', {
        'if-none-match': `"other", W/${json.headers.etag as string}`,
      });
      expect(list.statusCode).toBe(304);

      const miss = await get('/api/v1/roadmaps/senior-backend', {
        accept: 'text/markdown',
        'if-none-match': json.headers.etag as string,
      });
      expect(miss.statusCode).toBe(200);
    });

    it('answers If-Modified-Since with 304 when nothing changed since', async () => {
      const first = await get('/api/v1/roadmaps/senior-backend');
      const res = await get('/api/v1/roadmaps/senior-backend', {
        'if-modified-since': first.headers['last-modified'] as string,
      });
      expect(res.statusCode).toBe(304);
      const older = await get('/api/v1/roadmaps/senior-backend', {
        'if-modified-since': new Date(0).toUTCString(),
      });
      expect(older.statusCode).toBe(200);
    });

    it('answers 404 problem+json for an unknown roadmap', async () => {
      const res = await get('/api/v1/roadmaps/no-such-roadmap');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        instance: '/api/v1/roadmaps/no-such-roadmap',
      });
    });

    it('answers 400 listing the invalid field for a malformed slug', async () => {
      const res = await get('/api/v1/roadmaps/Not_A_Slug');
      expect(res.statusCode).toBe(400);
      const body = res.json<{ errors: { field: string }[] }>();
      expect(body.errors[0]?.field).toBe('params.slug');
    });
  });

  describe('GET /api/v1/roadmaps/{slug}/topics/{topicId}', () => {
    it('returns the full topic with rendered, safe HTML', async () => {
      const res = await get('/api/v1/roadmaps/senior-backend/topics/tls');
      expect(res.statusCode).toBe(200);
      const topic = res.json<
        Record<string, unknown> & {
          prerequisites: string[];
          bodyHtml: string;
          resources: unknown[];
        }
      >();
      expect(topic).toMatchObject({
        id: 'tls',
        sectionId: 'fundamentals',
        roadmapSlug: 'senior-backend',
      });
      expect(topic.prerequisites).toContain('tcp');
      expect(topic.resources.length).toBeGreaterThanOrEqual(3);
      expect(topic.bodyHtml).toContain('<h2>');
      expect(topic.bodyHtml).not.toMatch(/<script/i);
      expect(res.headers.etag).toBeDefined();
      const again = await get('/api/v1/roadmaps/senior-backend/topics/tls', {
        'if-none-match': res.headers.etag as string,
      });
      expect(again.statusCode).toBe(304);
    });

    it('answers 404 for an unknown topic and for an unknown roadmap', async () => {
      expect((await get('/api/v1/roadmaps/senior-backend/topics/no-such-topic')).statusCode).toBe(
        404,
      );
      expect((await get('/api/v1/roadmaps/nope/topics/tls')).statusCode).toBe(404);
    });

    it('answers 406 when JSON is not acceptable', async () => {
      const res = await get('/api/v1/roadmaps/senior-backend/topics/tls', { accept: 'image/png' });
      expect(res.statusCode).toBe(406);
    });
  });
});
