/**
 * Personal access tokens through the HTTP API on every database: created and listed from a
 * browser session, used as `Authorization: Bearer` on the API, limited by scope, expiry and
 * revocation, and private to their owner.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, personalAccessTokens } from '../../src/db/schema.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const PROBLEM = /^application\/problem\+json/;
const type = (code: string) => `tag:waymark.dev,2026:problems/${code}`;
let ipCounter = 0;
/** A client address per request, so per-address rate limits do not interfere. */
const nextIp = () => `10.7.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

interface Problem {
  type: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

interface CreatedToken {
  id: string;
  token: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

describe.each(databaseTargets)('personal access tokens on $name', (target) => {
  let t: TestApp;
  let alice: { id: string; session: BrowserSession };
  let bob: { id: string; session: BrowserSession };

  beforeAll(async () => {
    t = await createTestApp(target);
    const a = await createUser(t);
    const b = await createUser(t);
    alice = { id: a.id, session: await signIn(t, a.email, a.password) };
    bob = { id: b.id, session: await signIn(t, b.email, b.password) };
  });
  afterAll(() => t.close());

  const request = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string> = {},
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers, payload, remoteAddress: nextIp() });

  async function create(
    session: BrowserSession,
    body: object = { name: 'ci script', scopes: ['profile:read'], expiresInDays: 30 },
  ): Promise<CreatedToken> {
    const res = await request('POST', '/me/tokens', asSession(session), body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CreatedToken>();
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const list = async (session: BrowserSession) =>
    (await request('GET', '/me/tokens', { cookie: session.cookie })).json<{
      tokens: Record<string, unknown>[];
    }>().tokens;

  it('when a token is created, then it is shown once and listed by prefix only', async () => {
    const before = Date.now();
    const res = await request('POST', '/me/tokens', asSession(alice.session), {
      name: 'laptop',
      scopes: ['profile:read', 'progress:read'],
      expiresInDays: 7,
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json<CreatedToken>();
    expect(created.token).toMatch(/^wm_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    expect(created).toMatchObject({ name: 'laptop', scopes: ['profile:read', 'progress:read'] });
    const expires = Date.parse(created.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000 + 1000);

    const listed = (await list(alice.session)).find((x) => x.id === created.id);
    expect(listed).toEqual({
      id: created.id,
      name: 'laptop',
      prefix: created.prefix,
      scopes: ['profile:read', 'progress:read'],
      createdAt: created.createdAt,
      expiresAt: created.expiresAt,
      lastUsedAt: null,
    });
    const [row] = await t.core.database.db
      .select()
      .from(personalAccessTokens)
      .where(eq(personalAccessTokens.id, created.id));
    expect(row!.tokenHash).not.toContain(created.token);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.core.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.type, 'token.created'));
    expect(audit.some((e) => e.userId === alice.id && e.details.tokenId === created.id)).toBe(true);
  });

  it('when the token is sent as a bearer token, then GET /me answers as its owner', async () => {
    const { token, id } = await create(alice.session);
    const res = await request('GET', '/me', bearer(token));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: alice.id });
    const listed = (await list(alice.session)).find((x) => x.id === id);
    expect(listed?.lastUsedAt).toEqual(expect.any(String) as unknown);
  });

  it('when the token lacks the scope a route needs, then 403 insufficient_scope', async () => {
    const { token } = await create(alice.session, {
      name: 'progress only',
      scopes: ['progress:read'],
      expiresInDays: 1,
    });
    const res = await request('GET', '/me', bearer(token));
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json<Problem>().type).toBe(type('insufficient-scope'));
    expect(res.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
  });

  it('when a token tries to manage tokens, then it is refused (browser session only)', async () => {
    const { token } = await create(alice.session);
    expect((await request('GET', '/me/tokens', bearer(token))).statusCode).toBe(403);
    const res = await request('POST', '/me/tokens', bearer(token), {
      name: 'more',
      scopes: ['profile:read'],
      expiresInDays: 1,
    });
    expect(res.statusCode).toBe(403);
  });

  it('when a token is revoked, then it is refused at once and leaves the list', async () => {
    const { token, id } = await create(alice.session);
    expect((await request('GET', '/me', bearer(token))).statusCode).toBe(200); // now cached
    const res = await request('DELETE', `/me/tokens/${id}`, asSession(alice.session));
    expect(res.statusCode).toBe(204);
    const after = await request('GET', '/me', bearer(token));
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    expect((await list(alice.session)).some((x) => x.id === id)).toBe(false);
    expect((await request('DELETE', `/me/tokens/${id}`, asSession(alice.session))).statusCode).toBe(
      404,
    );
    const audit = await t.core.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.type, 'token.revoked'));
    expect(audit.some((e) => e.details.tokenId === id)).toBe(true);
  });

  it('when a token has expired, then it is refused', async () => {
    const { token, id } = await create(alice.session);
    await t.core.database.db
      .update(personalAccessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(personalAccessTokens.id, id));
    expect((await request('GET', '/me', bearer(token))).statusCode).toBe(401);
  });

  it('when another user asks, then they neither see nor revoke the token, nor learn it exists', async () => {
    const { token, id } = await create(alice.session);
    expect((await list(bob.session)).some((x) => x.id === id)).toBe(false);
    const theirs = await request('DELETE', `/me/tokens/${id}`, asSession(bob.session));
    const missing = await request(
      'DELETE',
      '/me/tokens/00000000-0000-4000-8000-000000000000',
      asSession(bob.session),
    );
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json<Problem>().detail).toBe(missing.json<Problem>().detail);
    expect((await request('GET', '/me', bearer(token))).statusCode).toBe(200);
  });

  it.each([
    ['an empty name', { name: '', scopes: ['profile:read'], expiresInDays: 1 }, 'name'],
    ['a blank name', { name: '   ', scopes: ['profile:read'], expiresInDays: 1 }, 'name'],
    ['a long name', { name: 'x'.repeat(101), scopes: ['profile:read'], expiresInDays: 1 }, 'name'],
    ['no scopes', { name: 'n', scopes: [], expiresInDays: 1 }, 'scopes'],
    ['an unknown scope', { name: 'n', scopes: ['admin'], expiresInDays: 1 }, 'scopes.0'],
    ['0 days', { name: 'n', scopes: ['profile:read'], expiresInDays: 0 }, 'expiresInDays'],
    ['366 days', { name: 'n', scopes: ['profile:read'], expiresInDays: 366 }, 'expiresInDays'],
    [
      'an extra property',
      { name: 'n', scopes: ['profile:read'], expiresInDays: 1, userId: 'x' },
      'userId',
    ],
  ])('when the request has %s, then 400 names the field', async (_label, body, field) => {
    const res = await request('POST', '/me/tokens', asSession(alice.session), body);
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().type).toBe(type('validation-failed'));
    expect(res.json<Problem>().errors?.map((e) => e.field)).toContain(`body.${field}`);
  });

  it('when a name holds a NUL character, then 400 problem+json and no token', async () => {
    const before = (await list(alice.session)).length;
    const res = await request('POST', '/me/tokens', asSession(alice.session), {
      name: 'a\u0000b',
      scopes: ['profile:read'],
      expiresInDays: 1,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect((await list(alice.session)).length).toBe(before);
  });

  it('when the CSRF header is missing, then creating is refused', async () => {
    const res = await request(
      'POST',
      '/me/tokens',
      { cookie: alice.session.cookie },
      {
        name: 'n',
        scopes: ['profile:read'],
        expiresInDays: 1,
      },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().type).toBe(type('csrf-failed'));
  });

  it('when nobody is signed in, then the token routes answer 401', async () => {
    expect((await request('GET', '/me/tokens')).statusCode).toBe(401);
    expect((await request('GET', '/me', bearer('wm_pat_made-up-token'))).statusCode).toBe(401);
  });

  it('when a user has 50 live tokens, then a 51st is refused until one is revoked', async () => {
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await create(session)).id);
    const refused = await request('POST', '/me/tokens', asSession(session), {
      name: 'one too many',
      scopes: ['profile:read'],
      expiresInDays: 1,
    });
    expect(refused.statusCode).toBe(409);
    await request('DELETE', `/me/tokens/${ids[0]}`, asSession(session));
    await create(session);
  });
});
