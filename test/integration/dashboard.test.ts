/**
 * The dashboard through the HTTP API on every database, with events recorded at chosen times
 * and the clock set to a chosen "now": streak and heatmap counted in the learner's time zone
 * (across a DST change too), the weekly goal in topics and in hours, the pace planner, the
 * forecast once there are five data points, what changed since a section was finished, bad
 * input refused, and each learner's dashboard their own.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProgressStatus } from '../../src/db/progress.schema.js';
import { progressEvents, roadmaps, topics } from '../../src/db/schema.js';
import { createProgressRepository } from '../../src/modules/progress/progress.repository.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const PROBLEM = /^application\/problem\+json/;
const SLUG = 'senior-backend';
/** "Now" for every dashboard read: a Wednesday. */
const NOW = new Date('2026-03-11T10:00:00Z');
let ipCounter = 0;
const nextIp = () => `10.5.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}`;

interface Learner {
  id: string;
  session: BrowserSession;
}
interface RoadmapEntry {
  slug: string;
  title: string;
  completion: { topics: number; complete: number; percent: number };
  pace: {
    remainingHours: number;
    hoursPerWeek: number;
    weeksNeeded: number;
    projectedFinish: string | null;
  };
  forecast: {
    status: string;
    method: string;
    dataPoints: number;
    moreNeeded: number;
    history: { date: string; completed: number }[];
    target: number;
    slopePerWeek: number | null;
    expectedFinish: string | null;
    earliestFinish: string | null;
    latestFinish: string | null;
    band: { date: string; expected: number; low: number; high: number }[];
  };
  changes: {
    sectionId: string;
    title: string;
    finishedAt: string;
    added: { topicId: string; title: string; at: string }[];
    changed: { topicId: string; title: string; at: string }[];
    removed: { topicId: string; title: string; at: string }[];
  }[];
}
interface Dashboard {
  today: string;
  settings: Record<string, unknown>;
  streak: { current: number; longest: number; activeToday: boolean; lastActiveOn: string | null };
  heatmap: {
    from: string;
    to: string;
    total: number;
    max: number;
    activeDays: number;
    days: { date: string; count: number }[];
  };
  weeklyGoal: Record<string, unknown>;
  roadmaps: RoadmapEntry[];
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(databaseTargets)('dashboard on $name', (target) => {
  let t: TestApp;
  let sections: { id: string; title: string; topicIds: string[] }[];
  let hours: Map<string, number>;
  let topicIds: string[];
  let used = 0;
  /** Topics no earlier test has used, so the tests do not depend on each other. */
  const fresh = (n: number) => {
    used += n;
    return topicIds.slice(used - n, used);
  };

  const learner = async (settings?: Record<string, unknown>): Promise<Learner> => {
    const user = await createUser(t);
    const l = { id: user.id, session: await signIn(t, user.email, user.password) };
    if (settings) {
      const res = await patchSettings(l, settings);
      expect(res.statusCode, res.body).toBe(200);
    }
    return l;
  };
  const patchSettings = (l: Learner, body: object) =>
    t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/learning-settings',
      headers: asSession(l.session),
      payload: body,
      remoteAddress: nextIp(),
    });
  /** Records status changes at the given instants, in order, as the API would. */
  const record = async (
    l: Learner,
    changes: [topicId: string, status: ProgressStatus, at: string][],
  ) => {
    const repository = createProgressRepository(t.core.database.db);
    for (const [topicId, status, at] of changes) {
      await repository.setStatus({
        userId: l.id,
        roadmapSlug: SLUG,
        topicId,
        status,
        source: 'api',
        at: new Date(at),
      });
    }
  };
  /** GET /me/dashboard with the clock at `now`. */
  const request = async (headers: Record<string, string>, query = '', now = NOW) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    try {
      return await t.app.inject({
        method: 'GET',
        url: `/api/v1/me/dashboard${query}`,
        headers,
        remoteAddress: nextIp(),
      });
    } finally {
      vi.useRealTimers();
    }
  };
  const dashboardOf = async (l: Learner, query = '', now = NOW) => {
    const res = await request({ cookie: l.session.cookie }, query, now);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Dashboard>();
  };
  const nonZero = (d: Dashboard) => d.heatmap.days.filter((x) => x.count > 0);

  beforeAll(async () => {
    t = await createTestApp(target);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/roadmaps/${SLUG}` });
    const roadmap = res.json<{
      sections: { id: string; title: string; topicIds: string[] }[];
      topics: { id: string; hours: number }[];
    }>();
    sections = roadmap.sections;
    hours = new Map(roadmap.topics.map((x) => [x.id, x.hours]));
    topicIds = roadmap.topics.map((x) => x.id);
    expect(topicIds.length).toBeGreaterThan(40);
  });
  afterAll(() => t.close());

  it('when a learner has no progress, then the dashboard is empty but complete', async () => {
    const l = await learner();
    const res = await request({ cookie: l.session.cookie });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const d = res.json<Dashboard>();
    expect(d.today).toBe('2026-03-11');
    expect(d.settings).toMatchObject({ timeZone: 'UTC', weeklyGoal: 3 });
    expect(d.streak).toEqual({ current: 0, longest: 0, activeToday: false, lastActiveOn: null });
    expect(d.heatmap).toMatchObject({ from: '2025-03-12', to: '2026-03-11', total: 0, max: 0 });
    expect(d.heatmap.days).toHaveLength(365);
    expect(d.weeklyGoal).toMatchObject({
      unit: 'topics',
      goal: 3,
      achieved: 0,
      percent: 0,
      weekStart: '2026-03-09',
      weekEnd: '2026-03-15',
    });
    expect(d.roadmaps).toEqual([]);
  });

  it('counts streak, heatmap and weekly goal by days and weeks in the learner’s time zone', async () => {
    // Tokyo is UTC+9: several of these instants fall on another date there than in UTC.
    const l = await learner({ timeZone: 'Asia/Tokyo' });
    const [monday, wednesday, lastWeek, skipped, june, yearAgo] = fresh(6);
    await record(l, [
      [yearAgo!, 'learning', '2025-03-11T00:00:00Z'], // Tokyo 2025-03-11: outside the heatmap
      [june!, 'learning', '2025-06-01T00:00:00Z'], // Tokyo 2025-06-01
      [lastWeek!, 'done', '2026-03-07T12:00:00Z'], // Tokyo Sat 03-07
      [monday!, 'done', '2026-03-08T16:00:00Z'], // Tokyo Mon 03-09 01:00 (Sunday in UTC)
      [wednesday!, 'learning', '2026-03-09T14:30:00Z'], // Tokyo Mon 03-09 23:30
      [skipped!, 'skipped', '2026-03-10T00:00:00Z'], // Tokyo Tue 03-10
      [wednesday!, 'done', '2026-03-10T15:30:00Z'], // Tokyo Wed 03-11 00:30
    ]);
    const d = await dashboardOf(l);
    expect(d.today).toBe('2026-03-11'); // 19:00 in Tokyo
    expect(d.streak).toEqual({
      current: 3,
      longest: 3,
      activeToday: true,
      lastActiveOn: '2026-03-11',
    });
    expect(nonZero(d)).toEqual([
      { date: '2025-06-01', count: 1 },
      { date: '2026-03-07', count: 1 },
      { date: '2026-03-09', count: 2 },
      { date: '2026-03-10', count: 1 },
      { date: '2026-03-11', count: 1 },
    ]);
    expect(d.heatmap).toMatchObject({ total: 6, max: 2, activeDays: 5 });
    const doneHours = hours.get(monday!)! + hours.get(wednesday!)!;
    expect(d.weeklyGoal).toEqual({
      unit: 'topics',
      goal: 3,
      achieved: 2,
      percent: 66,
      met: false,
      weekStart: '2026-03-09',
      weekEnd: '2026-03-15',
      topicsDone: 2,
      hoursDone: doneHours,
    });

    // The same goal in hours counts the topics' estimated hours.
    expect(
      (await patchSettings(l, { weeklyGoalUnit: 'hours', weeklyGoal: doneHours })).statusCode,
    ).toBe(200);
    expect((await dashboardOf(l)).weeklyGoal).toMatchObject({
      unit: 'hours',
      goal: doneHours,
      achieved: doneHours,
      percent: 100,
      met: true,
    });

    // In UTC the same events make another picture: 03-08 and 03-10 are active, today is not.
    expect((await patchSettings(l, { timeZone: 'UTC' })).statusCode).toBe(200);
    const utc = await dashboardOf(l);
    expect(utc.streak).toMatchObject({
      current: 4,
      activeToday: false,
      lastActiveOn: '2026-03-10',
    });
    // ... and the week began on Monday 00:00 UTC, after `monday` was done (Sunday in UTC).
    expect(utc.weeklyGoal).toMatchObject({ topicsDone: 1, hoursDone: hours.get(wednesday!) });
    expect(nonZero(utc).map((x) => x.date)).toContain('2026-03-08');
  });

  it('keeps yesterday’s streak while today has no activity yet, and breaks it after a missed day', async () => {
    const l = await learner();
    const [a, b] = fresh(2);
    await record(l, [
      [a!, 'learning', '2026-03-09T08:00:00Z'],
      [b!, 'learning', '2026-03-10T23:59:00Z'],
    ]);
    expect((await dashboardOf(l)).streak).toEqual({
      current: 2,
      longest: 2,
      activeToday: false,
      lastActiveOn: '2026-03-10',
    });
    const dayAfter = await dashboardOf(l, '', new Date('2026-03-12T00:00:01Z'));
    expect(dayAfter.streak).toMatchObject({ current: 0, longest: 2 });
  });

  it('buckets days at local midnight across a DST change', async () => {
    // New York moved to summer time on 2026-03-08 (UTC-5 -> UTC-4).
    const l = await learner({ timeZone: 'America/New_York' });
    const [a, b, c, e] = fresh(4);
    await record(l, [
      [a!, 'learning', '2026-03-08T04:30:00Z'], // 03-07 23:30 EST
      [b!, 'learning', '2026-03-08T05:30:00Z'], // 03-08 00:30 EST
      [c!, 'learning', '2026-03-09T03:59:00Z'], // 03-08 23:59 EDT
      [e!, 'learning', '2026-03-09T04:00:00Z'], // 03-09 00:00 EDT
    ]);
    const d = await dashboardOf(l);
    expect(d.today).toBe('2026-03-11'); // 06:00 in New York
    expect(nonZero(d)).toEqual([
      { date: '2026-03-07', count: 1 },
      { date: '2026-03-08', count: 2 },
      { date: '2026-03-09', count: 1 },
    ]);
    expect(d.streak).toMatchObject({ current: 0, longest: 3, lastActiveOn: '2026-03-09' });
  });

  it('plans the pace and forecasts the finish from five days of completions on', async () => {
    const l = await learner({ hoursPerWeek: 4 });
    const total = topicIds.length;
    const picked = fresh(5);
    // One topic done every second day from 02-01: a perfectly steady pace.
    await record(
      l,
      picked.slice(0, 4).map((id, i) => [id, 'done', `${addDays('2026-02-01', 2 * i)}T12:00:00Z`]),
    );
    const remainingAfter = (done: string[]) =>
      topicIds.filter((id) => !done.includes(id)).reduce((sum, id) => sum + hours.get(id)!, 0);

    let [entry] = (await dashboardOf(l)).roadmaps;
    expect(entry!.slug).toBe(SLUG);
    expect(entry!.completion).toEqual({
      topics: total,
      complete: 4,
      percent: Math.floor(400 / total),
    });
    expect(entry!.forecast).toMatchObject({
      status: 'needs_more_data',
      dataPoints: 4,
      moreNeeded: 1,
      expectedFinish: null,
    });
    expect(entry!.forecast.method).toMatch(/least-squares/);
    const remaining4 = Math.round(remainingAfter(picked.slice(0, 4)) * 10) / 10;
    expect(entry!.pace).toEqual({
      remainingHours: remaining4,
      hoursPerWeek: 4,
      weeksNeeded: Math.round((remaining4 / 4) * 10) / 10,
      projectedFinish: addDays('2026-03-11', Math.ceil((remaining4 / 4) * 7 - 1e-9)),
    });

    await record(l, [[picked[4]!, 'done', '2026-02-09T12:00:00Z']]);
    [entry] = (await dashboardOf(l)).roadmaps;
    // 0.5 topics a day from 1 on 02-01: all `total` topics 2 * (total - 1) days after 02-01.
    const finish = addDays('2026-02-01', 2 * (total - 1));
    expect(entry!.forecast).toMatchObject({
      status: 'projected',
      dataPoints: 5,
      moreNeeded: 0,
      target: total,
      slopePerWeek: 3.5,
      expectedFinish: finish,
      earliestFinish: finish,
      latestFinish: finish,
    });
    expect(entry!.forecast.history).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ date: addDays('2026-02-01', 2 * (n - 1)), completed: n })),
    );
    expect(entry!.forecast.band[0]).toEqual({ date: '2026-02-01', expected: 1, low: 1, high: 1 });
    expect(entry!.forecast.band.at(-1)).toMatchObject({ date: finish, expected: total });
    expect(entry!.pace.remainingHours).toBe(Math.round(remainingAfter(picked) * 10) / 10);

    // A topic that stops being complete counts against the history that day.
    await record(l, [[picked[0]!, 'learning', '2026-02-10T12:00:00Z']]);
    [entry] = (await dashboardOf(l)).roadmaps;
    expect(entry!.forecast.history.at(-1)).toEqual({ date: '2026-02-10', completed: 4 });
    expect(entry!.completion.complete).toBe(4);
  });

  it('shows a roadmap asked for by ?roadmap= even without progress, and refuses bad queries', async () => {
    const l = await learner();
    const d = await dashboardOf(l, `?roadmap=${SLUG}`);
    expect(d.roadmaps.map((r) => [r.slug, r.completion.complete, r.forecast.status])).toEqual([
      [SLUG, 0, 'needs_more_data'],
    ]);
    const sumHours = Math.round([...hours.values()].reduce((a, b) => a + b, 0) * 10) / 10;
    expect(d.roadmaps[0]!.pace.remainingHours).toBe(sumHours);

    const unknown = await request({ cookie: l.session.cookie }, '?roadmap=no-such-roadmap');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(PROBLEM);
    for (const query of ['?roadmap=Not_A_Slug', '?roadmap=', '?colour=blue']) {
      const res = await request({ cookie: l.session.cookie }, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('needs credentials and progress:read, and shows each learner only their own', async () => {
    const a = await learner();
    const b = await learner();
    await record(
      a,
      fresh(2).map((id, i) => [id, 'done', `2026-03-1${i}T09:00:00Z`]),
    );
    const anonymous = await request({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(PROBLEM);

    const seen = await dashboardOf(b);
    expect(seen.heatmap.total).toBe(0);
    expect(seen.roadmaps).toEqual([]);
    expect((await dashboardOf(a)).heatmap.total).toBe(2);

    const token = async (scopes: string[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: asSession(a.session),
        payload: { name: 'dashboard test', scopes, expiresInDays: 1 },
        remoteAddress: nextIp(),
      });
      expect(res.statusCode, res.body).toBe(201);
      return `Bearer ${res.json<{ token: string }>().token}`;
    };
    expect((await request({ authorization: await token(['profile:read']) })).statusCode).toBe(403);
    const withToken = await request({ authorization: await token(['progress:read']) });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json<Dashboard>().heatmap.total).toBe(2);
  });

  // Last: it changes the content under every other test.
  it('lists what changed in the content since the learner finished a section', async () => {
    const l = await learner();
    const section = [...sections].sort((x, y) => x.topicIds.length - y.topicIds.length)[0]!;
    const [later, revised, removed, ...rest] = section.topicIds;
    // Everything but `later` complete by 03-03 12:00: the section is finished then, if `later`
    // was added to it afterwards.
    await record(l, [
      [revised!, 'done', '2026-03-01T12:00:00Z'],
      [removed!, 'done', '2026-03-02T12:00:00Z'],
      ...rest.map((id): [string, ProgressStatus, string] => [
        id,
        'skipped',
        '2026-03-03T12:00:00Z',
      ]),
    ]);
    const [roadmap] = await t.core.database.db
      .select({ id: roadmaps.id })
      .from(roadmaps)
      .where(eq(roadmaps.slug, SLUG));
    const set = (ids: string[], values: Partial<typeof topics.$inferInsert>) =>
      t.core.database.db
        .update(topics)
        .set(values)
        .where(and(eq(topics.roadmapId, roadmap!.id), inArray(topics.id, ids)));

    // The content was loaded (at the real time) after these events: say it came before.
    await set(topicIds, { addedAt: new Date('2026-01-01T00:00:00Z') });
    // Before any change since: nothing to report.
    await set([later!], { addedAt: new Date('2026-03-03T11:00:00Z') });
    await record(l, [[later!, 'done', '2026-03-03T13:00:00Z']]);
    await t.core.roadmaps.reload();
    expect((await dashboardOf(l)).roadmaps[0]!.changes).toEqual([]);

    // `later` arrives after the finish (so the learner's finish was before it), `revised`
    // changes and `removed` leaves the roadmap.
    await record(l, [[later!, 'not_started', '2026-03-03T14:00:00Z']]);
    await set([later!], { addedAt: new Date('2026-03-04T00:00:00Z') });
    await set([revised!], { changedAt: new Date('2026-03-05T00:00:00Z') });
    await set([removed!], { archivedAt: new Date('2026-03-06T00:00:00Z') });
    await t.core.roadmaps.reload();
    const title = (id: string) =>
      t.core.database.db
        .select({ title: topics.title })
        .from(topics)
        .where(and(eq(topics.roadmapId, roadmap!.id), eq(topics.id, id)))
        .then((rows) => rows[0]!.title);
    const entry = (await dashboardOf(l)).roadmaps[0]!;
    expect(entry.changes).toEqual([
      {
        sectionId: section.id,
        title: section.title,
        finishedAt: '2026-03-03T12:00:00.000Z',
        added: [{ topicId: later, title: await title(later!), at: '2026-03-04T00:00:00.000Z' }],
        changed: [
          { topicId: revised, title: await title(revised!), at: '2026-03-05T00:00:00.000Z' },
        ],
        removed: [
          { topicId: removed, title: await title(removed!), at: '2026-03-06T00:00:00.000Z' },
        ],
      },
    ]);
    // The removed topic left the roadmap's total; its history stays.
    expect(entry.completion.topics).toBe(topicIds.length - 1);
    const kept = await t.core.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(progressEvents)
      .where(and(eq(progressEvents.userId, l.id), eq(progressEvents.topicId, removed!)));
    expect(kept[0]!.n).toBe(1);
  });
});
