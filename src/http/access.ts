/**
 * Authorization is declared on every route (`config.access`): either public, or what the
 * caller must be. src/modules/auth/authenticate.ts enforces the declaration before the
 * handler runs; a test lists all routes and fails on any route that declares nothing, so a
 * new route cannot be exposed by accident.
 */

/** What a bearer token may be limited to. A browser session holds every scope. */
export const scopes = ['profile:read', 'progress:read', 'progress:write'] as const;
export type Scope = (typeof scopes)[number];

export type Role = 'member' | 'admin';

/** How a request proved who it is. */
export type Credential = 'session' | 'pat' | 'jwt';

export interface ProtectedAccess {
  /** A signed-in user is required. */
  user: true;
  /** Only this role (admins pass every role check). */
  role?: Role;
  /** Scopes a bearer token must hold. */
  scopes?: readonly Scope[];
  /** Which credentials may be used; account management is for browser sessions only. */
  via?: readonly Credential[];
  /** The session must have proved its user (password, MFA) within the last few minutes. */
  fresh?: boolean;
}

export type Access = 'public' | ProtectedAccess;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export const publicRoute = { access: 'public' } as const;

/** Route config for a protected route. */
export const requires = (access: Omit<ProtectedAccess, 'user'> = {}) =>
  ({ access: { user: true, ...access } }) as const;

/** Short text for route listings and docs, e.g. "user(session; fresh)". */
export function describeAccess(access: Access | undefined): string | undefined {
  if (access === undefined || access === 'public') return access;
  const parts = [
    access.role,
    access.scopes?.join(' '),
    access.via?.join('|'),
    access.fresh ? 'fresh' : undefined,
  ].filter(Boolean);
  return parts.length ? `user(${parts.join('; ')})` : 'user';
}
