/**
 * The OAuth device grant and token endpoint through the HTTP API on every database: signing
 * a CLI in through the browser, refresh-token rotation and reuse detection, revocation, the
 * user's list of signed-in clients, and the JWKS through a key rotation.
 */
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse as LightResponse } from 'fastify';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, deviceCodes, tokenFamilies } from '../../src/db/schema.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const PROBLEM = /^application\/problem\+json/;
const type = (code: string) => `tag:waymark.dev,2026:problems/${code}`;
let ipCounter = 0;
/** A client address per request, so per-address rate limits do not interfere. */
const nextIp = () => `10.8.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}
interface Problem {
  type: string;
  status: number;
  error?: string;
  error_description?: string;
}
interface ClientList {
  clients: { id: string; clientId: string; clientName: string }[];
}
interface Jwks {
  keys: Record<string, string>[];
}

/** The token family (`sid`) an access token belongs to. */
const familyOf = (accessToken: string) =>
  (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string })
    .sid;

interface Tokens {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** Requests and flows against one test app. */
function client(t: TestApp) {
  const inject = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    options: { headers?: Record<string, string>; payload?: object | string } = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: options.headers,
      payload: options.payload,
      remoteAddress: nextIp(),
    });
  const api = {
    inject,
    post: (url: string, payload: object, headers: Record<string, string> = {}) =>
      inject('POST', `/api/v1${url}`, { payload, headers }),
    form: (url: string, params: Record<string, string> | string) =>
      inject('POST', `/api/v1${url}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: typeof params === 'string' ? params : new URLSearchParams(params).toString(),
      }),
    get: (url: string, headers: Record<string, string> = {}) =>
      inject('GET', `/api/v1${url}`, { headers }),
    del: (url: string, headers: Record<string, string> = {}) =>
      inject('DELETE', `/api/v1${url}`, { headers }),

    async start(scope?: string): Promise<DeviceAuthorization> {
      const res = await api.post('/auth/device/code', {
        client_id: 'waymark-cli',
        ...(scope ? { scope } : {}),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<DeviceAuthorization>();
    },
    poll: (deviceCode: string) =>
      api.form('/auth/token', {
        grant_type: DEVICE_GRANT,
        device_code: deviceCode,
        client_id: 'waymark-cli',
      }),
    /** Lets the polling interval pass without waiting for it. */
    async intervalPasses(userCode: string) {
      await t.core.database.db
        .update(deviceCodes)
        .set({ lastPolledAt: new Date(Date.now() - 3600_000) })
        .where(eq(deviceCodes.userCode, userCode.replace('-', '')));
    },
    decide: (session: BrowserSession, userCode: string, approve: boolean) =>
      api.post('/auth/device/approve', { userCode, approve }, asSession(session)),
    /** A complete sign-in: device code, approval, exchange. */
    async signInCli(session: BrowserSession, scope?: string): Promise<Tokens> {
      const device = await api.start(scope);
      expect((await api.decide(session, device.user_code, true)).statusCode).toBe(204);
      const res = await api.poll(device.device_code);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Tokens>();
    },
    refresh: (refreshToken: string) =>
      api.form('/auth/token', {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: 'waymark-cli',
      }),
    me: (accessToken: string) => api.get('/me', { authorization: `Bearer ${accessToken}` }),
  };
  return api;
}

const oauthError = (res: LightResponse) => {
  expect(res.headers['content-type']).toMatch(PROBLEM);
  return { status: res.statusCode, error: res.json<Problem>().error };
};

