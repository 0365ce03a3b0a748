/**
 * Learners' progress through the HTTP API on every database: statuses set and read, idempotent
 * changes, the history of each topic, scopes and sources of tokens, each learner's progress
 * private to them, and concurrent changes that all land in the history in the order they took
 * effect.
 */
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { progressEvents, topicProgress } from '../../src/db/schema.js';
import { asSession } from '../helpers/accounts.js';
import { addArchivedTopic } from '../helpers/archived-topic.js';
import { databaseTargets } from '../helpers/databases.js';
import { learnerSuite, type Learner, type RoadmapSection } from '../helpers/learner-suite.js';

const PROBLEM = /^application\/problem\+json/;
const type = (code: string) => `tag:waymark.dev,2026:problems/${code}`;
const SLUG = 'senior-backend';

interface Problem {
  type: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}
interface TopicStatus {
  roadmapSlug: string;
  topicId: string;
  status: string;
  updatedAt: string | null;
  changed: boolean;
}
interface Completion {
  topics: number;
  complete: number;
  percent: number;
}
interface RoadmapProgress {
  roadmapSlug: string;
  topics: { topicId: string; sectionId: string; status: string; updatedAt: string | null }[];
  counts: Record<string, number>;
  sections: (Completion & { sectionId: string; title: string })[];
  total: Completion;
}
interface History {
  events: { from: string | null; to: string; at: string; source: string }[];
}
describe.each(databaseTargets)('progress on $name', (target) => {
  const suite = learnerSuite(target, { slug: SLUG, network: '10.8' });
  const { alice, freshTopic, learner, inject } = suite;
  let bob: Learner;
  let sections: readonly RoadmapSection[];
  // In section order, the order progress lists the topics in.
  let topicIds: string[];

  // Runs after the suite's beforeAll, which started the app and read the roadmap.
  beforeAll(async () => {
    bob = await learner();
    sections = suite.sections;
    topicIds = sections.flatMap((s) => s.topicIds);
    expect(topicIds.length).toBeGreaterThan(20);
  });

  const request = (
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    headers: Record<string, string> = {},
    payload?: object,
  ) => inject({ method, url: `/api/v1${url}`, headers, payload });

  const statusUrl = (topicId: string, slug = SLUG) =>
    `/me/roadmaps/${slug}/topics/${topicId}/status`;
  const historyUrl = (topicId: string, slug = SLUG) =>
    `/me/roadmaps/${slug}/topics/${topicId}/history`;
  const put = (headers: Record<string, string>, topicId: string, status: string) =>
    request('PUT', statusUrl(topicId), headers, { status });
  const progressOf = async (headers: Record<string, string>) => {
    const res = await request('GET', `/me/roadmaps/${SLUG}/progress`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<RoadmapProgress>();
  };
  const historyOf = async (headers: Record<string, string>, topicId: string) => {
    const res = await request('GET', historyUrl(topicId), headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<History>().events;
  };
  const reading = (l: Learner) => ({ cookie: l.session.cookie });

  async function token(l: Learner, scopes: string[]): Promise<Record<string, string>> {
    const res = await request('POST', '/me/tokens', asSession(l.session), {
      name: 'progress test',
      scopes,
      expiresInDays: 1,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
  }

  it('when nothing is recorded, then every topic is not_started and nothing is complete', async () => {
    const fresh = await learner();
    const progress = await progressOf(reading(fresh));
    expect(progress.roadmapSlug).toBe(SLUG);
    expect(progress.topics.map((x) => x.topicId)).toEqual(topicIds);
    expect(progress.topics.every((x) => x.status === 'not_started' && x.updatedAt === null)).toBe(
      true,
    );
    expect(progress.counts).toEqual({
      not_started: topicIds.length,
      learning: 0,
      done: 0,
      skipped: 0,
      review: 0,
    });
    expect(progress.total).toEqual({ topics: topicIds.length, complete: 0, percent: 0 });
    expect(progress.sections.map((s) => [s.sectionId, s.topics])).toEqual(
      sections.map((s) => [s.id, s.topicIds.length]),
    );
  });

  it('when a learner sets statuses, then progress shows them with counts and percentages', async () => {
    const l = await learner();
    const [first, second, third] = sections[0]!.topicIds;
    const before = Date.now();
    const res = await put(asSession(l.session), first!, 'done');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<TopicStatus>();
    expect(body).toMatchObject({
      roadmapSlug: SLUG,
      topicId: first,
      status: 'done',
      changed: true,
    });
    expect(Date.parse(body.updatedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect((await put(asSession(l.session), second!, 'skipped')).statusCode).toBe(200);
    expect((await put(asSession(l.session), third!, 'learning')).statusCode).toBe(200);

    const progress = await progressOf(reading(l));
    const byId = new Map(progress.topics.map((x) => [x.topicId, x]));
    expect(byId.get(first!)).toMatchObject({ status: 'done', updatedAt: body.updatedAt });
    expect(byId.get(second!)?.status).toBe('skipped');
    expect(byId.get(third!)?.status).toBe('learning');
    expect(progress.counts).toMatchObject({ done: 1, skipped: 1, learning: 1, review: 0 });
    expect(progress.counts.not_started).toBe(topicIds.length - 3);
    const section = sections[0]!.topicIds.length;
    expect(progress.sections[0]).toMatchObject({
      topics: section,
      complete: 2,
      percent: Math.floor(200 / section),
    });
    expect(progress.total).toEqual({
      topics: topicIds.length,
      complete: 2,
      percent: Math.floor(200 / topicIds.length),
    });
  });

  it('when the status it already has is set again, then nothing is recorded and the state is the same', async () => {
    const topicId = freshTopic();
    const first = await put(asSession(alice.session), topicId, 'learning');
    const again = await put(asSession(alice.session), topicId, 'learning');
    expect(again.statusCode).toBe(200);
    expect(again.json<TopicStatus>()).toEqual({ ...first.json<TopicStatus>(), changed: false });
    expect(await historyOf(reading(alice), topicId)).toHaveLength(1);
  });

  it('when a topic never marked is set to not_started, then nothing is recorded', async () => {
    const topicId = freshTopic();
    const res = await put(asSession(alice.session), topicId, 'not_started');
    expect(res.statusCode).toBe(200);
    expect(res.json<TopicStatus>()).toMatchObject({
      status: 'not_started',
      updatedAt: null,
      changed: false,
    });
    expect(await historyOf(reading(alice), topicId)).toEqual([]);
    const rows = await suite.t.core.database.db
      .select()
      .from(topicProgress)
      .where(and(eq(topicProgress.userId, alice.id), eq(topicProgress.topicId, topicId)));
    expect(rows).toEqual([]);
  });

  it('when a topic changes several times, then its history lists each change, newest first', async () => {
    const topicId = freshTopic();
    for (const status of ['learning', 'done', 'done', 'review', 'not_started']) {
      expect((await put(asSession(alice.session), topicId, status)).statusCode).toBe(200);
    }
    const events = await historyOf(reading(alice), topicId);
    expect(events.map((e) => [e.from, e.to, e.source])).toEqual([
      ['review', 'not_started', 'web'],
      ['done', 'review', 'web'],
      ['learning', 'done', 'web'],
      [null, 'learning', 'web'],
    ]);
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const limited = await request('GET', `${historyUrl(topicId)}?limit=2`, reading(alice));
    expect(limited.json<History>().events.map((e) => e.to)).toEqual(['not_started', 'review']);
  });

  it.each([
    ['an unknown status', { status: 'finished' }, 'body.status'],
    ['no status', {}, 'body.status'],
    ['an extra property', { status: 'done', userId: 'someone' }, 'body.userId'],
  ])('when the body has %s, then 400 names the field', async (_label, body, field) => {
    const res = await request('PUT', statusUrl(topicIds[0]!), asSession(alice.session), body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json<Problem>().type).toBe(type('validation-failed'));
    expect(res.json<Problem>().errors?.map((e) => e.field)).toContain(field);
  });

  it('when the roadmap or the topic does not exist, then 404 problem on every route', async () => {
    const session = asSession(alice.session);
    for (const res of [
      await request('PUT', statusUrl('no-such-topic'), session, { status: 'done' }),
      await request('PUT', statusUrl(topicIds[0]!, 'no-such-roadmap'), session, { status: 'done' }),
      await request('GET', historyUrl('no-such-topic'), session),
      await request('GET', '/me/roadmaps/no-such-roadmap/progress', session),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('when a topic was removed from the roadmap, then its history stays readable and its status cannot change', async () => {
    const db = suite.t.core.database.db;
    await addArchivedTopic(db, SLUG, 'retired-topic');
    await db.insert(progressEvents).values({
      userId: alice.id,
      roadmapSlug: SLUG,
      topicId: 'retired-topic',
      fromStatus: null,
      toStatus: 'done',
      source: 'web',
    });

    const refused = await put(asSession(alice.session), 'retired-topic', 'learning');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().detail).toMatch(/removed from roadmap/);
    expect((await historyOf(reading(alice), 'retired-topic')).map((e) => e.to)).toEqual(['done']);
    const progress = await progressOf(reading(alice));
    expect(progress.topics.some((x) => x.topicId === 'retired-topic')).toBe(false);
  });

  it('when a token changes a status, then the history says api, or cli when it says so', async () => {
    const write = await token(alice, ['progress:read', 'progress:write']);
    const topicId = freshTopic();
    expect((await put(write, topicId, 'learning')).statusCode).toBe(200);
    const cli = await request(
      'PUT',
      statusUrl(topicId),
      { ...write, 'x-waymark-source': 'cli' },
      {
        status: 'done',
      },
    );
    expect(cli.statusCode, cli.body).toBe(200);
    expect((await historyOf(write, topicId)).map((e) => e.source)).toEqual(['cli', 'api']);
  });

  it('when a browser session claims another source, then 400', async () => {
    const res = await request(
      'PUT',
      statusUrl(freshTopic()),
      { ...asSession(alice.session), 'x-waymark-source': 'cli' },
      { status: 'done' },
    );
    expect(res.statusCode).toBe(400);
    const bad = await request(
      'PUT',
      statusUrl(freshTopic()),
      { ...(await token(alice, ['progress:write'])), 'x-waymark-source': 'web' },
      { status: 'done' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.map((e) => e.field)).toContain('headers.x-waymark-source');
  });

  it('when a token has only progress:read, then it reads progress but cannot change it', async () => {
    const read = await token(alice, ['progress:read']);
    expect((await request('GET', `/me/roadmaps/${SLUG}/progress`, read)).statusCode).toBe(200);
    expect((await request('GET', historyUrl(topicIds[0]!), read)).statusCode).toBe(200);
    const res = await put(read, topicIds[0]!, 'done');
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().type).toBe(type('insufficient-scope'));
    expect(res.headers['www-authenticate']).toMatch(/scope="progress:write"/);
  });

  it('when a token has no progress scope, then it cannot read progress', async () => {
    const profile = await token(alice, ['profile:read']);
    const res = await request('GET', `/me/roadmaps/${SLUG}/progress`, profile);
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().type).toBe(type('insufficient-scope'));
  });

  it('when a session changes a status without the CSRF header, then it is refused', async () => {
    const res = await put({ cookie: alice.session.cookie }, freshTopic(), 'done');
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().type).toBe(type('csrf-failed'));
  });

  it('when nobody is signed in, then 401', async () => {
    expect((await request('GET', `/me/roadmaps/${SLUG}/progress`)).statusCode).toBe(401);
    expect((await put({}, topicIds[0]!, 'done')).statusCode).toBe(401);
    expect((await request('GET', historyUrl(topicIds[0]!))).statusCode).toBe(401);
  });

  it('when another learner uses the same routes, then they see and change only their own progress', async () => {
    const topicId = freshTopic();
    expect((await put(asSession(alice.session), topicId, 'review')).statusCode).toBe(200);

    const bobsView = (await progressOf(reading(bob))).topics.find((x) => x.topicId === topicId);
    expect(bobsView?.status).toBe('not_started');
    expect(await historyOf(reading(bob), topicId)).toEqual([]);
    const bobsChange = await put(asSession(bob.session), topicId, 'learning');
    expect(bobsChange.json<TopicStatus>()).toMatchObject({ status: 'learning', changed: true });

    const alicesView = (await progressOf(reading(alice))).topics.find((x) => x.topicId === topicId);
    expect(alicesView?.status).toBe('review');
    expect((await historyOf(reading(alice), topicId)).map((e) => e.to)).toEqual(['review']);
  });

  it('when 200 changes for one learner arrive at once, then every change is in the history and the state is the last event', async () => {
    const l = await learner();
    const clients = [asSession(l.session), await token(l, ['progress:write'])];
    const topicId = topicIds[0]!;
    const cycle = ['learning', 'done', 'review', 'done', 'skipped'];
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        put(clients[i % clients.length]!, topicId, cycle[i % cycle.length]!),
      ),
    );
    for (const res of responses) expect(res.statusCode, res.body).toBe(200);
    const acknowledged = responses.map((r) => r.json<TopicStatus>());
    const changes = acknowledged.filter((r) => r.changed);

    const db = suite.t.core.database.db;
    const events = await db
      .select()
      .from(progressEvents)
      .where(and(eq(progressEvents.userId, l.id), eq(progressEvents.topicId, topicId)))
      .orderBy(asc(progressEvents.id));
    // Exactly one event per acknowledged change, chained: each starts where the last ended.
    expect(events).toHaveLength(changes.length);
    expect(events[0]!.fromStatus).toBeNull();
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.fromStatus).toBe(events[i - 1]!.toStatus);
      expect(events[i]!.toStatus).not.toBe(events[i]!.fromStatus);
    }
    const perStatus = (list: string[]) =>
      Object.fromEntries(cycle.map((s) => [s, list.filter((x) => x === s).length]));
    expect(perStatus(events.map((e) => e.toStatus))).toEqual(
      perStatus(changes.map((c) => c.status)),
    );

    const last = events.at(-1)!;
    const [state] = await db
      .select()
      .from(topicProgress)
      .where(and(eq(topicProgress.userId, l.id), eq(topicProgress.topicId, topicId)));
    expect(state).toMatchObject({ status: last.toStatus, lastEventId: last.id });
    const shown = (await progressOf(reading(l))).topics.find((x) => x.topicId === topicId);
    expect(shown?.status).toBe(last.toStatus);
  });
});
