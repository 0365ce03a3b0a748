import Fastify, { type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cachedRepresentation,
  ifMatchAllows,
  isNotModified,
  sendCached,
  sendTagged,
  strongEtag,
  type CachedRepresentation,
} from './caching.js';

const etag = '"abc123"';
// Last-Modified has one-second precision; the stored time has milliseconds.
const lastModified = new Date('2026-03-01T12:00:00.750Z');

const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;

describe('strongEtag', () => {
  it('is a quoted strong validator, stable for the same parts', () => {
    expect(strongEtag('hash', 'text/csv')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(strongEtag('hash', 'text/csv')).toBe(strongEtag('hash', 'text/csv'));
  });

  it('changes with any part, and does not confuse where parts split', () => {
    expect(strongEtag('hash', 'text/csv')).not.toBe(strongEtag('hash', 'text/html'));
    expect(strongEtag('ab', 'c')).not.toBe(strongEtag('a', 'bc'));
  });
});

describe('isNotModified', () => {
  it('is false without conditional headers', () => {
    expect(isNotModified(request({}), etag, lastModified)).toBe(false);
  });

  describe('If-None-Match', () => {
    it.each([
      ['the exact ETag', etag],
      ['the weak form of the ETag (weak comparison)', `W/${etag}`],
      ['a list that contains it', `"other", ${etag}, "more"`],
      ['a list that contains its weak form', `"other",W/${etag}`],
      ['*', '*'],
      ['* with spaces', '  *  '],
    ])('matches %s', (_name, header) => {
      expect(isNotModified(request({ 'if-none-match': header }), etag, lastModified)).toBe(true);
    });

    it.each([
      ['another ETag', '"different"'],
      ['the ETag without quotes', 'abc123'],
      ['a list without it', '"a", "b"'],
      ['an ETag that only starts the same', '"abc123x"'],
    ])('does not match %s', (_name, header) => {
      expect(isNotModified(request({ 'if-none-match': header }), etag, lastModified)).toBe(false);
    });
  });

  describe('If-Modified-Since', () => {
    it('is not modified when the date is the Last-Modified second or later', () => {
      expect(
        isNotModified(
          request({ 'if-modified-since': lastModified.toUTCString() }),
          etag,
          lastModified,
        ),
      ).toBe(true);
      const later = new Date(lastModified.getTime() + 60_000).toUTCString();
      expect(isNotModified(request({ 'if-modified-since': later }), etag, lastModified)).toBe(true);
    });

    it('is modified when the date is earlier', () => {
      const earlier = new Date(lastModified.getTime() - 1_000).toUTCString();
      expect(isNotModified(request({ 'if-modified-since': earlier }), etag, lastModified)).toBe(
        false,
      );
    });

    it('ignores a date it cannot parse', () => {
      expect(
        isNotModified(request({ 'if-modified-since': 'yesterday-ish' }), etag, lastModified),
      ).toBe(false);
    });
  });

  it('lets If-None-Match take precedence over If-Modified-Since', () => {
    const current = lastModified.toUTCString();
    const stale = new Date(0).toUTCString();
    expect(
      isNotModified(
        request({ 'if-none-match': '"old"', 'if-modified-since': current }),
        etag,
        lastModified,
      ),
    ).toBe(false);
    expect(
      isNotModified(
        request({ 'if-none-match': etag, 'if-modified-since': stale }),
        etag,
        lastModified,
      ),
    ).toBe(true);
  });
});

describe('sendCached', () => {
  const representation: CachedRepresentation = cachedRepresentation({
    body: Buffer.from('hello'),
    contentType: 'text/plain; charset=utf-8',
    etag,
    lastModified,
  });
  const app = Fastify();
  app.get('/r', (req, reply) => sendCached(req, reply, representation));
  app.get('/private', (req, reply) => sendCached(req, reply, representation, 'no-cache'));
  beforeAll(() => app.ready());
  afterAll(() => app.close());

  it('sends the body with its validators and cache policy', async () => {
    const res = await app.inject({ url: '/r' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('hello');
    expect(res.headers).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      etag,
      'last-modified': lastModified.toUTCString(),
      'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
    });
  });

  it('answers 304 with no body but the same validators when the copy is current', async () => {
    const res = await app.inject({ url: '/r', headers: { 'if-none-match': etag } });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe('');
    expect(res.headers.etag).toBe(etag);
    expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
  });

  it('uses the cache policy it is given', async () => {
    const res = await app.inject({ url: '/private' });
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});

describe('sendTagged', () => {
  const app = Fastify();
  app.get('/t', (req, reply) =>
    sendTagged(
      req,
      reply,
      { body: Buffer.from('live'), contentType: 'text/plain; charset=utf-8', etag },
      'public, max-age=60',
    ),
  );
  beforeAll(() => app.ready());
  afterAll(() => app.close());

  it('sends the ETag and cache policy, and no Last-Modified', async () => {
    const res = await app.inject({ url: '/t' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('live');
    expect(res.headers).toMatchObject({ etag, 'cache-control': 'public, max-age=60' });
    expect(res.headers['last-modified']).toBeUndefined();
  });

  it('answers 304 to the ETag (weak form too), and ignores If-Modified-Since', async () => {
    for (const inm of [etag, `W/${etag}`]) {
      const res = await app.inject({ url: '/t', headers: { 'if-none-match': inm } });
      expect(res.statusCode).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers.etag).toBe(etag);
    }
    const since = { 'if-modified-since': new Date(Date.now() + 3600_000).toUTCString() };
    expect((await app.inject({ url: '/t', headers: since })).statusCode).toBe(200);
    const other = await app.inject({ url: '/t', headers: { 'if-none-match': '"other"' } });
    expect(other.statusCode).toBe(200);
  });
});

describe('ifMatchAllows', () => {
  it('matches * and any listed tag by the strong comparison', () => {
    expect(ifMatchAllows('*', '"a"')).toBe(true);
    expect(ifMatchAllows('"a"', '"a"')).toBe(true);
    expect(ifMatchAllows('"b", "a"', '"a"')).toBe(true);
  });

  it('never matches a weak tag or a different one', () => {
    expect(ifMatchAllows('W/"a"', '"a"')).toBe(false);
    expect(ifMatchAllows('"b"', '"a"')).toBe(false);
  });
});
