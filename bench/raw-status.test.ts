/**
 * The status benchmark's floor must do the work Waymark does: the same changes, made through
 * the API for one learner and through setStatusRaw for another, leave the same events and
 * states. PostgreSQL only (the floor is the `pg` driver).
 */
import { and, asc, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressEvents, topicProgress } from '../src/db/schema.js';
import { asSession, createUser, signIn } from '../test/helpers/accounts.js';
import { createTestApp, type TestApp } from '../test/helpers/app.js';
import { databaseTargets } from '../test/helpers/databases.js';
import { setStatusRaw } from './raw-status.js';

const postgres = databaseTargets.find((target) => target.name === 'postgres');
const SLUG = 'senior-backend';

describe.skipIf(postgres === undefined)('the raw status transaction', () => {
  let t: TestApp;
  let pool: pg.Pool;

  beforeAll(async () => {
    t = await createTestApp(postgres!);
    pool = new pg.Pool({ connectionString: t.config.databaseUrl, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  const recorded = async (userId: string) => {
    const db = t.core.database.db;
    const events = await db
      .select()
      .from(progressEvents)
      .where(eq(progressEvents.userId, userId))
      .orderBy(asc(progressEvents.id));
    const states = await db
      .select()
      .from(topicProgress)
      .where(and(eq(topicProgress.userId, userId), eq(topicProgress.roadmapSlug, SLUG)));
    const lastIds = new Map(states.map((s) => [s.topicId, s.lastEventId]));
    return {
      events: events.map((e) => [e.topicId, e.fromStatus, e.toStatus, e.source]),
      states: states
        .map((s) => [
          s.topicId,
          s.status,
          events.find((e) => e.id === lastIds.get(s.topicId))?.toStatus,
        ])
        .sort(),
    };
  };

  it('when the same changes are made through the API and raw, then both record the same', async () => {
    const [first, second] = t.core.roadmaps.roadmap(SLUG).view.sections[0]!.topicIds;
    const changes = [
      [first!, 'learning'],
      [first!, 'learning'], // no change: nothing recorded
      [second!, 'done'],
      [first!, 'done'],
      [first!, 'not_started'],
    ] as const;
    const viaApi = await createUser(t);
    const session = await signIn(t, viaApi.email, viaApi.password);
    const viaRaw = await createUser(t);
    const changed: boolean[] = [];
    for (const [topicId, status] of changes) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/status`,
        headers: asSession(session),
        payload: { status },
      });
      expect(res.statusCode, res.body).toBe(200);
      const raw = await setStatusRaw(pool, {
        userId: viaRaw.id,
        slug: SLUG,
        topicId,
        status,
        source: 'web',
      });
      expect(raw).toBe(res.json<{ changed: boolean }>().changed);
      changed.push(raw);
    }
    expect(changed).toEqual([true, false, true, true, true]);
    const api = await recorded(viaApi.id);
    expect(api.events).toHaveLength(4);
    expect(await recorded(viaRaw.id)).toEqual(api);
  });
});
