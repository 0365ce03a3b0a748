/**
 * The accounts API: sign-up, verification, sign-in (with MFA), sign-out and password
 * recovery under /auth; one's own account under /me. Routes validate, call the service and
 * set or clear the session cookie.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ProblemSchema } from '../../http/problem.js';
import { keyedLimiter } from '../../http/rate-limit.js';
import { SESSION_COOKIE, sessionCookieValue } from '../auth/authenticate.js';
import * as s from './accounts.schemas.js';
import { accountsPolicy as policy } from './accounts.policy.js';
import type { AccountsService, SignInResult } from './accounts.service.js';
import { setSessionCookie } from './session-cookie.js';
import type { ClientInfo, SessionsService } from './sessions.service.js';

export interface AccountsRoutesOptions {
  accounts: AccountsService;
  sessions: SessionsService;
  sessionMaxAgeMs: number;
}

export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
export const noContent = { 204: Type.Null({ description: 'Done.' }) };
const ACCEPTED =
  'If the address can receive mail from us, a message is on its way. Check your inbox.';

export const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

export const accountsRoutes: FastifyPluginAsyncTypebox<AccountsRoutesOptions> = async (
  app,
  { accounts, sessions, sessionMaxAgeMs },
) => {
  const perAccountLogin = keyedLimiter(app, { name: 'login', max: 30, timeWindow: '15 minutes' });
  const perAccountMail = keyedLimiter(app, { name: 'mail', max: 3, timeWindow: '15 minutes' });

  async function signedIn(request: FastifyRequest, reply: FastifyReply, result: SignInResult) {
    if (result.status !== 'signed_in') return result;
    // Signing in again in the same browser replaces the session it had, rather than leaving
    // it alive and listed with no cookie pointing at it.
    const previous = sessionCookieValue(app, request);
    const old = previous ? await sessions.authenticate(previous) : null;
    if (old) await accounts.signOut(old.credentialId, old.userId, clientOf(request));
    setSessionCookie(request, reply, result.sessionToken, sessionMaxAgeMs);
    return { status: result.status, user: result.user, csrfToken: result.csrfToken };
  }
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
  const me = (request: FastifyRequest) => request.auth!;

  app.post(
    '/auth/signup',
    {
      config: policy.signup,
      schema: {
        operationId: 'signUp',
        tags: ['accounts'],
        summary: 'Create an account',
        description:
          'Answers 202 whether or not the address is registered; a verification link is ' +
          'mailed to new addresses. Passwords: 8 to 256 characters, not a common password.',
        body: s.SignupBody,
        response: { 202: s.Accepted, ...problems(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      await perAccountMail(request, request.body.email.trim().toLowerCase());
      await accounts.signup(request.body, clientOf(request));
      return reply.code(202).send({ message: ACCEPTED });
    },
  );

  app.post(
    '/auth/verify-email',
    {
      config: policy.verifyEmail,
      schema: {
        operationId: 'verifyEmail',
        tags: ['accounts'],
        summary: 'Confirm an email address with the mailed token',
        body: s.TokenBody,
        response: { ...noContent, ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await accounts.verifyEmail(request.body.token, clientOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/verify-email/resend',
    {
      config: policy.resendVerification,
      schema: {
        operationId: 'resendVerification',
        tags: ['accounts'],
        summary: 'Send the verification link again',
        body: s.EmailBody,
        response: { 202: s.Accepted, ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await perAccountMail(request, request.body.email.trim().toLowerCase());
      await accounts.resendVerification(request.body.email);
      return reply.code(202).send({ message: ACCEPTED });
    },
  );

  app.post(
    '/auth/login',
    {
      config: policy.login,
      schema: {
        operationId: 'signIn',
        tags: ['accounts'],
        summary: 'Sign in with email and password',
        description:
          'Sets the session cookie, or answers `mfa_required` with a token for the second ' +
          'step. After too many failures for an address, answers 429 for a while.',
        body: s.LoginBody,
        response: { 200: s.LoginResult, ...problems(400, 401, 403, 429, 503) },
      },
    },
    async (request, reply) => {
      await perAccountLogin(request, request.body.email.trim().toLowerCase());
      const result = await accounts.signIn(request.body, clientOf(request));
      return noStore(reply).send(await signedIn(request, reply, result));
    },
  );

  app.post(
    '/auth/login/mfa',
    {
      config: policy.loginMfa,
      schema: {
        operationId: 'signInSecondFactor',
        tags: ['accounts'],
        summary: 'Finish signing in with a TOTP or recovery code',
        body: s.MfaLoginBody,
        response: { 200: s.SignedIn, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const result = await accounts.completeMfaSignIn(request.body, clientOf(request));
      return noStore(reply).send(await signedIn(request, reply, result));
    },
  );

  app.post(
    '/auth/logout',
    {
      config: policy.logout,
      schema: {
        operationId: 'signOut',
        tags: ['accounts'],
        summary: 'End this session',
        response: { ...noContent, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const auth = me(request);
      await accounts.signOut(auth.credentialId, auth.userId, clientOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: policy.session,
      schema: {
        operationId: 'getSession',
        tags: ['accounts'],
        summary: 'Who is signed in in this browser, and this session’s CSRF token',
        description:
          'Always 200: `{"user": null}` when no valid session cookie came with the request ' +
          '(a stale cookie is cleared).',
        response: { 200: s.SessionState },
      },
    },
    async (request, reply) => {
      const token = sessionCookieValue(app, request);
      const auth = token ? await sessions.authenticate(token) : null;
      noStore(reply);
      if (!auth) {
        if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.send({ user: null });
      }
      return reply.send({
        user: await accounts.me(auth.userId),
        csrfToken: auth.csrfToken!,
        sessionId: auth.credentialId,
      });
    },
  );

  app.post(
    '/auth/password/forgot',
    {
      config: policy.forgotPassword,
      schema: {
        operationId: 'forgotPassword',
        tags: ['accounts'],
        summary: 'Mail a password reset link',
        description: 'Answers 202 whether or not the address is registered.',
        body: s.EmailBody,
        response: { 202: s.Accepted, ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      await perAccountMail(request, request.body.email.trim().toLowerCase());
      await accounts.forgotPassword(request.body.email, clientOf(request));
      return reply.code(202).send({ message: ACCEPTED });
    },
  );

  app.post(
    '/auth/password/reset',
    {
      config: policy.resetPassword,
      schema: {
        operationId: 'resetPassword',
        tags: ['accounts'],
        summary: 'Set a new password with the mailed token',
        description:
          'When the account has two-factor authentication, `code` is required too. Every ' +
          'session of the account ends.',
        body: s.ResetBody,
        response: { ...noContent, ...problems(400, 401, 429) },
      },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.body, clientOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: policy.me,
      schema: {
        operationId: 'getMe',
        tags: ['accounts'],
        summary: 'The signed-in user',
        response: { 200: s.User, ...problems(401, 403) },
      },
    },
    async (request, reply) => noStore(reply).send(await accounts.me(me(request).userId)),
  );

  app.post(
    '/me/password',
    {
      config: policy.changePassword,
      schema: {
        operationId: 'changePassword',
        tags: ['accounts'],
        summary: 'Change the password (other sessions end)',
        body: s.ChangePasswordBody,
        response: { ...noContent, ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const auth = me(request);
      await accounts.changePassword(
        auth.userId,
        auth.credentialId,
        request.body,
        clientOf(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/sessions',
    {
      config: policy.listSessions,
      schema: {
        operationId: 'listSessions',
        tags: ['accounts'],
        summary: 'Where the account is signed in',
        response: { 200: s.SessionList, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const auth = me(request);
      const rows = await sessions.list(auth.userId);
      return noStore(reply).send({
        sessions: rows.map((row) => ({
          id: row.id,
          current: row.id === auth.credentialId,
          createdAt: row.createdAt.toISOString(),
          lastSeenAt: row.lastSeenAt.toISOString(),
          expiresAt: row.expiresAt.toISOString(),
          ip: row.ip,
          userAgent: row.userAgent,
        })),
      });
    },
  );

  app.delete(
    '/me/sessions/:id',
    {
      config: policy.revokeSession,
      schema: {
        operationId: 'revokeSession',
        tags: ['accounts'],
        summary: 'Sign a session out',
        params: s.SessionIdParams,
        response: { ...noContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const auth = me(request);
      await accounts.revokeSession(auth.userId, request.params.id, clientOf(request));
      if (request.params.id === auth.credentialId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
