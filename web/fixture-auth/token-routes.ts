/**
 * Personal access tokens under /api/v1/me/tokens. The secret is shown once, on creation;
 * listings show only its prefix.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Problem, send, str, type Route } from './http.js';
import { auth } from './sessions.js';
import { now, pats, type Pat } from './store.js';

const patMeta = (p: Pat) => ({
  id: p.id,
  name: p.name,
  prefix: p.prefix,
  scopes: p.scopes,
  createdAt: p.createdAt,
  expiresAt: p.expiresAt,
  lastUsedAt: p.lastUsedAt,
});

export const tokenRoutes: Route[] = [
  [
    'GET',
    /^\/api\/v1\/me\/tokens$/,
    (req, res) => {
      const { user } = auth(req);
      const tokens = [...pats.values()].filter((p) => p.userId === user.id);
      send(res, 200, { tokens: tokens.map(patMeta) });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/me\/tokens$/,
    (req, res, body) => {
      const { user } = auth(req);
      const days = body.expiresInDays;
      const scopes = body.scopes;
      if (![7, 30, 90, 365].includes(days as number) || !Array.isArray(scopes) || !scopes.length)
        throw new Problem(400, 'Bad Request', 'The request is not valid.');
      const secret = `wm_pat_${randomBytes(24).toString('base64url')}`;
      const pat: Pat = {
        id: randomUUID(),
        userId: user.id,
        name: str(body, 'name'),
        prefix: secret.slice(0, 12),
        scopes: scopes as string[],
        createdAt: now(),
        expiresAt: new Date(Date.now() + (days as number) * 86_400_000).toISOString(),
        lastUsedAt: null,
      };
      pats.set(pat.id, pat);
      send(res, 201, { token: secret, ...patMeta(pat) });
    },
  ],
  [
    'DELETE',
    /^\/api\/v1\/me\/tokens\/([^/]+)$/,
    (req, res, _body, id) => {
      const { user } = auth(req);
      if (pats.get(id)?.userId !== user.id) throw new Problem(404, 'Not Found', 'No such token.');
      pats.delete(id);
      send(res, 204);
    },
  ],
];
