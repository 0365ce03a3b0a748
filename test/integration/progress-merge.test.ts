/**
 * Merging progress recorded without an account (in the browser) into a learner's account, on
 * every database: both sides' changes kept in the history, the later change of each topic
 * winning, the history ordered by time, and bad input refused whole with nothing recorded.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressEvents, topicProgress } from '../../src/db/schema.js';
import { MERGE_MAX_CHANGES } from '../../src/modules/progress/progress.schemas.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { addArchivedTopic } from '../helpers/archived-topic.js';
import { databaseTargets } from '../helpers/databases.js';

const SLUG = 'senior-backend';
const PROBLEM = /^application\/problem\+json/;
const HOUR = 3600_000;
let ipCounter = 0;
const nextIp = () => `10.6.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Change {
  topicId: string;
  from: string | null;
  to: string;
  at: string;
}
interface MergeResult {
  roadmapSlug: string;
  recorded: number;
  alreadyRecorded: number;
  applied: string[];
  kept: string[];
  progress: {
    topics: { topicId: string; status: string; updatedAt: string | null }[];
    total: { complete: number };
  };
}
interface Event {
  from: string | null;
  to: string;
  at: string;
  source: string;
}
interface Problem {
  type: string;
  detail: string;
  errors?: { field: string; message: string }[];
}
interface Learner {
  id: string;
  session: BrowserSession;
}

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe.each(databaseTargets)('merging browser progress on $name', (target) => {
  let t: TestApp;
  let topicIds: string[];
  let used = 0;
  /** A topic no earlier test has touched. */
  const fresh = () => topicIds[used++]!;

  beforeAll(async () => {
    t = await createTestApp(target);
    const roadmap = await t.app.inject({ method: 'GET', url: `/api/v1/roadmaps/${SLUG}` });
    topicIds = roadmap.json<{ topics: { id: string }[] }>().topics.map((x) => x.id);
  });
  afterAll(() => t.close());

  const learner = async (): Promise<Learner> => {
    const user = await createUser(t);
    return { id: user.id, session: await signIn(t, user.email, user.password) };
  };
  const request = (
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers, payload, remoteAddress: nextIp() });
  const mergeUrl = (slug = SLUG) => `/me/roadmaps/${slug}/progress/merge`;
  const merge = (l: Learner, changes: Change[]) =>
    request('POST', mergeUrl(), asSession(l.session), { changes });
  const mergeOk = async (l: Learner, changes: Change[]) => {
    const res = await merge(l, changes);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<MergeResult>();
  };
  const put = async (l: Learner, topicId: string, status: string) => {
    const res = await request(
      'PUT',
      `/me/roadmaps/${SLUG}/topics/${topicId}/status`,
      asSession(l.session),
      { status },
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ updatedAt: string }>();
  };
  const history = async (l: Learner, topicId: string) => {
    const res = await request('GET', `/me/roadmaps/${SLUG}/topics/${topicId}/history`, {
      cookie: l.session.cookie,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ events: Event[] }>().events;
  };
  const statusIn = (result: MergeResult, topicId: string) =>
    result.progress.topics.find((x) => x.topicId === topicId)?.status;

  /** The stored state of each topic is its last event by (at, id). */
  async function expectStateIsLastEvent(l: Learner, topicId: string) {
    const db = t.core.database.db;
    const [last] = await db
      .select()
      .from(progressEvents)
      .where(and(eq(progressEvents.userId, l.id), eq(progressEvents.topicId, topicId)))
      .orderBy(desc(progressEvents.at), desc(progressEvents.id))
      .limit(1);
    const [state] = await db
      .select()
      .from(topicProgress)
      .where(and(eq(topicProgress.userId, l.id), eq(topicProgress.topicId, topicId)));
    expect(state).toMatchObject({
      status: last!.toStatus,
      updatedAt: last!.at,
      lastEventId: last!.id,
    });
  }

  /** Everything stored for a learner, to show that a refused merge changed nothing. */
  async function storedFor(l: Learner) {
    const db = t.core.database.db;
    return {
      events: await db
        .select()
        .from(progressEvents)
        .where(eq(progressEvents.userId, l.id))
        .orderBy(asc(progressEvents.id)),
      states: await db
        .select()
        .from(topicProgress)
        .where(eq(topicProgress.userId, l.id))
        .orderBy(asc(topicProgress.topicId)),
    };
  }

  it('when an empty account merges browser progress, then every change is in the history and each topic has its last status', async () => {
    const l = await learner();
    const [a, b] = [fresh(), fresh()];
    const changes = [
      { topicId: a, from: null, to: 'learning', at: ago(3 * HOUR) },
      { topicId: b, from: null, to: 'review', at: ago(2 * HOUR) },
      { topicId: a, from: 'learning', to: 'done', at: ago(HOUR) },
    ];
    const result = await mergeOk(l, changes);
    expect(result).toMatchObject({ roadmapSlug: SLUG, recorded: 3, alreadyRecorded: 0, kept: [] });
    expect([...result.applied].sort()).toEqual([a, b].sort());
    expect(statusIn(result, a)).toBe('done');
    expect(statusIn(result, b)).toBe('review');
    expect(result.progress.total.complete).toBe(2);
    expect(result.progress.topics.find((x) => x.topicId === a)?.updatedAt).toBe(changes[2]!.at);

    expect(await history(l, a)).toEqual([
      { from: 'learning', to: 'done', at: changes[2]!.at, source: 'web' },
      { from: null, to: 'learning', at: changes[0]!.at, source: 'web' },
    ]);
    await expectStateIsLastEvent(l, a);
    await expectStateIsLastEvent(l, b);
  });

  it("when the account's change is later, then the account's status stays and the browser's change joins the history before it", async () => {
    const l = await learner();
    const topicId = fresh();
    const mine = await put(l, topicId, 'learning');
    const earlier = ago(24 * HOUR);
    const result = await mergeOk(l, [{ topicId, from: null, to: 'done', at: earlier }]);
    expect(result).toMatchObject({ recorded: 1, applied: [], kept: [topicId] });
    expect(statusIn(result, topicId)).toBe('learning');
    expect((await history(l, topicId)).map((e) => [e.from, e.to, e.at, e.source])).toEqual([
      [null, 'learning', mine.updatedAt, 'web'],
      [null, 'done', earlier, 'web'],
    ]);
    await expectStateIsLastEvent(l, topicId);
  });

  it("when the browser's change is later, then its status wins and the account's change stays in the history", async () => {
    const l = await learner();
    const topicId = fresh();
    const mine = await put(l, topicId, 'learning');
    const later = new Date(Date.parse(mine.updatedAt) + 5);
    // Not a timing assertion: the change must be in the past when it is merged.
    while (Date.now() <= later.getTime() + 1) await sleep(5);
    const result = await mergeOk(l, [
      { topicId, from: 'learning', to: 'done', at: later.toISOString() },
    ]);
    expect(result).toMatchObject({ recorded: 1, applied: [topicId], kept: [] });
    expect(statusIn(result, topicId)).toBe('done');
    expect((await history(l, topicId)).map((e) => [e.to, e.at])).toEqual([
      ['done', later.toISOString()],
      ['learning', mine.updatedAt],
    ]);
    await expectStateIsLastEvent(l, topicId);

    // A change made after the merge comes after everything merged.
    await put(l, topicId, 'review');
    expect((await history(l, topicId)).map((e) => e.to)).toEqual(['review', 'done', 'learning']);
    await expectStateIsLastEvent(l, topicId);
  });

  it('when a change is dated in the future, then it is recorded as of now', async () => {
    const l = await learner();
    const topicId = fresh();
    const before = Date.now();
    const result = await mergeOk(l, [
      { topicId, from: null, to: 'done', at: new Date(Date.now() + 365 * 24 * HOUR).toISOString() },
    ]);
    const [event] = await history(l, topicId);
    expect(Date.parse(event!.at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(event!.at)).toBeLessThanOrEqual(Date.now());
    expect(statusIn(result, topicId)).toBe('done');
    // So a change made right after still wins.
    await put(l, topicId, 'review');
    await expectStateIsLastEvent(l, topicId);
    expect((await history(l, topicId))[0]!.to).toBe('review');
  });

  it('when the same merge is sent twice, then the second records nothing', async () => {
    const l = await learner();
    const topicId = fresh();
    const changes = [
      { topicId, from: null, to: 'learning', at: ago(2 * HOUR) },
      { topicId, from: 'learning', to: 'skipped', at: ago(HOUR) },
    ];
    await mergeOk(l, changes);
    const before = await storedFor(l);
    const again = await mergeOk(l, changes);
    expect(again).toMatchObject({ recorded: 0, alreadyRecorded: 2, applied: [], kept: [] });
    expect(statusIn(again, topicId)).toBe('skipped');
    expect(await storedFor(l)).toEqual(before);
  });

  it('when some topics are unknown or removed, then 400 names each change and nothing is recorded', async () => {
    const db = t.core.database.db;
    await addArchivedTopic(db, SLUG, 'merge-retired');

    const l = await learner();
    const topicId = fresh();
    await put(l, topicId, 'learning');
    const before = await storedFor(l);
    const res = await merge(l, [
      { topicId, from: null, to: 'done', at: ago(HOUR) },
      { topicId: 'no-such-topic', from: null, to: 'done', at: ago(HOUR) },
      { topicId: 'merge-retired', from: null, to: 'done', at: ago(HOUR) },
      { topicId, from: 'done', to: 'done', at: ago(HOUR) },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    const problem = res.json<Problem>();
    expect(problem.type).toBe('tag:waymark.dev,2026:problems/validation-failed');
    expect(problem.detail).toMatch(/Nothing was recorded/);
    expect(problem.errors).toEqual([
      {
        field: 'body.changes.1.topicId',
        message: `roadmap "${SLUG}" has no topic "no-such-topic"`,
      },
      {
        field: 'body.changes.2.topicId',
        message: `topic "merge-retired" was removed from roadmap "${SLUG}"`,
      },
      { field: 'body.changes.3.to', message: 'is the same as from: nothing changes' },
    ]);
    expect(await storedFor(l)).toEqual(before);
  });

  it.each([
    ['a status that does not exist', { from: null, to: 'finished' }, 'body.changes.0.to'],
    ['a time that is not a date', { from: null, to: 'done', at: 'yesterday' }, 'body.changes.0.at'],
    ['no time', { from: null, to: 'done', at: undefined }, 'body.changes.0.at'],
    ['an extra property', { from: null, to: 'done', userId: 'x' }, 'body.changes.0.userId'],
  ])(
    'when a change has %s, then 400 names the field and nothing is recorded',
    async (_label, change, field) => {
      const l = await learner();
      const res = await merge(l, [{ topicId: topicIds[0]!, at: ago(HOUR), ...change } as Change]);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.field)).toContain(field);
      expect(await storedFor(l)).toEqual({ events: [], states: [] });
    },
  );

  it('when a merge has more changes than allowed, then 400 and nothing is recorded', async () => {
    const l = await learner();
    const changes = Array.from({ length: MERGE_MAX_CHANGES + 1 }, (_, i) => ({
      topicId: topicIds[i % topicIds.length]!,
      from: i % 2 === 0 ? null : 'learning',
      to: i % 2 === 0 ? 'learning' : 'done',
      at: new Date(Date.now() - HOUR - i).toISOString(),
    }));
    const res = await merge(l, changes);
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.field)).toContain('body.changes');
    expect(await storedFor(l)).toEqual({ events: [], states: [] });
  });

  it('when the roadmap does not exist, then 404', async () => {
    const l = await learner();
    const res = await request('POST', mergeUrl('no-such-roadmap'), asSession(l.session), {
      changes: [],
    });
    expect(res.statusCode).toBe(404);
  });

  it('when nobody is signed in, or a session sends no CSRF token, then it is refused', async () => {
    const body = { changes: [{ topicId: topicIds[0]!, from: null, to: 'done', at: ago(HOUR) }] };
    expect((await request('POST', mergeUrl(), {}, body)).statusCode).toBe(401);
    const l = await learner();
    const res = await request('POST', mergeUrl(), { cookie: l.session.cookie }, body);
    expect(res.statusCode).toBe(403);
    expect(await storedFor(l)).toEqual({ events: [], states: [] });
  });

  it('when a token merges, then it needs progress:write and its changes are recorded as api', async () => {
    const l = await learner();
    const token = async (scopes: string[]) => {
      const res = await request('POST', '/me/tokens', asSession(l.session), {
        name: 'merge test',
        scopes,
        expiresInDays: 1,
      });
      return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
    };
    const topicId = fresh();
    const body = { changes: [{ topicId, from: null, to: 'done', at: ago(HOUR) }] };
    const read = await request('POST', mergeUrl(), await token(['progress:read']), body);
    expect(read.statusCode).toBe(403);
    const write = await request('POST', mergeUrl(), await token(['progress:write']), body);
    expect(write.statusCode, write.body).toBe(200);
    expect((await history(l, topicId)).map((e) => e.source)).toEqual(['api']);
  });

  it('when two learners merge, then each changes only their own progress', async () => {
    const [alice, bob] = [await learner(), await learner()];
    const topicId = fresh();
    await put(alice, topicId, 'review');
    await mergeOk(bob, [{ topicId, from: null, to: 'done', at: ago(HOUR) }]);
    expect((await history(alice, topicId)).map((e) => e.to)).toEqual(['review']);
    expect((await history(bob, topicId)).map((e) => e.to)).toEqual(['done']);
    await expectStateIsLastEvent(alice, topicId);
  });
});