describe.each(databaseTargets)('OAuth device grant and tokens on $name', (target) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let alice: { id: string; session: BrowserSession };
  let bob: { id: string; session: BrowserSession };

  beforeAll(async () => {
    t = await createTestApp(target);
    api = client(t);
    const a = await createUser(t);
    const b = await createUser(t);
    alice = { id: a.id, session: await signIn(t, a.email, a.password) };
    bob = { id: b.id, session: await signIn(t, b.email, b.password) };
  });
  afterAll(() => t.close());

  describe('device flow', () => {
    it('when the user approves, then the CLI gets tokens once: pending, slow_down, approve, tokens, no second exchange', async () => {
      const device = await api.start();
      expect(device).toEqual({
        device_code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown,
        user_code: expect.stringMatching(
          /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/,
        ) as unknown,
        verification_uri: `${t.config.publicUrl}/device`,
        verification_uri_complete: `${t.config.publicUrl}/device?code=${device.user_code}`,
        expires_in: 600,
        interval: 5,
      });

      const pending = await api.poll(device.device_code);
      expect(oauthError(pending)).toEqual({ status: 400, error: 'authorization_pending' });
      expect(pending.json()).toMatchObject({
        status: 400,
        error_description: expect.any(String) as unknown,
      });
      expect(pending.headers['cache-control']).toBe('no-store');
      expect(oauthError(await api.poll(device.device_code))).toEqual({
        status: 400,
        error: 'slow_down',
      });

      const lookup = await api.get(
        `/auth/device/lookup?userCode=${device.user_code.toLowerCase()}`,
        { cookie: alice.session.cookie },
      );
      expect(lookup.statusCode).toBe(200);
      expect(lookup.json()).toMatchObject({
        userCode: device.user_code,
        clientId: 'waymark-cli',
        clientName: 'Waymark CLI',
        scopes: ['progress:read', 'progress:write', 'profile:read'],
      });

      expect((await api.decide(alice.session, device.user_code, true)).statusCode).toBe(204);
      // The interval is now 10 s (5 + 5 for slow_down): polling right away is still too fast.
      expect(oauthError(await api.poll(device.device_code)).error).toBe('slow_down');
      await api.intervalPasses(device.user_code);
      const granted = await api.poll(device.device_code);
      expect(granted.statusCode, granted.body).toBe(200);
      expect(granted.headers['cache-control']).toBe('no-store');
      const tokens = granted.json<Tokens>();
      expect(tokens).toEqual({
        access_token: expect.any(String) as unknown,
        token_type: 'Bearer',
        expires_in: 600,
        refresh_token: expect.stringMatching(/^wm_rt_/) as unknown,
        scope: 'progress:read progress:write profile:read',
      });
      expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({
        alg: 'EdDSA',
        typ: 'at+jwt',
      });
      const me = await api.me(tokens.access_token);
      expect(me.statusCode, me.body).toBe(200);
      expect(me.json<{ id: string }>().id).toBe(alice.id);

      await api.intervalPasses(device.user_code);
      expect(oauthError(await api.poll(device.device_code))).toEqual({
        status: 400,
        error: 'invalid_grant',
      });
      // Used codes cannot be approved again either.
      const again = await api.decide(alice.session, device.user_code, true);
      expect(again.statusCode).toBe(400);
      expect(again.json<Problem>().type).toBe(type('invalid-token'));
    });

    it('when the user denies, then the CLI hears access_denied', async () => {
      const device = await api.start();
      expect((await api.decide(alice.session, device.user_code, false)).statusCode).toBe(204);
      expect(oauthError(await api.poll(device.device_code))).toEqual({
        status: 400,
        error: 'access_denied',
      });
    });

    it('when the code expires, then polling says expired_token and it can no longer be approved', async () => {
      const device = await api.start();
      await t.core.database.db
        .update(deviceCodes)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(deviceCodes.userCode, device.user_code.replace('-', '')));
      expect(oauthError(await api.poll(device.device_code)).error).toBe('expired_token');
      const res = await api.decide(alice.session, device.user_code, true);
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().type).toBe(type('invalid-token'));
      const lookup = await api.get(`/auth/device/lookup?userCode=${device.user_code}`, {
        cookie: alice.session.cookie,
      });
      expect(lookup.statusCode).toBe(400);
    });

    it('when the CLI sends form bodies, then they work like JSON; repeated parameters do not', async () => {
      const res = await api.form('/auth/device/code', {
        client_id: 'waymark-cli',
        scope: 'progress:read',
      });
      expect(res.statusCode, res.body).toBe(200);
      const repeated = await api.form(
        '/auth/token',
        `grant_type=${encodeURIComponent(DEVICE_GRANT)}&device_code=a&device_code=b&client_id=waymark-cli`,
      );
      expect(oauthError(repeated)).toEqual({ status: 400, error: 'invalid_request' });
    });

    it.each([
      ['an unknown client', { client_id: 'evil-cli' }, 'invalid_client'],
      [
        'an unknown scope',
        { client_id: 'waymark-cli', scope: 'progress:read admin' },
        'invalid_scope',
      ],
      ['an extra parameter', { client_id: 'waymark-cli', redirect_uri: 'x' }, 'invalid_request'],
      ['no client_id', {}, 'invalid_request'],
    ])('when the device request has %s, then 400 %s', async (_label, body, error) => {
      expect(oauthError(await api.post('/auth/device/code', body))).toEqual({ status: 400, error });
    });

    it.each([
      [
        'an unknown grant type',
        { grant_type: 'password', client_id: 'waymark-cli' },
        'unsupported_grant_type',
      ],
      ['no device_code', { grant_type: DEVICE_GRANT, client_id: 'waymark-cli' }, 'invalid_request'],
      [
        'an unknown device_code',
        { grant_type: DEVICE_GRANT, client_id: 'waymark-cli', device_code: 'nope' },
        'invalid_grant',
      ],
      [
        'an unknown client',
        { grant_type: DEVICE_GRANT, client_id: 'x', device_code: 'nope' },
        'invalid_client',
      ],
      [
        'an unknown refresh token',
        { grant_type: 'refresh_token', refresh_token: 'wm_rt_nope' },
        'invalid_grant',
      ],
    ])('when the token request has %s, then 400 %s', async (_label, body, error) => {
      expect(oauthError(await api.form('/auth/token', body))).toEqual({ status: 400, error });
    });

    it('when approving without a browser session, CSRF token, or with a bearer token, then it is refused', async () => {
      const device = await api.start();
      const tokens = await api.signInCli(alice.session);
      const body = { userCode: device.user_code, approve: true };
      expect((await api.post('/auth/device/approve', body)).statusCode).toBe(401);
      expect(
        (
          await api.post('/auth/device/approve', body, { cookie: alice.session.cookie })
        ).json<Problem>().type,
      ).toBe(type('csrf-failed'));
      expect(
        (
          await api.post('/auth/device/approve', body, {
            authorization: `Bearer ${tokens.access_token}`,
          })
        ).statusCode,
      ).toBe(403);
      expect(oauthError(await api.poll(device.device_code)).error).toBe('authorization_pending');
    });

    it('when the CLI asked for fewer scopes, then its token cannot use the others (403 insufficient_scope)', async () => {
      const tokens = await api.signInCli(alice.session, 'progress:read');
      expect(tokens.scope).toBe('progress:read');
      const res = await api.me(tokens.access_token);
      expect(res.statusCode).toBe(403);
      expect(res.json<Problem>().type).toBe(type('insufficient-scope'));
    });
  });

  describe('refresh tokens', () => {
    it('when refreshed, then new tokens come back and the old refresh token is spent', async () => {
      const first = await api.signInCli(alice.session);
      const res = await api.refresh(first.refresh_token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const second = res.json<Tokens>();
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.access_token).not.toBe(first.access_token);
      expect((await api.me(second.access_token)).statusCode).toBe(200);
      const third = await api.refresh(second.refresh_token);
      expect(third.statusCode).toBe(200);
    });

    it('when a spent refresh token is presented again, then the whole sign-in is revoked and audited', async () => {
      const first = await api.signInCli(alice.session);
      const second = (await api.refresh(first.refresh_token)).json<Tokens>();
      expect((await api.me(second.access_token)).statusCode).toBe(200); // cached from here on

      expect(oauthError(await api.refresh(first.refresh_token))).toEqual({
        status: 400,
        error: 'invalid_grant',
      });
      // The legitimate holder's newer tokens die with the family (this instance evicts at once).
      expect(oauthError(await api.refresh(second.refresh_token)).error).toBe('invalid_grant');
      expect((await api.me(second.access_token)).statusCode).toBe(401);

      const familyId = familyOf(second.access_token);
      const [family] = await t.core.database.db
        .select()
        .from(tokenFamilies)
        .where(eq(tokenFamilies.id, familyId));
      expect(family).toMatchObject({
        revokedReason: 'reuse',
        revokedAt: expect.any(Date) as unknown,
      });
      const events = await t.core.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.type, 'token.reuse_detected'));
      expect(events.some((e) => e.userId === alice.id && e.details.familyId === familyId)).toBe(
        true,
      );
    });

    it('when the same refresh token is used twice at once, then only one use succeeds', async () => {
      const first = await api.signInCli(alice.session);
      const results = await Promise.all([
        api.refresh(first.refresh_token),
        api.refresh(first.refresh_token),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    });

    it('when the sign-in has reached its absolute lifetime, then refreshing fails', async () => {
      const tokens = await api.signInCli(alice.session);
      const sid = familyOf(tokens.access_token);
      await t.core.database.db
        .update(tokenFamilies)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(tokenFamilies.id, sid));
      expect(oauthError(await api.refresh(tokens.refresh_token)).error).toBe('invalid_grant');
    });

    it('when the CLI signs out (RFC 7009), then its tokens stop working; unknown tokens still get 200', async () => {
      const tokens = await api.signInCli(alice.session);
      expect((await api.me(tokens.access_token)).statusCode).toBe(200);
      const res = await api.form('/auth/token/revoke', {
        token: tokens.refresh_token,
        client_id: 'waymark-cli',
      });
      expect(res.statusCode).toBe(200);
      expect(oauthError(await api.refresh(tokens.refresh_token)).error).toBe('invalid_grant');
      expect((await api.me(tokens.access_token)).statusCode).toBe(401);
      expect((await api.form('/auth/token/revoke', { token: 'whatever' })).statusCode).toBe(200);
    });
  });

  describe('signed-in clients', () => {
    it('when listing and revoking, then each user sees and ends only their own', async () => {
      const tokens = await api.signInCli(alice.session);
      const sid = familyOf(tokens.access_token);
      const mine = await api.get('/me/clients', { cookie: alice.session.cookie });
      expect(mine.statusCode).toBe(200);
      expect(mine.json<ClientList>().clients).toContainEqual(
        expect.objectContaining({ id: sid, clientId: 'waymark-cli', clientName: 'Waymark CLI' }),
      );
      const theirs = await api.get('/me/clients', { cookie: bob.session.cookie });
      expect(theirs.json<ClientList>().clients.some((c) => c.id === sid)).toBe(false);
      expect((await api.del(`/me/clients/${sid}`, asSession(bob.session))).statusCode).toBe(404);
      expect((await api.me(tokens.access_token)).statusCode).toBe(200);

      expect((await api.del(`/me/clients/${sid}`, asSession(alice.session))).statusCode).toBe(204);
      expect((await api.me(tokens.access_token)).statusCode).toBe(401);
      expect(oauthError(await api.refresh(tokens.refresh_token)).error).toBe('invalid_grant');
      const after = await api.get('/me/clients', { cookie: alice.session.cookie });
      expect(after.json<ClientList>().clients.some((c) => c.id === sid)).toBe(false);
    });

    it('when the user approves a code, then it is audited', async () => {
      await api.signInCli(alice.session);
      const events = await t.core.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.type, 'device.approved'));
      expect(events.some((e) => e.userId === alice.id)).toBe(true);
    });
  });

  describe('JWKS and key rotation', () => {
    it('when the keys rotate, then the JWKS lists both and tokens signed before still work', async () => {
      const tokens = await api.signInCli(alice.session);
      const jwks = await api.inject('GET', '/.well-known/jwks.json');
      expect(jwks.statusCode).toBe(200);
      expect(jwks.headers['cache-control']).toBe('public, max-age=300');
      const oldKid = decodeProtectedHeader(tokens.access_token).kid;
      const keys = jwks.json<Jwks>().keys;
      expect(keys).toContainEqual({
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.any(String) as unknown,
        kid: oldKid,
        alg: 'EdDSA',
        use: 'sig',
      });
      expect(keys.every((k) => !('d' in k))).toBe(true);

      const newKid = await t.security.keys.rotate();
      const after = (await api.inject('GET', '/.well-known/jwks.json')).json<Jwks>().keys;
      expect(after.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
      expect((await api.me(tokens.access_token)).statusCode).toBe(200);
      const refreshed = (await api.refresh(tokens.refresh_token)).json<Tokens>();
      expect(decodeProtectedHeader(refreshed.access_token).kid).toBe(newKid);
      expect((await api.me(refreshed.access_token)).statusCode).toBe(200);
    });
  });
});

