/**
 * Enforces each route's declared access (src/http/access.ts) before the handler runs, and
 * puts who is calling on `request.auth`. Public routes get no hook at all, so reading a
 * roadmap pays nothing for accounts.
 *
 * Credentials, in order: `Authorization: Bearer` (a personal access token or a JWT access
 * token), else the session cookie. A cookie-authenticated request that changes state must
 * carry the session's CSRF token in `X-CSRF-Token` (synchronizer token pattern).
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Credential, ProtectedAccess, Role, Scope } from '../../http/access.js';
import { AppError } from '../../http/errors.js';
import { safeEqual } from './tokens.js';

export interface AuthContext {
  userId: string;
  role: Role;
  via: Credential;
  scopes: readonly Scope[];
  /** Session id (cookie), or the token family / PAT id (bearer). */
  credentialId: string;
  /** Sessions only: the CSRF token and when the user last proved who they are. */
  csrfToken?: string;
  authenticatedAt?: Date;
}

export interface Authenticators {
  /** Resolves a session cookie value; null when unknown, expired or revoked. */
  session(token: string): Promise<AuthContext | null>;
  /** Resolves a bearer token (PAT or JWT); null when invalid. */
  bearer(token: string): Promise<AuthContext | null>;
}

export const SESSION_COOKIE = 'waymark_session';
/** How recently a session must have signed in for `fresh` routes. */
export const FRESH_SIGN_IN_MS = 10 * 60 * 1000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** Who is calling, if anyone, without requiring it (public routes that adapt). */
    identify(request: FastifyRequest): Promise<AuthContext | null>;
  }
}

const challenge = (error?: string) =>
  error ? `Bearer realm="waymark", error="${error}"` : 'Bearer realm="waymark"';

function bearerToken(request: FastifyRequest): string | null | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

export function sessionCookieValue(app: FastifyInstance, request: FastifyRequest): string | null {
  // @fastify/cookie has parsed the header already where it is registered (the personal
  // scope); elsewhere, parse it here.
  if (request.cookies) return request.cookies[SESSION_COOKIE] ?? null;
  const header = request.headers.cookie;
  if (!header) return null;
  return app.parseCookie(header)[SESSION_COOKIE] ?? null;
}

export function checkAccess(
  access: ProtectedAccess,
  auth: AuthContext,
  request: FastifyRequest,
  now = Date.now(),
): void {
  if (access.via && !access.via.includes(auth.via)) {
    throw new AppError('forbidden', 'This action needs a signed-in browser session.');
  }
  if (auth.via === 'session' && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !auth.csrfToken || !safeEqual(sent, auth.csrfToken)) {
      throw new AppError(
        'csrf_failed',
        'The X-CSRF-Token header is missing or does not match this session; reload the page.',
      );
    }
  }
  if (access.role === 'admin' && auth.role !== 'admin') {
    throw new AppError('forbidden', 'Only administrators may do this.');
  }
  const missing = (access.scopes ?? []).filter((s) => !auth.scopes.includes(s));
  if (missing.length > 0) {
    throw new AppError(
      'insufficient_scope',
      `This token lacks the scope(s): ${missing.join(', ')}.`,
      { requiredScopes: missing },
      {
        'www-authenticate': `${challenge('insufficient_scope')}, scope="${missing.join(' ')}"`,
      },
    );
  }
  if (access.fresh) {
    const at = auth.authenticatedAt?.getTime() ?? 0;
    if (auth.via !== 'session' || now - at > FRESH_SIGN_IN_MS) {
      throw new AppError(
        'reauthentication_required',
        'For this change, sign in again first (your last sign-in was too long ago).',
      );
    }
  }
}

export const authentication = fp(
  async (app: FastifyInstance, { authenticators }: { authenticators: Authenticators }) => {
    app.decorateRequest('auth', null);

    async function identify(request: FastifyRequest): Promise<AuthContext | null> {
      const bearer = bearerToken(request);
      if (bearer === null) {
        throw new AppError(
          'unauthorized',
          'The Authorization header must be "Bearer <token>".',
          {},
          { 'www-authenticate': challenge('invalid_request') },
        );
      }
      if (bearer !== undefined) {
        const auth = await authenticators.bearer(bearer);
        if (!auth) {
          throw new AppError(
            'unauthorized',
            'The bearer token is invalid, expired or revoked.',
            {},
            { 'www-authenticate': challenge('invalid_token') },
          );
        }
        return auth;
      }
      const cookie = sessionCookieValue(app, request);
      return cookie ? authenticators.session(cookie) : null;
    }
    app.decorate('identify', identify);

    const enforce =
      (access: ProtectedAccess): onRequestHookHandler =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const auth = await identify(request);
        if (!auth) {
          // A stale cookie is cleared so the browser stops sending it.
          if (sessionCookieValue(app, request)) reply.clearCookie(SESSION_COOKIE, { path: '/' });
          throw new AppError(
            'unauthorized',
            'Sign in first: this needs a session or a bearer token.',
            {},
            { 'www-authenticate': challenge() },
          );
        }
        checkAccess(access, auth, request);
        request.auth = auth;
      };

    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      if (access === undefined || access === 'public') return;
      const existing = route.onRequest ? [route.onRequest].flat() : [];
      route.onRequest = [enforce(access), ...existing];
    });
  },
  { name: 'authentication', dependencies: ['@fastify/cookie'] },
);
