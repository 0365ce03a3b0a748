/**
 * Sign-in with an external OpenID Connect provider, against a real provider (oidc-provider)
 * running in this process, on every database. The test plays the browser: Waymark's start
 * route, the provider (login and consent), and back to Waymark's callback with the flow
 * cookie. The rule under test above all: an identity is linked to an existing account only
 * after its owner has proved, with the password, that the account is theirs.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, identities, oidcFlows, sessions } from '../../src/db/schema.js';
import { hashToken } from '../../src/modules/auth/tokens.js';
import { totpCodeAt } from '../../src/modules/auth/totp.js';
import {
  asSession,
  createUser,
  latestMail,
  sessionCookieOf,
  signIn,
  tokenIn,
  uniqueEmail,
  type BrowserSession,
  type TestUser,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { startTestIdp, type IdpAccount, type TestIdp } from '../helpers/test-idp.js';

const PUBLIC_URL = 'http://127.0.0.1:3999';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;
const STEP = 30_000;

let ipCounter = 0;
/** A client address per request, so the per-address rate limits stay out of the way. */
const nextIp = () => `10.7.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

const setCookies = (res: InjectResponse) => [res.headers['set-cookie'] ?? []].flat();
/** The `name=value` of a cookie the response sets (not clears), if any. */
const cookieSet = (res: InjectResponse, name: string) =>
  setCookies(res)
    .find((line) => line.startsWith(`${name}=`) && !line.startsWith(`${name}=;`))
    ?.split(';')[0];
const location = (res: InjectResponse) => String(res.headers.location);

interface Me {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
}
interface IdentityList {
  identities: { id: string; issuer: string; email: string | null; createdAt: string }[];
}

describe.each(databaseTargets)('sign-in with an OpenID provider on $name', (target) => {
  let t: TestApp;
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await startTestIdp(CALLBACK);
    t = await createTestApp(target, {
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        name: 'Test IdP',
      },
      publicUrl: PUBLIC_URL,
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const db = () => t.core.database.db;
  const request = (method: 'GET' | 'POST' | 'DELETE', url: string, headers = {}) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, remoteAddress: nextIp() });
  const me = async (cookie: string) => {
    const res = await request('GET', '/me', { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Me>();
  };
  const account = (overrides: Partial<IdpAccount> = {}) =>
    idp.addAccount({
      sub: `sub-${randomBytes(6).toString('hex')}`,
      email: uniqueEmail('idp'),
      email_verified: true,
      name: 'Ada Lovelace',
      ...overrides,
    });
  const identityRows = (subject: string) =>
    db()
      .select()
      .from(identities)
      .where(and(eq(identities.issuer, idp.issuer), eq(identities.subject, subject)));

  /** GET /auth/oidc/start; the browser's cookie (a session) goes along when given. */
  const start = (query: Record<string, string> = {}, session?: BrowserSession) =>
    request('GET', `/auth/oidc/start?${new URLSearchParams(query).toString()}`, {
      ...(session ? { cookie: session.cookie } : {}),
    });
  /** The provider's redirect back, as the browser follows it (with its cookies). */
  const callback = (url: URL, cookies: (string | undefined)[]) =>
    t.app.inject({
      method: 'GET',
      url: url.pathname + url.search,
      headers: { cookie: cookies.filter(Boolean).join('; ') },
      remoteAddress: nextIp(),
    });

  /** The whole round trip: start, the provider as `sub`, and the callback. */
  async function viaProvider(
    sub: string,
    options: { query?: Record<string, string>; session?: BrowserSession } = {},
  ) {
    const started = await start(options.query, options.session);
    expect(started.statusCode, started.body).toBe(302);
    const flowCookie = cookieSet(started, 'waymark_oidc');
    expect(flowCookie).toBeDefined();
    const back = await idp.browse(location(started), { account: sub });
    expect(back.href.startsWith(`${CALLBACK}?`)).toBe(true);
    const done = await callback(back, [flowCookie, options.session?.cookie]);
    expect(done.statusCode, done.body).toBe(302);
    return { started, flowCookie, back, done };
  }

  /** A password user with MFA on; returns the TOTP secret. */
  async function withMfa(user: TestUser, session: BrowserSession): Promise<string> {
    const started = await request('POST', '/me/mfa/totp', asSession(session));
    expect(started.statusCode, started.body).toBe(200);
    const { secret } = started.json<{ secret: string }>();
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/mfa/totp/confirm',
      headers: asSession(session),
      // The previous step's code: the sign-in later uses the current one.
      payload: { code: totpCodeAt(secret, Date.now() - STEP) },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    return secret;
  }

  /** Signs in with the password, then links the provider account `sub` from settings. */
  async function link(user: TestUser, sub: string) {
    const session = await signIn(t, user.email, user.password);
    const { done } = await viaProvider(sub, {
      query: { intent: 'link', returnTo: '/settings' },
      session,
    });
    return { session, done };
  }

  it('says whether it is available, and under which name', async () => {
    const res = await request('GET', '/auth/oidc');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ enabled: true, name: 'Test IdP' });
  });

  it('sends the browser to the provider with PKCE, state and nonce, and a short-lived cookie', async () => {
    const started = await start({ returnTo: '/roadmaps/frontend' });
    expect(started.statusCode).toBe(302);
    expect(started.headers['cache-control']).toBe('no-store');
    const url = new URL(location(started));
    expect(url.origin).toBe(idp.issuer);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      client_id: idp.clientId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(params.nonce).toMatch(/^[A-Za-z0-9_-]{32,}$/);

    const cookie = setCookies(started).find((c) => c.startsWith('waymark_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    // The server keeps the checks; the cookie holds only a random id, stored hashed.
    const id = cookie.split(';')[0]!.split('=')[1]!;
    const [flow] = await db()
      .select()
      .from(oidcFlows)
      .where(eq(oidcFlows.idHash, hashToken(id)));
    expect(flow).toMatchObject({ state: params.state, nonce: params.nonce, intent: 'signin' });
    expect(flow!.returnTo).toBe('/roadmaps/frontend');
    expect(flow!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(600_000);
  });

  describe('an identity not seen before', () => {
    it('creates a verified account without a password, links it and signs in', async () => {
      const person = account({ name: 'Grace Hopper' });
      const { done } = await viaProvider(person.sub, { query: { returnTo: '/roadmaps/backend' } });
      expect(location(done)).toBe('/roadmaps/backend');
      expect(done.headers['cache-control']).toBe('no-store');
      const session = cookieSet(done, 'waymark_session')!;
      expect(setCookies(done).find((c) => c.startsWith('waymark_session='))).toMatch(
        /HttpOnly; SameSite=Lax/,
      );
      // The flow cookie is cleared.
      expect(
        setCookies(done).some((c) => /^waymark_oidc=;.*Expires=Thu, 01 Jan 1970/.test(c)),
      ).toBe(true);

      const user = await me(session);
      expect(user).toMatchObject({
        email: person.email,
        displayName: 'Grace Hopper',
        emailVerified: true,
      });
      const [identity] = await identityRows(person.sub);
      expect(identity).toMatchObject({ userId: user.id, email: person.email });
      // No password: a password sign-in cannot succeed, whatever is tried.
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: person.email, password: '' + 'anything at all' },
        remoteAddress: nextIp(),
      });
      expect(login.statusCode).toBe(401);

      // Signing in again through the provider finds the same account.
      const again = await viaProvider(person.sub);
      expect(location(again.done)).toBe('/');
      expect((await me(cookieSet(again.done, 'waymark_session')!)).id).toBe(user.id);
    });

    it('creates an unverified account when the provider does not vouch for the address, and mails a link', async () => {
      const person = account({ email_verified: false });
      const { done } = await viaProvider(person.sub);
      expect(location(done)).toBe('/signin?error=email-not-verified');
      expect(cookieSet(done, 'waymark_session')).toBeUndefined();
      const [identity] = await identityRows(person.sub);
      expect(identity).toBeDefined();

      const mail = await latestMail(t, person.email!, /confirm|verify/i);
      const token = tokenIn(mail.text, '/verify-email');
      const verified = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/verify-email',
        payload: { token },
        remoteAddress: nextIp(),
      });
      expect(verified.statusCode).toBe(204);
      const after = await viaProvider(person.sub);
      expect(location(after.done)).toBe('/');
      expect((await me(cookieSet(after.done, 'waymark_session')!)).emailVerified).toBe(true);
    });

    it('a reset by the address owner unlinks an identity that never proved the address', async () => {
      const person = account({ email_verified: false });
      await viaProvider(person.sub);
      expect(await identityRows(person.sub)).toHaveLength(1);
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/forgot',
        payload: { email: person.email },
        remoteAddress: nextIp(),
      });
      const token = tokenIn((await latestMail(t, person.email!, /reset/i)).text, '/reset-password');
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password/reset',
        payload: { token, password: 'the real owner is here' },
        remoteAddress: nextIp(),
      });
      expect(reset.statusCode).toBe(204);
      expect(await identityRows(person.sub)).toEqual([]);
    });

    it('refuses to create an account without an address', async () => {
      const person = account({ email: undefined });
      const { done } = await viaProvider(person.sub);
      expect(location(done)).toBe('/signin?error=oidc-no-email');
      expect(cookieSet(done, 'waymark_session')).toBeUndefined();
      expect(await identityRows(person.sub)).toEqual([]);
    });

    it('never returns to another site', async () => {
      for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        const { done } = await viaProvider(account().sub, { query: { returnTo } });
        expect(location(done)).toBe('/');
      }
    });
  });

  describe('an address that already has an account', () => {
    it('is not linked, and does not sign in, without proof of owning the account', async () => {
      const owner = await createUser(t);
      const person = account({ email: owner.email.toUpperCase(), email_verified: true });
      const { done } = await viaProvider(person.sub);
      expect(location(done)).toBe('/signin?link=required&provider=Test+IdP');
      expect(cookieSet(done, 'waymark_session')).toBeUndefined();
      expect(await identityRows(person.sub)).toEqual([]);
    });

    it('is linked from settings after a password sign-in; then the provider signs in', async () => {
      const owner = await createUser(t);
      const person = account({ email: owner.email });
      const { session, done } = await link(owner, person.sub);
      expect(location(done)).toBe('/settings?linked=1');
      // Linking does not replace the session the user already has.
      expect(cookieSet(done, 'waymark_session')).toBeUndefined();
      const [identity] = await identityRows(person.sub);
      expect(identity!.userId).toBe(owner.id);
      const audit = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.userId, owner.id), eq(auditEvents.type, 'identity.linked')));
      expect(audit).toHaveLength(1);

      const listed = await request('GET', '/me/identities', { cookie: session.cookie });
      expect(listed.json<IdentityList>().identities).toEqual([
        {
          id: identity!.id,
          issuer: idp.issuer,
          email: owner.email,
          createdAt: identity!.createdAt.toISOString(),
        },
      ]);

      const signedIn = await viaProvider(person.sub, { query: { returnTo: '/settings' } });
      expect(location(signedIn.done)).toBe('/settings');
      expect((await me(cookieSet(signedIn.done, 'waymark_session')!)).id).toBe(owner.id);
    });

    it('links any provider account the signed-in user proves at the provider, whatever its address', async () => {
      const owner = await createUser(t);
      const person = account(); // another address
      const { done } = await link(owner, person.sub);
      expect(location(done)).toBe('/settings?linked=1');
      expect((await identityRows(person.sub))[0]!.userId).toBe(owner.id);
    });
  });

  describe('linking', () => {
    it('needs a session signed in within the last 10 minutes', async () => {
      const anonymous = await start({ intent: 'link', returnTo: '/settings' });
      expect(location(anonymous)).toBe('/signin?error=reauthenticate&returnTo=%2Fsettings');
      expect(cookieSet(anonymous, 'waymark_oidc')).toBeUndefined();

      const user = await createUser(t);
      const session = await signIn(t, user.email, user.password);
      await db()
        .update(sessions)
        .set({ authenticatedAt: new Date(Date.now() - 3_600_000) })
        .where(eq(sessions.userId, user.id));
      const stale = await start({ intent: 'link', returnTo: '/settings' }, session);
      expect(location(stale)).toBe('/signin?error=reauthenticate&returnTo=%2Fsettings');
    });

    it('refuses an identity that is linked to someone else', async () => {
      const alice = await createUser(t);
      const bob = await createUser(t);
      const person = account({ email: alice.email });
      expect(location((await link(alice, person.sub)).done)).toBe('/settings?linked=1');

      const { done } = await link(bob, person.sub);
      expect(location(done)).toBe('/settings?error=identity-in-use');
      const rows = await identityRows(person.sub);
      expect(rows.map((r) => r.userId)).toEqual([alice.id]);
    });

    it('links only while the user who started it is still signed in on this browser', async () => {
      const user = await createUser(t);
      const session = await signIn(t, user.email, user.password);
      const person = account();
      const started = await start({ intent: 'link' }, session);
      const back = await idp.browse(location(started), { account: person.sub });
      // The callback arrives without the session (signed out meanwhile).
      const done = await callback(back, [cookieSet(started, 'waymark_oidc')]);
      expect(location(done)).toBe('/signin?error=oidc');
      expect(await identityRows(person.sub)).toEqual([]);
    });
  });

  describe('the callback', () => {
    it('refuses a tampered state, and the flow is spent', async () => {
      const person = account();
      const started = await start();
      const flowCookie = cookieSet(started, 'waymark_oidc');
      const back = await idp.browse(location(started), { account: person.sub });
      const tampered = new URL(back);
      tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
      const refused = await callback(tampered, [flowCookie]);
      expect(location(refused)).toBe('/signin?error=oidc');
      expect(cookieSet(refused, 'waymark_session')).toBeUndefined();
      expect(await identityRows(person.sub)).toEqual([]);
      // The genuine answer cannot be used after a failed attempt either.
      const genuine = await callback(back, [flowCookie]);
      expect(location(genuine)).toBe('/signin?error=oidc');
      expect(await identityRows(person.sub)).toEqual([]);
    });

    it('refuses an answer without this browser’s flow cookie (login CSRF)', async () => {
      const person = account();
      const started = await start();
      const back = await idp.browse(location(started), { account: person.sub });
      const other = cookieSet(await start(), 'waymark_oidc');
      for (const cookies of [[], [other]]) {
        const res = await callback(back, cookies);
        expect(location(res)).toBe('/signin?error=oidc');
        expect(cookieSet(res, 'waymark_session')).toBeUndefined();
      }
      expect(await identityRows(person.sub)).toEqual([]);
    });

    it('refuses a replayed callback', async () => {
      const person = account();
      const { back, flowCookie, done } = await viaProvider(person.sub);
      expect(cookieSet(done, 'waymark_session')).toBeDefined();
      const replay = await callback(back, [flowCookie]);
      expect(location(replay)).toBe('/signin?error=oidc');
      expect(cookieSet(replay, 'waymark_session')).toBeUndefined();
    });

    it('refuses an expired flow', async () => {
      const person = account();
      const started = await start();
      const flowCookie = cookieSet(started, 'waymark_oidc')!;
      const back = await idp.browse(location(started), { account: person.sub });
      await db()
        .update(oidcFlows)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(oidcFlows.idHash, hashToken(flowCookie.split('=')[1]!)));
      const res = await callback(back, [flowCookie]);
      expect(location(res)).toBe('/signin?error=oidc');
      expect(await identityRows(person.sub)).toEqual([]);
    });

    it('changes nothing when the user refuses at the provider', async () => {
      const started = await start();
      const back = await idp.browse(location(started), { deny: true });
      expect(back.searchParams.get('error')).toBe('access_denied');
      const res = await callback(back, [cookieSet(started, 'waymark_oidc')]);
      expect(location(res)).toBe('/signin?error=oidc');
      expect(cookieSet(res, 'waymark_session')).toBeUndefined();
    });
  });

  it('still asks a user with MFA for the second factor', async () => {
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    const person = account({ email: user.email });
    expect(location((await link(user, person.sub)).done)).toBe('/settings?linked=1');
    const secret = await withMfa(user, session);

    const { done } = await viaProvider(person.sub, { query: { returnTo: '/settings' } });
    expect(cookieSet(done, 'waymark_session')).toBeUndefined();
    const next = new URL(location(done), PUBLIC_URL);
    expect(next.pathname).toBe('/signin');
    expect(next.searchParams.get('returnTo')).toBe('/settings');
    const mfaToken = next.searchParams.get('mfa')!;
    expect(mfaToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const finished = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login/mfa',
      payload: { mfaToken, code: totpCodeAt(secret, Date.now()) },
      remoteAddress: nextIp(),
    });
    expect(finished.statusCode, finished.body).toBe(200);
    expect((await me(sessionCookieOf(finished.headers['set-cookie']))).id).toBe(user.id);
  });

  describe('unlinking', () => {
    it('refuses to unlink the only way into an account without a password', async () => {
      const person = account();
      const { done } = await viaProvider(person.sub);
      const cookie = cookieSet(done, 'waymark_session')!;
      const state = await request('GET', '/auth/session', { cookie });
      const session = { cookie, csrfToken: state.json<{ csrfToken: string }>().csrfToken };
      const [identity] = (await request('GET', '/me/identities', { cookie })).json<IdentityList>()
        .identities;

      const res = await request('DELETE', `/me/identities/${identity!.id}`, asSession(session));
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await identityRows(person.sub)).toHaveLength(1);
    });

    it('unlinks when the account has a password, and only one’s own identities', async () => {
      const owner = await createUser(t);
      const person = account({ email: owner.email });
      const { session } = await link(owner, person.sub);
      const [identity] = await identityRows(person.sub);

      const stranger = await createUser(t);
      const strangerSession = await signIn(t, stranger.email, stranger.password);
      const notTheirs = await request(
        'DELETE',
        `/me/identities/${identity!.id}`,
        asSession(strangerSession),
      );
      expect(notTheirs.statusCode).toBe(404);

      const noCsrf = await request('DELETE', `/me/identities/${identity!.id}`, {
        cookie: session.cookie,
      });
      expect(noCsrf.statusCode).toBe(403);

      const res = await request('DELETE', `/me/identities/${identity!.id}`, asSession(session));
      expect(res.statusCode).toBe(204);
      expect(await identityRows(person.sub)).toEqual([]);
      const list = await request('GET', '/me/identities', { cookie: session.cookie });
      expect(list.json<IdentityList>().identities).toEqual([]);
      const audit = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.userId, owner.id), eq(auditEvents.type, 'identity.unlinked')));
      expect(audit).toHaveLength(1);

      // Unlinked, the provider account no longer signs in to this account without proof.
      const again = await viaProvider(person.sub);
      expect(location(again.done)).toBe('/signin?link=required&provider=Test+IdP');
    });

    it('needs a browser session', async () => {
      expect((await request('GET', '/me/identities')).statusCode).toBe(401);
    });
  });
});

describe('without a provider configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(databaseTargets[0]!);
  });
  afterAll(() => t.close());

  it('says so, and has nothing to start', async () => {
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc' });
    expect(status.json()).toEqual({ enabled: false });
    for (const url of ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback?state=x&code=y']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('when the provider is down at first', () => {
  it('starts anyway, and reaches the provider once it is up', async () => {
    // A port with nothing listening: discovery fails until the provider is there.
    const first = await startTestIdp(CALLBACK);
    const port = Number(new URL(first.issuer).port);
    await first.close();
    const t = await createTestApp(databaseTargets[0]!, {
      oidc: { issuer: first.issuer, clientId: first.clientId, clientSecret: 'x', name: 'Test IdP' },
      publicUrl: PUBLIC_URL,
    });
    const start = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start', remoteAddress: nextIp() });
    let idp: TestIdp | undefined;
    try {
      const down = await start();
      expect(down.statusCode).toBe(302);
      expect(down.headers.location).toBe('/signin?error=oidc-unavailable');
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc' })).json()).toEqual({
        enabled: true,
        name: 'Test IdP',
      });

      idp = await startTestIdp(CALLBACK, port);
      const up = await start();
      expect(up.statusCode).toBe(302);
      expect(String(up.headers.location).startsWith(`${idp.issuer}/`)).toBe(true);
    } finally {
      await t.close();
      await idp?.close();
    }
  });
});
