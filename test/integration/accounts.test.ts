/**
 * Accounts through the HTTP API on every database: sign-up without account enumeration,
 * verification, sign-in and the session cookie, CSRF, sessions, password change and reset.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/schema.js';
import {
  asSession,
  type Body,
  createUser,
  latestMail,
  sessionCookieOf,
  signIn,
  tokenIn,
  uniqueEmail,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const PROBLEM = /^application\/problem\+json/;
const type = (code: string) => `tag:waymark.dev,2026:problems/${code}`;
let ipCounter = 0;
/** A client address of its own per call site, so per-IP rate limits do not interfere. */
const nextIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

describe.each(databaseTargets)('accounts on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  const post = (
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
    ip = nextIp(),
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload: payload as object,
      headers,
      remoteAddress: ip,
    });
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

  describe('sign-up', () => {
    it('answers the same for a new and a registered address, and mails each owner', async () => {
      const email = uniqueEmail('new');
      const first = await post('/auth/signup', { email, password: 'a fine passphrase' });
      const again = await post('/auth/signup', {
        email: email.toUpperCase(),
        password: 'another passphrase',
      });
      expect(first.statusCode).toBe(202);
      expect(again.statusCode).toBe(202);
      expect(again.body).toBe(first.body);
      expect((await latestMail(t, email, /confirm|verify/i)).text).toMatch(
        /\/verify-email\?token=/,
      );
      const warning = await latestMail(t, email, /sign ?up|account/i);
      expect(warning.text).not.toMatch(/verify-email\?token=/);
    });

    it('refuses weak passwords with a field error, and creates nothing', async () => {
      const email = uniqueEmail('weak');
      for (const password of ['short', 'password123', email]) {
        const res = await post('/auth/signup', { email, password });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.json<Body>().errors[0]!.field).toBe('password');
      }
      const login = await post('/auth/login', { email, password: 'short' });
      expect(login.statusCode).toBe(401);
    });

    it('refuses unknown properties (no mass assignment of role or verification)', async () => {
      const res = await post('/auth/signup', {
        email: uniqueEmail(),
        password: 'a fine passphrase',
        role: 'admin',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<Body>().errors).toEqual([expect.objectContaining({ field: 'body.role' })]);
    });

    it('refuses malformed JSON, wrong media types and oversized bodies', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":',
      });
      expect(bad.statusCode).toBe(400);
      const form = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=a@b.c&password=x',
      });
      expect(form.statusCode).toBe(415);
      // A cross-site form can send text/plain without a preflight: refused too (login CSRF).
      const plain = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: '{"email":"a@b.c","password":"x"}',
      });
      expect(plain.statusCode).toBe(415);
      const big = await post('/auth/signup', {
        email: uniqueEmail(),
        password: 'x'.repeat(2_000_000),
      });
      expect(big.statusCode).toBe(413);
      for (const res of [bad, form, plain, big])
        expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('stores SQL-looking text verbatim', async () => {
      const displayName = `Robert'); DROP TABLE users;-- "x" \\ %`;
      const email = `o'brien+${Date.now()}@example.test`;
      expect(
        (await post('/auth/signup', { email, password: 'a fine passphrase', displayName }))
          .statusCode,
      ).toBe(202);
      const token = tokenIn((await latestMail(t, email, /confirm|verify/i)).text, '/verify-email');
      expect((await post('/auth/verify-email', { token })).statusCode).toBe(204);
      const session = await signIn(t, email, 'a fine passphrase');
      const me = await get('/me', { cookie: session.cookie });
      expect(me.json<Body>()).toMatchObject({ email, displayName });
    });
  });

  describe('verification and sign-in', () => {
    it('verifies once, then signs in with a hardened session cookie', async () => {
      const email = uniqueEmail('verify');
      await post('/auth/signup', { email, password: 'a fine passphrase' });
      const unverified = await post('/auth/login', { email, password: 'a fine passphrase' });
      expect(unverified.statusCode).toBe(403);
      expect(unverified.json<Body>().type).toBe(type('email-not-verified'));

      // The refused sign-in mailed a fresh link; the first one no longer works.
      const fresh = await latestMail(t, email, /confirm|verify/i, 2);
      const token = tokenIn(fresh.text, '/verify-email');
      expect((await post('/auth/verify-email', { token })).statusCode).toBe(204);
      const reused = await post('/auth/verify-email', { token });
      expect(reused.statusCode).toBe(400);
      expect(reused.json<Body>().type).toBe(type('invalid-token'));

      const login = await post('/auth/login', { email, password: 'a fine passphrase' });
      expect(login.statusCode).toBe(200);
      expect(login.headers['cache-control']).toBe('no-store');
      const cookie = [login.headers['set-cookie']].flat().join();
      expect(cookie).toMatch(/^waymark_session=[A-Za-z0-9_-]{40,};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/); // plain HTTP here
      const body = login.json<Body>();
      expect(body).toMatchObject({ status: 'signed_in', user: { email, emailVerified: true } });

      const state = await get('/auth/session', {
        cookie: sessionCookieOf(login.headers['set-cookie']),
      });
      expect(state.statusCode).toBe(200);
      expect(state.json<Body>().csrfToken).toBe(body.csrfToken);
    });

    it('marks the cookie Secure when served over HTTPS', async () => {
      const https = await createTestApp(target, { trustProxy: true });
      try {
        const user = await createUser(https);
        const login = await https.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-forwarded-proto': 'https' },
          payload: { email: user.email, password: user.password },
        });
        expect([login.headers['set-cookie']].flat().join()).toMatch(/; Secure/);
      } finally {
        await https.close();
      }
    });

    it('fails alike for a wrong password and an unknown address', async () => {
      const user = await createUser(t);
      const wrong = await post('/auth/login', { email: user.email, password: 'not the password' });
      const unknown = await post('/auth/login', {
        email: uniqueEmail('nobody'),
        password: 'not the password',
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const strip = (b: { instance?: string }) => ({ ...b, instance: undefined });
      expect(strip(wrong.json<Body>())).toEqual(strip(unknown.json<Body>()));
      expect(wrong.json<Body>().type).toBe(type('invalid-credentials'));
    });

    it('answers 401 problem+json with a challenge when nobody is signed in', async () => {
      const res = await get('/me');
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="waymark"/);
      const stale = await get('/me', { cookie: 'waymark_session=not-a-real-session-id' });
      expect(stale.statusCode).toBe(401);
      expect([stale.headers['set-cookie']].flat().join()).toMatch(/waymark_session=;/);
    });

    it('never sends a password hash or other secret', async () => {
      const user = await createUser(t);
      const session = await signIn(t, user.email, user.password);
      for (const url of ['/me', '/auth/session', '/me/sessions']) {
        const res = await get(url, { cookie: session.cookie });
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toMatch(/argon2|passwordHash|password_hash|tokenHash|totp/i);
      }
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated change without the right token', async () => {
      const user = await createUser(t);
      const session = await signIn(t, user.email, user.password);
      const body = { currentPassword: user.password, newPassword: 'a brand new passphrase' };
      const missing = await post('/me/password', body, { cookie: session.cookie });
      const wrong = await post('/me/password', body, {
        cookie: session.cookie,
        'x-csrf-token': 'x'.repeat(43),
      });
      for (const res of [missing, wrong]) {
        expect(res.statusCode).toBe(403);
        expect(res.json<Body>().type).toBe(type('csrf-failed'));
      }
      // Nothing changed: the old password still works.
      await signIn(t, user.email, user.password);
      expect((await post('/me/password', body, asSession(session))).statusCode).toBe(204);
    });

    it('needs the token to sign out too', async () => {
      const user = await createUser(t);
      const session = await signIn(t, user.email, user.password);
      expect((await post('/auth/logout', undefined, { cookie: session.cookie })).statusCode).toBe(
        403,
      );
      const out = await post('/auth/logout', undefined, asSession(session));
      expect(out.statusCode).toBe(204);
      expect((await get('/me', { cookie: session.cookie })).statusCode).toBe(401);
    });
  });

  describe('sessions', () => {
    it('lists sessions, revokes one at once, and hides other users’ sessions', async () => {
      const user = await createUser(t);
      const laptop = await signIn(t, user.email, user.password);
      const phone = await signIn(t, user.email, user.password);
      const list = await get('/me/sessions', { cookie: laptop.cookie });
      const sessions = list.json<Body>().sessions as { id: string; current: boolean }[];
      expect(sessions).toHaveLength(2);
      const phoneId = sessions.find((s) => !s.current)!.id;

      const other = await createUser(t);
      const intruder = await signIn(t, other.email, other.password);
      const foreign = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/sessions/${phoneId}`,
        headers: asSession(intruder),
      });
      expect(foreign.statusCode).toBe(404);
      expect((await get('/me', { cookie: phone.cookie })).statusCode).toBe(200);

      const revoke = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/sessions/${phoneId}`,
        headers: asSession(laptop),
      });
      expect(revoke.statusCode).toBe(204);
      expect((await get('/me', { cookie: phone.cookie })).statusCode).toBe(401);
      expect((await get('/me', { cookie: laptop.cookie })).statusCode).toBe(200);
    });

    it('ends a session after the idle timeout and at its absolute lifetime', async () => {
      const user = await createUser(t);
      const idle = await signIn(t, user.email, user.password);
      const old = await signIn(t, user.email, user.password);
      const ids = (await get('/me/sessions', { cookie: idle.cookie })).json<Body>().sessions;
      const idleId = ids.find((s) => s.current)!.id;
      const oldId = ids.find((s) => !s.current)!.id;
      const db = t.core.database.db;
      // Idle for longer than SESSION_IDLE_MINUTES (7 days in tests)...
      await db
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - 8 * 24 * 3_600_000) })
        .where(eq(sessions.id, idleId));
      // ...and past SESSION_MAX_AGE_MINUTES, however active.
      await db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() })
        .where(eq(sessions.id, oldId));
      t.security.sessions.evict([idleId, oldId]);
      expect((await get('/me', { cookie: idle.cookie })).statusCode).toBe(401);
      expect((await get('/me', { cookie: old.cookie })).statusCode).toBe(401);
    });

    it('signing in again in the same browser replaces its session', async () => {
      const user = await createUser(t);
      const first = await signIn(t, user.email, user.password);
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: user.password },
        headers: { cookie: first.cookie },
      });
      expect(again.statusCode).toBe(200);
      expect((await get('/me', { cookie: first.cookie })).statusCode).toBe(401);
      const second = sessionCookieOf(again.headers['set-cookie']);
      const list = await get('/me/sessions', { cookie: second });
      expect(list.json<Body>().sessions).toHaveLength(1);
    });

    it('tells the web app who is signed in, or that nobody is', async () => {
      const nobody = await get('/auth/session');
      expect(nobody.statusCode).toBe(200);
      expect(nobody.json()).toEqual({ user: null });
      const stale = await get('/auth/session', { cookie: 'waymark_session=gone-away-session-id' });
      expect(stale.json()).toEqual({ user: null });
      expect([stale.headers['set-cookie']].flat().join()).toMatch(/waymark_session=;/);
    });

    it('a password change ends the other sessions and keeps this one', async () => {
      const user = await createUser(t);
      const here = await signIn(t, user.email, user.password);
      const there = await signIn(t, user.email, user.password);
      const wrongCurrent = await post(
        '/me/password',
        { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
        asSession(here),
      );
      expect(wrongCurrent.statusCode).toBe(400);
      expect(wrongCurrent.json<Body>().errors[0]!.field).toBe('currentPassword');
      const changed = await post(
        '/me/password',
        { currentPassword: user.password, newPassword: 'a brand new passphrase' },
        asSession(here),
      );
      expect(changed.statusCode).toBe(204);
      expect((await get('/me', { cookie: there.cookie })).statusCode).toBe(401);
      expect((await get('/me', { cookie: here.cookie })).statusCode).toBe(200);
      expect(
        (await post('/auth/login', { email: user.email, password: user.password })).statusCode,
      ).toBe(401);
      await signIn(t, user.email, 'a brand new passphrase');
    });
  });

  describe('password reset', () => {
    it('mails a single-use link that sets a new password and ends every session', async () => {
      const user = await createUser(t);
      const session = await signIn(t, user.email, user.password);
      const unknown = await post('/auth/password/forgot', { email: uniqueEmail('ghost') });
      const known = await post('/auth/password/forgot', { email: user.email });
      expect(known.statusCode).toBe(202);
      expect(unknown.body).toBe(known.body);

      const token = tokenIn((await latestMail(t, user.email, /reset/i)).text, '/reset-password');
      const weak = await post('/auth/password/reset', { token, password: 'password' });
      expect(weak.statusCode).toBe(400);
      expect(
        (await post('/auth/password/reset', { token, password: 'reset passphrase ok' })).statusCode,
      ).toBe(204);
      expect(
        (await post('/auth/password/reset', { token, password: 'reset passphrase two' }))
          .statusCode,
      ).toBe(400);

      expect((await get('/me', { cookie: session.cookie })).statusCode).toBe(401);
      expect(
        (await post('/auth/login', { email: user.email, password: user.password })).statusCode,
      ).toBe(401);
      await signIn(t, user.email, 'reset passphrase ok');
    });
  });
});
