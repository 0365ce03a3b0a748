/**
 * Resolves `Authorization: Bearer` tokens for authenticate.ts: a personal access token
 * (`wm_pat_...`) by the hash of the token, anything else as a JWT access token whose token
 * family must still be live.
 *
 * Results, good and bad, are cached for `cacheTtlMs` (never past the credential's own expiry)
 * so a hot token costs no database round trip. That bounds how long a revocation made on
 * another instance takes to bite; revoking through this instance calls `evict`, which takes
 * effect at once.
 */
import type { Role, Scope } from '../../http/access.js';
import type { VerifiedAccessToken } from './access-tokens.js';
import type { AuthContext, Authenticators } from './authenticate.js';
import { hashToken } from './tokens.js';
import { TtlCache } from './ttl-cache.js';

/** Personal access tokens start with this, so people and secret scanners can tell them apart. */
export const PAT_PREFIX = 'wm_pat_';

export interface ResolvedPat {
  id: string;
  userId: string;
  role: Role;
  scopes: Scope[];
  expiresAt: Date;
}

export interface PatResolver {
  /** A live (unexpired, unrevoked) token, or null. */
  resolve(token: string): Promise<ResolvedPat | null>;
}

export interface FamilyResolver {
  /** A live (unexpired, unrevoked) token family with its user's role, or null. */
  activeFamily(familyId: string): Promise<{ userId: string; role: Role } | null>;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<VerifiedAccessToken | null>;
}

export interface BearerAuthenticatorOptions {
  pats: PatResolver;
  accessTokens: AccessTokenVerifier;
  families: FamilyResolver;
  cacheTtlMs: number;
  maxEntries?: number;
  now?: () => number;
}

interface Cached {
  auth: AuthContext | null;
  /** The credential's own end (token expiry): a cached answer never outlives it. */
  validUntil: number;
}

export function createBearerAuthenticator({
  pats,
  accessTokens,
  families,
  cacheTtlMs,
  maxEntries = 10_000,
  now = Date.now,
}: BearerAuthenticatorOptions) {
  // Keyed by the token's hash, so the cache holds no usable secret.
  const cache = new TtlCache<Cached>(cacheTtlMs, maxEntries, now);

  async function resolvePat(token: string): Promise<Cached> {
    const pat = await pats.resolve(token);
    if (!pat) return { auth: null, validUntil: Number.POSITIVE_INFINITY };
    return {
      auth: {
        userId: pat.userId,
        role: pat.role,
        via: 'pat',
        scopes: pat.scopes,
        credentialId: pat.id,
      },
      validUntil: pat.expiresAt.getTime(),
    };
  }

  async function resolveJwt(token: string): Promise<Cached> {
    const refused = { auth: null, validUntil: Number.POSITIVE_INFINITY };
    const claims = await accessTokens.verify(token);
    if (!claims) return refused;
    const family = await families.activeFamily(claims.familyId);
    if (!family || family.userId !== claims.userId) return refused;
    return {
      auth: {
        userId: claims.userId,
        role: family.role,
        via: 'jwt',
        scopes: claims.scopes,
        credentialId: claims.familyId,
      },
      validUntil: claims.expiresAt,
    };
  }

  const bearer: Authenticators['bearer'] = async (token) => {
    const key = hashToken(token);
    const hit = cache.get(key);
    if (hit && hit.validUntil > now()) return hit.auth;
    const resolved = token.startsWith(PAT_PREFIX)
      ? await resolvePat(token)
      : await resolveJwt(token);
    cache.set(key, resolved);
    return resolved.auth;
  };

  return {
    bearer,

    /** Forgets every cached answer for a credential (a PAT id or a token family id). */
    evict(credentialId: string): void {
      cache.deleteWhere((entry) => entry.auth?.credentialId === credentialId);
    },

    /** Forgets every cached answer for a user (role changed, account deleted). */
    evictUser(userId: string): void {
      cache.deleteWhere((entry) => entry.auth?.userId === userId);
    },

    get size(): number {
      return cache.size;
    },
  };
}

export type BearerAuthenticator = ReturnType<typeof createBearerAuthenticator>;
