/**
 * The session cookie as every sign-in sets it (password, second factor, external provider):
 * HttpOnly so page scripts cannot read it, SameSite=Lax so other sites cannot send it with
 * their forms, Secure over HTTPS, and no longer-lived than the session itself.
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/authenticate.js';

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  sessionToken: string,
  sessionMaxAgeMs: number,
): void {
  reply.setCookie(SESSION_COOKIE, sessionToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: Math.floor(sessionMaxAgeMs / 1000),
  });
}
