/**
 * External sign-in (OpenID Connect) as the fixture has it: switched off, with no provider, so
 * nothing is ever linked; the pages still get the answers they ask for.
 */
import { Problem, send, type Route } from './http.js';
import { auth } from './sessions.js';

export const identityRoutes: Route[] = [
  [
    'GET',
    /^\/api\/v1\/me\/identities$/,
    (req, res) => {
      auth(req);
      send(res, 200, { identities: [] });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/identities\/([^/]+)$/,
    (req) => {
      auth(req);
      throw new Problem(404, 'Not Found', 'There is no such identity.');
    },
  ],
  ['GET', /^\/api\/v1\/auth\/oidc$/, (_req, res) => send(res, 200, { enabled: false, name: '' })],
];
