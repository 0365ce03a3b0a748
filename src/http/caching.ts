/**
 * HTTP caching for representations that change only when content changes (RFC 9111, and
 * conditional requests from RFC 9110 section 13): strong ETags, Last-Modified, and 304 when
 * the client's copy is current; and If-Match for writes conditional on the current version.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CachedRepresentation {
  /**
   * The encoded bytes. Kept as a Buffer: sending a string makes Node encode it to UTF-8 on
   * every response, which for a 70 KB document with non-ASCII text costs more than all the
   * rest of the request.
   */
  body: Buffer;
  contentType: string;
  /** A strong validator, quoted: changes whenever the bytes change. */
  etag: string;
  lastModified: Date;
  /** lastModified as an HTTP date, formatted once. */
  lastModifiedHttp: string;
  /** Headers that belong to this representation, e.g. its own Content-Security-Policy. */
  headers?: Record<string, string>;
}

/** Completes a representation with the values derived from it. */
export function cachedRepresentation(
  fields: Omit<CachedRepresentation, 'lastModifiedHttp'>,
): CachedRepresentation {
  return { ...fields, lastModifiedHttp: fields.lastModified.toUTCString() };
}

/** A strong ETag from the content hash and anything else that shapes the bytes. */
export function strongEtag(...parts: string[]): string {
  return `"${createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 section 13.1.2): W/ prefixes are ignored. */
function matchesAny(header: string, etag: string): boolean {
  // What a cache sends back is usually the very tag it was given: no need to split.
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

export function isNotModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const inm = request.headers['if-none-match'];
  if (inm !== undefined) return matchesAny(inm, etag); // If-Modified-Since is then ignored
  const ims = request.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return (
    !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000)
  );
}

export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  representation: CachedRepresentation,
  cacheControl = 'public, max-age=300, stale-while-revalidate=86400',
): FastifyReply {
  reply
    .header('etag', representation.etag)
    .header('last-modified', representation.lastModifiedHttp)
    .header('cache-control', cacheControl);
  if (isNotModified(request, representation.etag, representation.lastModified)) {
    return reply.code(304).send();
  }
  if (representation.headers) reply.headers(representation.headers);
  return reply.type(representation.contentType).send(representation.body);
}

/**
 * Sends a representation of data that can change at any moment (a learner's public profile),
 * validated by its strong ETag alone: a Last-Modified, at one-second resolution, could call a
 * copy current after a change made within the same second.
 */
export function sendTagged(
  request: FastifyRequest,
  reply: FastifyReply,
  representation: Pick<CachedRepresentation, 'body' | 'contentType' | 'etag' | 'headers'>,
  cacheControl: string,
): FastifyReply {
  reply.header('etag', representation.etag).header('cache-control', cacheControl);
  const inm = request.headers['if-none-match'];
  if (inm !== undefined && matchesAny(inm, representation.etag)) return reply.code(304).send();
  if (representation.headers) reply.headers(representation.headers);
  return reply.type(representation.contentType).send(representation.body);
}

/**
 * Whether an If-Match header matches the current strong ETag (RFC 9110 section 13.1.1): `*`
 * matches any current representation; otherwise one listed tag must equal it by the strong
 * comparison, so weak (W/) tags never match.
 */
export function ifMatchAllows(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim() === etag);
}
