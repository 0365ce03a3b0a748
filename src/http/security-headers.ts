/**
 * Security headers on every response (@fastify/helmet), with a strict Content-Security-Policy
 * the web app satisfies: no inline script or style, nothing from other origins. HSTS is sent
 * only on HTTPS responses (direct TLS, or a proxy's X-Forwarded-Proto when trusted).
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { cspDirectives } from './csp.js';

/** One year, subdomains included (RFC 6797); not preloaded: that is the operator's call. */
export const HSTS = 'max-age=31536000; includeSubDomains';

export const securityHeaders = fp(
  async (app: FastifyInstance, { httpsPossible }: { httpsPossible: boolean }) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: cspDirectives },
      strictTransportSecurity: false,
      // The API is meant to be called from other origins when CORS allows it.
      crossOriginResourcePolicy: { policy: 'same-site' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    });
    // Without TLS or a trusted proxy no request can be HTTPS: no hook at all then.
    if (httpsPossible) {
      app.addHook('onRequest', (request, reply, done) => {
        if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
        done();
      });
    }
  },
  { name: 'security-headers' },
);
