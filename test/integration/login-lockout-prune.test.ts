/**
 * Spent sign-in failure counters are deleted as new failures come in: a counter whose window
 * and lock have both run out goes; one still counting, or still locked, stays. On both
 * databases, through the lockout service with its own clock.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailures } from '../../src/db/schema.js';
import { createAccountsRepository } from '../../src/modules/accounts/accounts.repository.js';
import { createLoginLockout } from '../../src/modules/accounts/login-lockout.service.js';
import type { AuditEvent } from '../../src/modules/audit/audit.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const WINDOW_MS = 15 * 60_000;
const client = { ip: '192.0.2.1', userAgent: 'test' };
const keyOf = (email: string) => createHash('sha256').update(`login:${email}`).digest('hex');

describe.each(databaseTargets)('spent lockout counters on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  it('deletes counters whose window and lock are over, and only those', async () => {
    const db = t.core.database.db;
    const repository = createAccountsRepository(db);
    let clock = Date.parse('2026-11-26T12:00:00Z');
    const audited: AuditEvent[] = [];
    const lockout = createLoginLockout(
      repository,
      { record: (event) => Promise.resolve(void audited.push(event)) },
      { maxFailures: 3, windowMs: WINDOW_MS, now: () => clock },
    );
    const ago = (ms: number) => new Date(clock - ms);
    await db.insert(loginFailures).values([
      // Window over, never locked: spent.
      { keyHash: keyOf('old@example.test'), count: 2, windowStartedAt: ago(WINDOW_MS + 1) },
      // Window over, lock over: spent.
      {
        keyHash: keyOf('was-locked@example.test'),
        count: 3,
        windowStartedAt: ago(2 * WINDOW_MS),
        lockedUntil: ago(1),
      },
      // Window over but still locked: stays.
      {
        keyHash: keyOf('locked@example.test'),
        count: 3,
        windowStartedAt: ago(WINDOW_MS + 60_000),
        lockedUntil: new Date(clock + 60_000),
      },
      // Window still open: stays.
      { keyHash: keyOf('recent@example.test'), count: 1, windowStartedAt: ago(60_000) },
    ]);

    await lockout.recordFailure('new@example.test', null, client);
    const keys = async () =>
      (await db.select({ key: loginFailures.keyHash }).from(loginFailures)).map((r) => r.key);
    expect((await keys()).sort()).toEqual(
      [
        keyOf('locked@example.test'),
        keyOf('recent@example.test'),
        keyOf('new@example.test'),
      ].sort(),
    );
    // The one still locked is still refused.
    await expect(lockout.assertNotLocked('locked@example.test')).rejects.toMatchObject({
      code: 'too_many_requests',
    });

    // Once a prune has run, the next is minutes away: a counter spent meanwhile stays...
    clock += 60_000;
    await db.insert(loginFailures).values({
      keyHash: keyOf('spent-later@example.test'),
      count: 1,
      windowStartedAt: ago(WINDOW_MS + 1),
    });
    await lockout.recordFailure('another@example.test', null, client);
    expect(await keys()).toContain(keyOf('spent-later@example.test'));
    // ...until the next prune is due.
    clock += 4 * 60_000;
    await lockout.recordFailure('another@example.test', null, client);
    const left = await keys();
    expect(left).not.toContain(keyOf('spent-later@example.test'));
    expect(left).toContain(keyOf('recent@example.test'));
    expect(left).toContain(keyOf('another@example.test'));
    expect(audited).toEqual([]);
  });
});
