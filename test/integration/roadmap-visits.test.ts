/**
 * "New since your last visit" on every database: a visit is recorded, topics the content added
 * after the previous visit are listed, and they stay listed through reloads during the visit.
 * Content changes are simulated by moving topics' added_at; the passing of time by moving the
 * learner's last visit back.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roadmaps, roadmapVisits, topics } from '../../src/db/schema.js';
import { VISIT_GAP_MS } from '../../src/modules/progress/progress.service.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const SLUG = 'senior-backend';
const HOUR = 3600_000;
let ipCounter = 0;
const nextIp = () => `10.5.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}`;

interface Visit {
  roadmapSlug: string;
  previousVisitAt: string | null;
  newTopicIds: string[];
}
interface Learner {
  id: string;
  session: BrowserSession;
}

describe.each(databaseTargets)('roadmap visits on $name', (target) => {
  let t: TestApp;
  let topicIds: string[];
  let roadmapId: number;

  beforeAll(async () => {
    t = await createTestApp(target);
    const roadmap = await t.app.inject({ method: 'GET', url: `/api/v1/roadmaps/${SLUG}` });
    topicIds = roadmap.json<{ topics: { id: string }[] }>().topics.map((x) => x.id);
    const [row] = await t.core.database.db.select().from(roadmaps).where(eq(roadmaps.slug, SLUG));
    roadmapId = row!.id;
  });
  afterAll(() => t.close());
  // The content was loaded when the test database was made, moments ago: as if long before.
  beforeEach(async () => {
    await t.core.database.db
      .update(topics)
      .set({ addedAt: new Date(Date.now() - 90 * 24 * HOUR) })
      .where(eq(topics.roadmapId, roadmapId));
  });

  const learner = async (): Promise<Learner> => {
    const user = await createUser(t);
    return { id: user.id, session: await signIn(t, user.email, user.password) };
  };
  const visitUrl = (slug = SLUG) => `/api/v1/me/roadmaps/${slug}/visits`;
  const visit = async (l: Learner): Promise<Visit> => {
    const res = await t.app.inject({
      method: 'POST',
      url: visitUrl(),
      headers: asSession(l.session),
      remoteAddress: nextIp(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    return res.json<Visit>();
  };
  /** As if the learner's last visit was `ms` ago. */
  const lastSeen = async (l: Learner, ms: number) => {
    await t.core.database.db
      .update(roadmapVisits)
      .set({ lastSeenAt: new Date(Date.now() - ms) })
      .where(and(eq(roadmapVisits.userId, l.id), eq(roadmapVisits.roadmapSlug, SLUG)));
  };
  /** As if the content had added these topics `ms` ago. */
  const added = async (ids: string[], ms: number) => {
    await t.core.database.db
      .update(topics)
      .set({ addedAt: new Date(Date.now() - ms) })
      .where(and(eq(topics.roadmapId, roadmapId), inArray(topics.id, ids)));
  };

  it('when a learner opens a roadmap for the first time, then nothing is new', async () => {
    const l = await learner();
    expect(await visit(l)).toEqual({ roadmapSlug: SLUG, previousVisitAt: null, newTopicIds: [] });
    // A reload soon after continues the same (first) visit.
    expect(await visit(l)).toEqual({ roadmapSlug: SLUG, previousVisitAt: null, newTopicIds: [] });
  });

  it('when topics were added since the last visit, then they are new, and stay new through reloads of this visit', async () => {
    const l = await learner();
    await visit(l);
    await lastSeen(l, 3 * HOUR);
    const [late, early] = [topicIds.at(-1)!, topicIds[1]!];
    await added([late, early], 2 * HOUR);

    const first = await visit(l);
    // In roadmap order, whatever order they were added in.
    expect(first.newTopicIds).toEqual([early, late]);
    expect(Date.now() - Date.parse(first.previousVisitAt!)).toBeGreaterThan(3 * HOUR - 60_000);

    // A reload, and another shortly before the gap ends: still the same visit.
    expect(await visit(l)).toEqual(first);
    await lastSeen(l, VISIT_GAP_MS - 60_000);
    expect(await visit(l)).toEqual(first);

    // Coming back after the gap starts a new visit: those topics were seen on the last one.
    await lastSeen(l, VISIT_GAP_MS + 60_000);
    const next = await visit(l);
    expect(next.newTopicIds).toEqual([]);
    expect(Date.parse(next.previousVisitAt!)).toBeGreaterThan(Date.parse(first.previousVisitAt!));
  });

  it('when an added topic was removed again, then it is not listed', async () => {
    const l = await learner();
    await visit(l);
    await lastSeen(l, 3 * HOUR);
    const db = t.core.database.db;
    const [model] = await db.select().from(topics).where(eq(topics.roadmapId, roadmapId));
    await db.insert(topics).values({
      ...model!,
      id: 'visit-retired',
      addedAt: new Date(Date.now() - HOUR),
      archivedAt: new Date(),
    });
    await added([topicIds[2]!], HOUR);
    expect((await visit(l)).newTopicIds).toContain(topicIds[2]!);
    expect((await visit(l)).newTopicIds).not.toContain('visit-retired');
  });

  it("when another learner visits, then it changes nothing of the first learner's visits", async () => {
    const [alice, bob] = [await learner(), await learner()];
    await visit(alice);
    await lastSeen(alice, 3 * HOUR);
    await added([topicIds[3]!], HOUR);
    // Bob's first visit: nothing is new to him, and Alice's previous visit is untouched.
    expect((await visit(bob)).newTopicIds).toEqual([]);
    expect((await visit(alice)).newTopicIds).toContain(topicIds[3]!);
  });

  it('when nobody is signed in, then 401; when the roadmap does not exist, then 404', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: visitUrl(),
      remoteAddress: nextIp(),
    });
    expect(anonymous.statusCode).toBe(401);
    const l = await learner();
    const unknown = await t.app.inject({
      method: 'POST',
      url: visitUrl('no-such-roadmap'),
      headers: asSession(l.session),
      remoteAddress: nextIp(),
    });
    expect(unknown.statusCode).toBe(404);
    const rows = await t.core.database.db
      .select()
      .from(roadmapVisits)
      .where(eq(roadmapVisits.userId, l.id));
    expect(rows).toEqual([]);
  });
});
