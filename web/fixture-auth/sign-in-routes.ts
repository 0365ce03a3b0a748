/**
 * Signed-out routes under /api/v1/auth: sign-up and email verification, sign-in (with its
 * second step when two-factor is on), sign-out, the current session, and the password reset.
 */
import { randomUUID } from 'node:crypto';
import { mail } from './mailbox.js';
import { checkPassword } from './passwords.js';
import { Problem, send, str, TAG, type Route } from './http.js';
import { cookieSession, publicUser, startSession } from './sessions.js';
import {
  mfaTokens,
  now,
  oneTimeTokens,
  sessions,
  token,
  userById,
  users,
  type User,
} from './store.js';
import { checkSecondFactor } from './totp.js';

export const signInRoutes: Route[] = [
  [
    'POST',
    /^\/api\/v1\/auth\/signup$/,
    (req, res, body) => {
      const email = str(body, 'email').trim().toLowerCase();
      const password = str(body, 'password');
      const displayName = str(body, 'displayName', true).trim() || null;
      if (!/^[^\s@]+@[^\s@]+$/.test(email))
        throw new Problem(400, 'Bad Request', 'The request is not valid.', 'about:blank', {
          errors: [{ field: 'email', message: 'Enter a valid email address.' }],
        });
      checkPassword(password, 'password');
      if (!users.has(email)) {
        const user: User = {
          id: randomUUID(),
          email,
          displayName,
          password,
          emailVerified: false,
          createdAt: now(),
          mfaSecret: null,
          pendingSecret: null,
          recoveryCodes: [],
          lastTotpStep: 0,
        };
        users.set(email, user);
        const t = token();
        oneTimeTokens.set(t, { kind: 'verify', userId: user.id });
        mail(req, email, 'Confirm your email', `/verify-email?token=${t}`, 'Confirm your email:');
      } else {
        mail(req, email, 'Someone tried to sign up', '/signin', 'You already have an account.');
      }
      send(res, 202, { message: 'Check your inbox for a link to confirm your email address.' });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/verify-email$/,
    (_req, res, body) => {
      const t = oneTimeTokens.get(str(body, 'token'));
      if (!t || t.kind !== 'verify')
        throw new Problem(400, 'Invalid token', 'This link is not valid.', `${TAG}invalid-token`);
      oneTimeTokens.delete(str(body, 'token'));
      userById(t.userId).emailVerified = true;
      send(res, 204);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/verify-email\/resend$/,
    (req, res, body) => {
      const user = users.get(str(body, 'email').trim().toLowerCase());
      if (user && !user.emailVerified) {
        const t = token();
        oneTimeTokens.set(t, { kind: 'verify', userId: user.id });
        mail(req, user.email, 'Confirm your email', `/verify-email?token=${t}`, 'Confirm:');
      }
      send(res, 202, { message: 'If that account needs it, a new link is on its way.' });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/login$/,
    (req, res, body) => {
      const user = users.get(str(body, 'email').trim().toLowerCase());
      if (!user || user.password !== str(body, 'password'))
        throw new Problem(401, 'Unauthorized', 'The email or password is wrong.');
      if (!user.emailVerified)
        throw new Problem(
          403,
          'Email not verified',
          'Confirm your email address first: open the link we sent you.',
          `${TAG}email-not-verified`,
        );
      if (user.mfaSecret) {
        const t = token();
        mfaTokens.set(t, user.id);
        return send(res, 200, { status: 'mfa_required', mfaToken: t });
      }
      startSession(req, res, user);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/login\/mfa$/,
    (req, res, body) => {
      const userId = mfaTokens.get(str(body, 'mfaToken'));
      const user = userId ? userById(userId) : null;
      if (!user || !checkSecondFactor(user, str(body, 'code').trim()))
        throw new Problem(401, 'Unauthorized', 'That code is not right.');
      mfaTokens.delete(str(body, 'mfaToken'));
      startSession(req, res, user);
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/logout$/,
    (req, res) => {
      const s = cookieSession(req);
      if (s) sessions.delete(s.id);
      res.setHeader('set-cookie', 'waymark_session=; Max-Age=0; Path=/');
      send(res, 204);
    },
  ],
  [
    'GET',
    /^\/api\/v1\/auth\/session$/,
    (req, res) => {
      const s = cookieSession(req);
      if (!s) return send(res, 200, { user: null });
      send(res, 200, {
        user: publicUser(userById(s.userId)),
        csrfToken: s.csrfToken,
        sessionId: s.id,
      });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/password\/forgot$/,
    (req, res, body) => {
      const user = users.get(str(body, 'email').trim().toLowerCase());
      if (user) {
        const t = token();
        oneTimeTokens.set(t, { kind: 'reset', userId: user.id });
        mail(req, user.email, 'Reset your password', `/reset-password?token=${t}`, 'Reset:');
      }
      send(res, 202, { message: 'If an account exists, we sent a link.' });
    },
  ],
  [
    'POST',
    /^\/api\/v1\/auth\/password\/reset$/,
    (_req, res, body) => {
      const key = str(body, 'token');
      const t = oneTimeTokens.get(key);
      if (!t || t.kind !== 'reset')
        throw new Problem(400, 'Invalid token', 'This link is not valid.', `${TAG}invalid-token`);
      const user = userById(t.userId);
      const password = str(body, 'password');
      checkPassword(password, 'password');
      const code = str(body, 'code', true).trim();
      if (user.mfaSecret && !code)
        throw new Problem(400, 'Code required', 'Enter a two-factor code.', `${TAG}mfa-required`);
      if (!checkSecondFactor(user, code))
        throw new Problem(401, 'Unauthorized', 'That code is not right.');
      oneTimeTokens.delete(key);
      user.password = password;
      // A reset signs every session out, as the server's does.
      for (const [id, s] of sessions) if (s.userId === user.id) sessions.delete(id);
      send(res, 204);
    },
  ],
];
