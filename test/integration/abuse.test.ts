/**
 * Abuse handling: per-address rate limits with RateLimit-* headers, account lockout after
 * repeated failures (alike for unknown addresses), the admin-only audit log, and how long a
 * revoked session may still be honoured from another instance's cache.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/schema.js';
import { createUser, signIn, uniqueEmail, type Body } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const PROBLEM = /^application\/problem\+json/;

describe.each(databaseTargets)('abuse handling on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, {
      loginLockout: { maxFailures: 3, windowMs: 60_000 },
      authCacheTtlMs: 300,
    });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('limits sign-up per client address with 429 problem+json and RateLimit headers', async () => {
    const ip = '192.0.2.10';
    const responses = [];
    for (let i = 0; i < 6; i++) {
      responses.push(
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          payload: { email: uniqueEmail('flood'), password: 'a fine passphrase' },
          remoteAddress: ip,
        }),
      );
    }
    expect(responses.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202, 429]);
    const last = responses[5]!;
    expect(last.headers['content-type']).toMatch(PROBLEM);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.headers['ratelimit-limit']).toBe('5');
    expect(last.headers['ratelimit-remaining']).toBe('0');
    // Another address is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: uniqueEmail('calm'), password: 'a fine passphrase' },
      remoteAddress: '192.0.2.11',
    });
    expect(other.statusCode).toBe(202);
  });

  it('locks an account after repeated failures, the same way for unknown addresses', async () => {
    const user = await createUser(t);
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 3; i++) {
      // Different client addresses: the lockout is per account, not per address.
      expect((await login(user.email, 'wrong password', `198.51.100.${i}`)).statusCode).toBe(401);
      expect((await login(ghost, 'wrong password', `198.51.100.${i}`)).statusCode).toBe(401);
    }
    const locked = await login(user.email, user.password, '198.51.100.50');
    const lockedGhost = await login(ghost, user.password, '198.51.100.51');
    for (const res of [locked, lockedGhost]) {
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    const strip = (b: { instance?: string; detail?: string }) => ({
      ...b,
      instance: undefined,
      detail: b.detail?.replace(/\d+/g, 'N'),
    });
    expect(strip(locked.json<Body>())).toEqual(strip(lockedGhost.json<Body>()));
    const events = await t.core.database.db.query.auditEvents.findMany();
    expect(events.filter((e) => e.type === 'login.failed' && e.userId === user.id)).toHaveLength(3);
    expect(events.some((e) => e.type === 'login.locked' && e.userId === user.id)).toBe(true);
  });

  it('counts wrong current passwords from a signed-in session toward the lockout', async () => {
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: { currentPassword: `guess number ${i}`, newPassword: 'a brand new passphrase' },
        remoteAddress: `198.51.100.${100 + i}`,
      });
      expect(res.statusCode).toBe(400);
    }
    expect((await login(user.email, user.password, '198.51.100.120')).statusCode).toBe(429);
  });

  it('lets only admins read the audit log', async () => {
    const member = await createUser(t);
    const admin = await createUser(t, { role: 'admin' });
    const memberSession = await signIn(t, member.email, member.password);
    const adminSession = await signIn(t, admin.email, admin.password);
    const asMember = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit-events',
      headers: { cookie: memberSession.cookie },
    });
    expect(asMember.statusCode).toBe(403);
    const asAdmin = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/audit-events?type=login.succeeded&userId=${member.id}&limit=5`,
      headers: { cookie: adminSession.cookie },
    });
    expect(asAdmin.statusCode).toBe(200);
    const events = asAdmin.json<Body>().events as { type: string; userId: string; ip: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'login.succeeded', userId: member.id });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit-events?limit=100000&sneaky=1',
      headers: { cookie: adminSession.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('a session revoked elsewhere stops working within the cache TTL', async () => {
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    const me = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } });
    expect((await me()).statusCode).toBe(200);
    // Another instance revokes it: straight in the shared database, no eviction here.
    await t.core.database.db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.userId, user.id));
    const deadline = Date.now() + 300 + 200;
    let status = 200;
    while (status === 200 && Date.now() < deadline + 1_000) {
      status = (await me()).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe(401);
    expect(Date.now()).toBeLessThanOrEqual(deadline + 1_000);
  });
});
