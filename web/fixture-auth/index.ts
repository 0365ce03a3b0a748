/**
 * Development only (WAYMARK_FIXTURES=1): an in-memory stand-in for the accounts API, so that
 * the account pages can be built and browser-tested without the server. Good enough to click
 * through; not a reference implementation (no hashing, no limits). Also answers
 * `GET /dev/mailbox/messages?to=` like the server's dev mailbox.
 *
 * One file per concern beside this one: the state (store), HTTP plumbing (http), sessions with
 * CSRF and freshness (sessions), two-factor codes (totp), the mailbox, and the routes by area.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountRoutes } from './account-routes.js';
import { deviceRoutes } from './device-routes.js';
import { Problem, readJson, type Route } from './http.js';
import { identityRoutes } from './identity-routes.js';
import { mailboxRoutes } from './mailbox.js';
import { mfaRoutes } from './mfa-routes.js';
import { signInRoutes } from './sign-in-routes.js';
import { tokenRoutes } from './token-routes.js';

// Patterns are anchored and never overlap, so the order only decides which is tried first.
const routes: Route[] = [
  ...signInRoutes,
  ...accountRoutes,
  ...mfaRoutes,
  ...tokenRoutes,
  ...deviceRoutes,
  ...identityRoutes,
  ...mailboxRoutes,
];

/** Answers the accounts API; calls `next` for anything else. */
export function authFixtures(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const route = routes.find(([method, pattern]) => method === req.method && pattern.test(path));
  if (!route) return next();
  const param = decodeURIComponent(route[1].exec(path)?.[1] ?? '');
  (async () => {
    const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readJson(req);
    await route[2](req, res, body, param);
  })().catch((e: unknown) => {
    const p =
      e instanceof Problem ? e : new Problem(500, 'Internal Server Error', 'Something broke.');
    if (!(e instanceof Problem)) console.error(e);
    res.statusCode = p.status;
    res.setHeader('content-type', 'application/problem+json');
    res.end(
      JSON.stringify({
        type: p.type,
        title: p.title,
        status: p.status,
        detail: p.detail,
        instance: path,
        ...p.extra,
      }),
    );
  });
}
