/**
 * Cookie sessions with the contract's rules: every request but a GET carries the session's
 * CSRF token, and sensitive changes need a sign-in from the last ten minutes.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Problem, send, TAG } from './http.js';
import { now, sessions, token, userById, type Session, type User } from './store.js';

const FRESH_MS = 10 * 60_000;
export const SESSION_DAYS = 30;

/** A user as the API shows it. */
export const publicUser = (u: User) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: 'user',
  emailVerified: u.emailVerified,
  mfaEnabled: u.mfaSecret !== null,
  createdAt: u.createdAt,
});

/** The request's session, if its cookie names one; marks it seen. */
export function cookieSession(req: IncomingMessage): Session | null {
  const match = /(?:^|;\s*)waymark_session=([^;]+)/.exec(req.headers.cookie ?? '');
  const s = match ? sessions.get(match[1]!) : undefined;
  if (!s) return null;
  s.lastSeenAt = now();
  return s;
}

/** Signs the user in: a new session, its cookie, and the sign-in's answer. */
export function startSession(req: IncomingMessage, res: ServerResponse, user: User): void {
  const s: Session = {
    id: randomUUID(),
    userId: user.id,
    csrfToken: token(),
    createdAt: now(),
    lastSeenAt: now(),
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString(),
    signedInAt: Date.now(),
    ip: req.socket.remoteAddress ?? null,
    userAgent: req.headers['user-agent'] ?? null,
  };
  sessions.set(s.id, s);
  res.setHeader('set-cookie', `waymark_session=${s.id}; HttpOnly; SameSite=Lax; Path=/`);
  send(res, 200, { status: 'signed_in', user: publicUser(user), csrfToken: s.csrfToken });
}

/** The signed-in user, with the contract's CSRF and freshness rules. */
export function auth(req: IncomingMessage, fresh = false): { user: User; session: Session } {
  const session = cookieSession(req);
  if (!session) throw new Problem(401, 'Unauthorized', 'Sign in to continue.');
  if (req.method !== 'GET' && req.headers['x-csrf-token'] !== session.csrfToken)
    throw new Problem(403, 'Forbidden', 'The CSRF token is missing or wrong.', `${TAG}csrf-failed`);
  if (fresh && Date.now() - session.signedInAt > FRESH_MS)
    throw new Problem(
      403,
      'Reauthentication required',
      'Sign in again to do this.',
      `${TAG}reauthentication-required`,
    );
  return { user: userById(session.userId), session };
}
