/**
 * The public view of a user (`GET /me`, the session state), cached like credentials are: for
 * `ttlMs` (AUTH_CACHE_TTL_MS, 5 s by default), so an authenticated request that shows who is
 * signed in costs no database round trip. Every change made through the accounts services
 * forgets the copy on this instance at once; other instances see it within `ttlMs`.
 */
import { TtlCache } from '../auth/ttl-cache.js';
import type { AccountsRepository, UserRow } from './accounts.repository.js';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: 'member' | 'admin';
  emailVerified: boolean;
  mfaEnabled: boolean;
  createdAt: string;
}

export const toUserView = (user: UserRow): UserView => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  emailVerified: user.emailVerifiedAt !== null,
  mfaEnabled: user.totpEnabledAt !== null,
  createdAt: user.createdAt.toISOString(),
});

export function createUserViews(repository: AccountsRepository, ttlMs: number) {
  const cache = new TtlCache<UserView>(ttlMs);
  return {
    /** The view, or undefined when the user does not exist (any more). */
    async get(userId: string): Promise<UserView | undefined> {
      const cached = cache.get(userId);
      if (cached) return cached;
      const user = await repository.userById(userId);
      if (!user) return undefined;
      const view = toUserView(user);
      cache.set(userId, view);
      return view;
    },
    forget(userId: string): void {
      cache.delete(userId);
    },
  };
}
export type UserViews = ReturnType<typeof createUserViews>;
