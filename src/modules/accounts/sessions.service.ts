/**
 * Server-side sessions. The browser holds a random id in an HttpOnly cookie; the database
 * holds only its SHA-256 hash. A session ends at its absolute lifetime, after the idle
 * timeout, or when revoked.
 *
 * A verified session is cached for `cacheTtlMs` (default 5 s): a busy page costs no database
 * round trip per request. Revoking on this instance evicts at once; other instances stop
 * accepting the session when their cached copy expires, so revocation takes effect
 * everywhere within `cacheTtlMs`.
 */
import type { AuthContext } from '../auth/authenticate.js';
import { hashToken, randomToken } from '../auth/tokens.js';
import { TtlCache } from '../auth/ttl-cache.js';
import type { AccountsRepository, SessionRow } from './accounts.repository.js';
import { scopes } from '../../http/access.js';

/** lastSeenAt is written at most this often per session (idle timeout needs no finer grain). */
const TOUCH_EVERY_MS = 60_000;

export interface SessionSettings {
  idleMs: number;
  maxAgeMs: number;
  cacheTtlMs: number;
  now?: () => number;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

interface Cached {
  auth: AuthContext;
  session: SessionRow;
}

export function createSessionsService(repository: AccountsRepository, settings: SessionSettings) {
  const now = settings.now ?? Date.now;
  const cache = new TtlCache<Cached | null>(settings.cacheTtlMs, 10_000, now);

  const isLive = (session: SessionRow, at: number) =>
    session.revokedAt === null &&
    session.expiresAt.getTime() > at &&
    session.lastSeenAt.getTime() + settings.idleMs > at;

  return {
    /** Starts a session; returns the cookie value (shown to the browser only). */
    async create(userId: string, client: ClientInfo, tx: AccountsRepository = repository) {
      const token = randomToken();
      const at = new Date(now());
      const session = await tx.insertSession({
        userId,
        tokenHash: hashToken(token),
        csrfToken: randomToken(),
        createdAt: at,
        authenticatedAt: at,
        lastSeenAt: at,
        expiresAt: new Date(at.getTime() + settings.maxAgeMs),
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 512) ?? null,
      });
      return { token, session };
    },

    /** The session behind a cookie value, or null. */
    async authenticate(token: string): Promise<AuthContext | null> {
      const key = hashToken(token);
      const at = now();
      let entry = cache.get(key);
      if (entry === undefined) {
        const row = await repository.sessionWithUser(key);
        entry = row
          ? {
              session: row.session,
              auth: {
                userId: row.session.userId,
                role: row.role,
                via: 'session',
                scopes,
                credentialId: row.session.id,
                csrfToken: row.session.csrfToken,
                authenticatedAt: row.session.authenticatedAt,
              },
            }
          : null;
        cache.set(key, entry);
      }
      if (!entry || !isLive(entry.session, at)) return null;
      if (at - entry.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        entry.session.lastSeenAt = new Date(at);
        await repository.touchSession(entry.session.id, entry.session.lastSeenAt);
      }
      return entry.auth;
    },

    async list(userId: string) {
      const at = now();
      const rows = await repository.liveSessions(userId, new Date(at));
      return rows.filter((s) => isLive(s, at));
    },

    /** Forgets cached copies of these sessions on this instance. */
    evict(sessionIds: readonly string[]): void {
      const ids = new Set(sessionIds);
      cache.deleteWhere((entry) => entry !== null && ids.has(entry.session.id));
    },
  };
}
export type SessionsService = ReturnType<typeof createSessionsService>;
