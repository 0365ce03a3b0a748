/**
 * Headers on every response: the request id, and the security headers of helmet with a
 * strict Content-Security-Policy the web app satisfies (no inline script or style, nothing
 * from other origins). HSTS only on HTTPS responses (direct TLS, or a trusted proxy's
 * X-Forwarded-Proto).
 *
 * helmet is used directly rather than through @fastify/helmet: that plugin builds a new
 * helmet middleware (parsing every option, the whole CSP included) on each request, in two
 * hooks. These headers do not depend on the request, so they are computed once, here, and
 * set in one hook together with the request id (see ADR 0012 and docs/benchmarks.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import { cspDirectives } from './csp.js';

/** One year, subdomains included (RFC 6797); not preloaded: that is the operator's call. */
export const HSTS = 'max-age=31536000; includeSubDomains';

export const helmetOptions: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: cspDirectives },
  strictTransportSecurity: false, // per request, below
  // The API is meant to be called from other origins when CORS allows it.
  crossOriginResourcePolicy: { policy: 'same-site' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
};

/** The headers helmet sets for these options, by running its middleware once. */
export function staticSecurityHeaders(options: HelmetOptions = helmetOptions): [string, string][] {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return [...headers];
}

export const responseHeaders = fp(
  async (app: FastifyInstance, { httpsPossible }: { httpsPossible: boolean }) => {
    const headers = Object.fromEntries(staticSecurityHeaders());
    app.addHook('onRequest', (request, reply, done) => {
      // Set as the reply's own headers, not on the raw response: Node then writes the head
      // from one object (its fast path) instead of merging two sets, and a route that sets
      // one itself (the HTML export's own CSP) replaces the default.
      reply.header('x-request-id', request.id).headers(headers);
      if (httpsPossible && request.protocol === 'https') {
        reply.header('strict-transport-security', HSTS);
      }
      done();
    });
  },
  { name: 'response-headers' },
);
