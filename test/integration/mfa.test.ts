/**
 * Two-factor authentication through the API: enrolment, sign-in with a code, no replay,
 * recovery codes, reset that does not bypass MFA, and fresh sign-in for turning it off.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/schema.js';
import { totpCodeAt } from '../../src/modules/auth/totp.js';
import {
  asSession,
  createUser,
  latestMail,
  sessionCookieOf,
  signIn,
  tokenIn,
  type BrowserSession,
  type Body,
  type TestUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const type = (code: string) => `tag:waymark.dev,2026:problems/${code}`;
const STEP = 30_000;

describe.each(databaseTargets)('MFA on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload: payload as object,
      headers,
      remoteAddress: `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    });

  /** A user with MFA on; returns the secret and the recovery codes. */
  async function enrolled(): Promise<{
    user: TestUser;
    session: BrowserSession;
    secret: string;
    recoveryCodes: string[];
  }> {
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    const start = await post('/me/mfa/totp', undefined, asSession(session));
    expect(start.statusCode).toBe(200);
    const { secret, qrSvg, otpauthUri } = start.json<Body>();
    expect(qrSvg).toMatch(/^<svg[^>]+role="img"/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Waymark:/);
    // The code of the previous step: the next sign-in uses the current one.
    const confirm = await post(
      '/me/mfa/totp/confirm',
      { code: totpCodeAt(secret, Date.now() - STEP) },
      asSession(session),
    );
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json<Body>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    return { user, session, secret, recoveryCodes };
  }

  it('ends the other sessions when MFA is turned on, and shows the change at once', async () => {
    const user = await createUser(t);
    const elsewhere = await signIn(t, user.email, user.password);
    const here = await signIn(t, user.email, user.password);
    const me = (s: BrowserSession) =>
      t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    // Read (and cached) before the change: the change must show at once all the same.
    expect((await me(here)).json<Body>().mfaEnabled).toBe(false);
    const start = await post('/me/mfa/totp', undefined, asSession(here));
    const confirm = await post(
      '/me/mfa/totp/confirm',
      { code: totpCodeAt(start.json<Body>().secret, Date.now()) },
      asSession(here),
    );
    expect(confirm.statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await me(here)).json<Body>().mfaEnabled).toBe(true);
  });

  it('asks for a code after the password, and accepts each code once', async () => {
    const { user, secret } = await enrolled();
    const first = await post('/auth/login', { email: user.email, password: user.password });
    expect(first.json<Body>()).toMatchObject({ status: 'mfa_required' });
    expect(first.json<Body>().mfaToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(first.headers['set-cookie']).toBeUndefined();

    const wrong = await post('/auth/login/mfa', {
      mfaToken: first.json<Body>().mfaToken,
      code: '000000',
    });
    expect(wrong.statusCode).toBe(401);
    const code = totpCodeAt(secret, Date.now());
    const ok = await post('/auth/login/mfa', { mfaToken: first.json<Body>().mfaToken, code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Body>().status).toBe('signed_in');
    sessionCookieOf(ok.headers['set-cookie']);

    // The same code again, in a new sign-in: refused (replay).
    const second = await post('/auth/login', { email: user.email, password: user.password });
    const replay = await post('/auth/login/mfa', { mfaToken: second.json<Body>().mfaToken, code });
    expect(replay.statusCode).toBe(401);
    // The challenge token itself is single-use too.
    const reuse = await post('/auth/login/mfa', { mfaToken: first.json<Body>().mfaToken, code });
    expect(reuse.statusCode).toBe(400);
  });

  it('accepts a recovery code once', async () => {
    const { user, recoveryCodes } = await enrolled();
    const signInWith = async (code: string) => {
      const step1 = await post('/auth/login', { email: user.email, password: user.password });
      return post('/auth/login/mfa', { mfaToken: step1.json<Body>().mfaToken, code });
    };
    expect((await signInWith(recoveryCodes[0]!.toUpperCase())).statusCode).toBe(200);
    expect((await signInWith(recoveryCodes[0]!)).statusCode).toBe(401);
    expect((await signInWith(recoveryCodes[1]!)).statusCode).toBe(200);
  });

  it('a password reset still needs the second factor', async () => {
    const { user, secret } = await enrolled();
    await post('/auth/password/forgot', { email: user.email });
    const token = tokenIn((await latestMail(t, user.email, /reset/i)).text, '/reset-password');
    const without = await post('/auth/password/reset', { token, password: 'new passphrase here' });
    expect(without.statusCode).toBe(400);
    expect(without.json<Body>().type).toBe(type('mfa-required'));
    const wrong = await post('/auth/password/reset', {
      token,
      password: 'new passphrase here',
      code: '123456',
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await post('/auth/password/reset', {
      token,
      password: 'new passphrase here',
      code: totpCodeAt(secret, Date.now()),
    });
    expect(ok.statusCode).toBe(204);
  });

  it('turning MFA off needs a recent sign-in', async () => {
    const { user, session } = await enrolled();
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: session.cookie },
    });
    expect(me.json<Body>().mfaEnabled).toBe(true);
    // Make this session's sign-in 20 minutes old, and bypass the cache with a new instance.
    await t.core.database.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(sessions.userId, user.id));
    t.security.sessions.evict([(await sessionsOf(session))[0]!]);
    const stale = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/mfa',
      headers: asSession(session),
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.json<Body>().type).toBe(type('reauthentication-required'));
  });

  it('turns off with a fresh session, and never shows the secret again', async () => {
    const { session, secret } = await enrolled();
    for (const url of ['/me', '/auth/session', '/me/sessions']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1${url}`,
        headers: { cookie: session.cookie },
      });
      expect(res.body).not.toContain(secret);
    }
    const off = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me/mfa',
      headers: asSession(session),
    });
    expect(off.statusCode).toBe(204);
    const audit = await t.core.database.db.query.auditEvents.findMany();
    expect(audit.map((e) => e.type)).toEqual(
      expect.arrayContaining(['mfa.enabled', 'mfa.disabled']),
    );
  });

  async function sessionsOf(session: BrowserSession): Promise<string[]> {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/sessions',
      headers: { cookie: session.cookie },
    });
    return (res.json<Body>().sessions as { id: string }[]).map((s) => s.id);
  }
});
