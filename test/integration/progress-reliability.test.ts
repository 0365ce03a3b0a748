/**
 * Reliability of status changes under load, on every database: one learner's 1,000 changes
 * sent at once from several clients (two browser sessions, a token, and a token speaking
 * for the CLI), over a few topics, with random statuses. Checked only through the API, as a
 * learner would see it: every acknowledged change is in the history, exactly once and with
 * the client's source; nothing else is; and each topic's state is its newest event.
 *
 * A stale If-Match on notes is covered by notes.test.ts ("when the ETag is stale...").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressStatuses } from '../../src/db/progress.schema.js';
import { asSession, createUser, signIn } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const SLUG = 'senior-backend';
const CHANGES = 1000;
const TOPICS = 5;

interface TopicStatus {
  topicId: string;
  status: string;
  updatedAt: string | null;
  changed: boolean;
}
interface ProgressEvent {
  from: string | null;
  to: string;
  at: string;
  source: string;
}
interface Client {
  headers: Record<string, string>;
  /** What the history must record for this client's changes. */
  source: string;
}

/** mulberry32: a small seeded PRNG, so a failure can be replayed with the same requests. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A change as both sides describe it: the acknowledgement and the history event. */
const key = (topicId: string, to: string, at: string | null, source: string) =>
  `${topicId} ${to} ${at} ${source}`;
const tally = (keys: string[]) => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};

describe.each(databaseTargets)('progress reliability on $name', (target) => {
  let t: TestApp;
  let ip = 0;
  /** An address per request, so no per-address limit could ever be what answers. */
  const request = (
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      payload,
      remoteAddress: `10.7.${(++ip >> 8) & 0xff}.${ip & 0xff}`,
    });

  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  it('when 1,000 changes for one learner arrive at once from several clients, then every acknowledged change is in the history and each state is its last event', async () => {
    const user = await createUser(t);
    const sessions = [
      await signIn(t, user.email, user.password),
      await signIn(t, user.email, user.password),
    ];
    const token = async (name: string) => {
      const res = await request('POST', '/me/tokens', asSession(sessions[0]!), {
        name,
        scopes: ['progress:write'],
        expiresInDays: 1,
      });
      expect(res.statusCode, res.body).toBe(201);
      return `Bearer ${res.json<{ token: string }>().token}`;
    };
    const clients: Client[] = [
      ...sessions.map((s) => ({ headers: asSession(s), source: 'web' })),
      { headers: { authorization: await token('script') }, source: 'api' },
      {
        headers: { authorization: await token('cli'), 'x-waymark-source': 'cli' },
        source: 'cli',
      },
    ];
    const reader = { cookie: sessions[1]!.cookie };

    const roadmap = await request('GET', `/roadmaps/${SLUG}`, {});
    const allTopics = roadmap.json<{ sections: { topicIds: string[] }[] }>().sections;
    const topicIds = allTopics.flatMap((s) => s.topicIds).slice(0, TOPICS);
    expect(topicIds).toHaveLength(TOPICS);

    // Every status, not_started included: some changes are no-ops, which must leave no trace.
    const random = prng(20_260_501);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const planned = Array.from({ length: CHANGES }, () => ({
      client: pick(clients),
      topicId: pick(topicIds),
      status: pick(progressStatuses),
    }));
    const responses = await Promise.all(
      planned.map(({ client, topicId, status }) =>
        request('PUT', `/me/roadmaps/${SLUG}/topics/${topicId}/status`, client.headers, {
          status,
        }),
      ),
    );
    for (const res of responses) expect(res.statusCode, res.body).toBe(200);
    const acknowledged = responses
      .map((res, i) => ({ body: res.json<TopicStatus>(), source: planned[i]!.client.source }))
      .filter(({ body }) => body.changed);
    // Enough real changes, from every client, for the checks below to mean something.
    expect(acknowledged.length).toBeGreaterThan(CHANGES / 2);
    expect(new Set(acknowledged.map((a) => a.source))).toEqual(new Set(['web', 'api', 'cli']));

    const progress = await request('GET', `/me/roadmaps/${SLUG}/progress`, reader);
    expect(progress.statusCode, progress.body).toBe(200);
    const states = new Map(
      progress
        .json<{ topics: { topicId: string; status: string; updatedAt: string | null }[] }>()
        .topics.map((x) => [x.topicId, x]),
    );

    let events = 0;
    for (const topicId of topicIds) {
      const res = await request(
        'GET',
        `/me/roadmaps/${SLUG}/topics/${topicId}/history?limit=1000`,
        reader,
      );
      expect(res.statusCode, res.body).toBe(200);
      const history = res.json<{ events: ProgressEvent[] }>().events; // newest first
      const mine = acknowledged.filter((a) => a.body.topicId === topicId);
      expect(history.length).toBeLessThan(1000); // the whole history, not a page of it
      expect(history).toHaveLength(mine.length);
      events += history.length;

      // The same changes on both sides: status, time and source, each exactly once.
      expect(tally(history.map((e) => key(topicId, e.to, e.at, e.source)))).toEqual(
        tally(mine.map((a) => key(topicId, a.body.status, a.body.updatedAt, a.source))),
      );
      // A chain: each change starts where the one before it ended, and changes something.
      const oldestFirst = [...history].reverse();
      expect(oldestFirst[0]?.from ?? null).toBeNull();
      oldestFirst.forEach((event, i) => {
        if (i > 0) expect(event.from).toBe(oldestFirst[i - 1]!.to);
        expect(event.to).not.toBe(event.from ?? 'not_started');
        if (i > 0)
          expect(Date.parse(event.at)).toBeGreaterThanOrEqual(Date.parse(oldestFirst[i - 1]!.at));
      });
      const newest = history[0];
      expect(states.get(topicId)).toMatchObject({
        status: newest?.to ?? 'not_started',
        updatedAt: newest?.at ?? null,
      });
    }
    expect(events).toBe(acknowledged.length);
  }, 120_000);
});