describe.each(databaseTargets)('revocation seen by other instances on $name', (target) => {
  // authCacheTtlMs 0 stands for "after the cache TTL": a revocation made elsewhere (here:
  // straight in the database, as another instance would) is seen by the next request.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, { authCacheTtlMs: 0 });
  });
  afterAll(() => t.close());

  it('when the family is revoked elsewhere, then its access token stops working', async () => {
    const api = client(t);
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    const tokens = await api.signInCli(session);
    expect((await api.me(tokens.access_token)).statusCode).toBe(200);
    const sid = familyOf(tokens.access_token);
    await t.core.database.db
      .update(tokenFamilies)
      .set({ revokedAt: new Date(), revokedReason: 'test' })
      .where(eq(tokenFamilies.id, sid));
    expect((await api.me(tokens.access_token)).statusCode).toBe(401);
  });

  it('when a refresh token is reused, then the access token of that family stops working', async () => {
    const api = client(t);
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    const first = await api.signInCli(session);
    const second = (await api.refresh(first.refresh_token)).json<Tokens>();
    expect((await api.me(second.access_token)).statusCode).toBe(200);
    expect((await api.refresh(first.refresh_token)).statusCode).toBe(400);
    expect((await api.me(second.access_token)).statusCode).toBe(401);
    expect((await api.me(first.access_token)).statusCode).toBe(401);
  });
});
