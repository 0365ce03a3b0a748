/**
 * The synthetic data set on every database: what the seeder writes is what the generator
 * drew, read back through the API as the learner would see it (states are the newest events,
 * histories are the events); a second run only adds what is missing; a reset removes the
 * synthetic learners and nothing else.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressEvents, topicProgress, users } from '../../src/db/schema.js';
import { createUser, signIn } from '../../test/helpers/accounts.js';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { databaseTargets } from '../../test/helpers/databases.js';
import { generateLearner, SYNTHETIC_PASSWORD, syntheticEmail } from './generate.js';
import { seedSynthetic, type SeedOptions } from './seed.js';

const SLUG = 'senior-backend';

describe.each(databaseTargets)('synthetic data set on $name', (target) => {
  let t: TestApp;
  let options: SeedOptions;

  beforeAll(async () => {
    t = await createTestApp(target);
    const { view } = t.core.roadmaps.roadmap(SLUG);
    options = {
      users: 40,
      seed: 3,
      until: new Date(),
      topicIds: view.sections.flatMap((s) => s.topicIds),
      roadmapSlug: SLUG,
      heavyEvents: 400,
      batchSize: 15,
      reset: false,
    };
  });
  afterAll(() => t.close());

  const eventsIn = async () =>
    (await t.core.database.db.select({ n: count() }).from(progressEvents))[0]!.n;
  const drawn = (users: number) =>
    Array.from({ length: users }, (_, n) => generateLearner(options, n));

  it('when seeded, then the learner sees the drawn events as histories and the newest as states', async () => {
    const bystander = await createUser(t);
    const progress: number[] = [];
    const report = await seedSynthetic(t.core.database.db, {
      ...options,
      onProgress: (p) => progress.push(p.done),
    });
    const learners = drawn(40);
    const events = learners.reduce((sum, l) => sum + l.events.length, 0);
    expect(report).toMatchObject({ created: 40, skipped: 0, events, deleted: 0 });
    expect(progress).toEqual([15, 30, 40]);
    expect(await eventsIn()).toBe(events);

    const heavy = learners[0]!;
    expect(heavy.events).toHaveLength(400);
    const session = await signIn(t, syntheticEmail(3, 0), SYNTHETIC_PASSWORD);
    const reader = { cookie: session.cookie };
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/me/roadmaps/${SLUG}${url}`, headers: reader });
    const shown = (await get('/progress')).json<{
      topics: { topicId: string; status: string; updatedAt: string | null }[];
    }>().topics;
    for (const topic of shown) {
      const mine = heavy.events.filter((e) => e.topicId === topic.topicId);
      const newest = mine.at(-1);
      expect(topic).toMatchObject({
        status: newest?.toStatus ?? 'not_started',
        updatedAt: newest?.at.toISOString() ?? null,
      });
      if (mine.length === 0) continue;
      const history = await get(`/topics/${topic.topicId}/history?limit=1000`);
      expect(history.json<{ events: unknown[] }>().events).toEqual(
        mine.reverse().map((e) => ({
          from: e.fromStatus,
          to: e.toStatus,
          at: e.at.toISOString(),
          source: e.source,
        })),
      );
    }
    // Someone else's account is left alone.
    const [other] = await t.core.database.db
      .select({ n: count() })
      .from(topicProgress)
      .where(eq(topicProgress.userId, bystander.id));
    expect(other!.n).toBe(0);
  });

  it('when run again with more learners, then only the missing ones are added', async () => {
    const report = await seedSynthetic(t.core.database.db, { ...options, users: 50 });
    expect(report).toMatchObject({ created: 10, skipped: 40 });
    expect(await eventsIn()).toBe(drawn(50).reduce((sum, l) => sum + l.events.length, 0));
  });

  it('when reset, then every synthetic learner goes before the new ones are made, and no one else', async () => {
    const before = (await t.core.database.db.select({ n: count() }).from(users))[0]!.n;
    const report = await seedSynthetic(t.core.database.db, { ...options, users: 5, reset: true });
    expect(report).toMatchObject({ deleted: 50, created: 5, skipped: 0 });
    expect((await t.core.database.db.select({ n: count() }).from(users))[0]!.n).toBe(before - 45);
    expect(await eventsIn()).toBe(drawn(5).reduce((sum, l) => sum + l.events.length, 0));
  });
});
