/**
 * OAuth clients send their parameters as application/x-www-form-urlencoded (RFC 6749), so
 * the protocol endpoints accept that besides JSON. Registered only in the scope of those
 * endpoints; the rest of the API stays JSON-only.
 */
import type { FastifyInstance } from 'fastify';
import { oauthError } from './oauth.errors.js';

const FORM = 'application/x-www-form-urlencoded';

export function acceptFormBodies(app: FastifyInstance): void {
  if (app.hasContentTypeParser(FORM)) return;
  app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => {
    const params = [...new URLSearchParams(body as string)];
    const seen = new Set<string>();
    for (const [key] of params) {
      // RFC 6749 section 3.2: parameters must not be repeated.
      if (seen.has(key)) return done(oauthError('invalid_request', `${key} is repeated.`));
      seen.add(key);
    }
    // fromEntries defines own properties, so a `__proto__` parameter is just a parameter.
    done(null, Object.fromEntries(params));
  });
}
