/**
 * The key-concept checklist through the HTTP API on every database: the topic's concepts from
 * the content with the learner's ticks, ticked and unticked idempotently by id, unknown ids
 * refused with nothing stored, each learner's ticks private to them, reworded concepts losing
 * their tick, and topics removed from the roadmap keeping their ticks, read-only.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { conceptChecks } from '../../src/db/schema.js';
import { asSession, type BrowserSession } from '../helpers/accounts.js';
import { addArchivedTopic } from '../helpers/archived-topic.js';
import { databaseTargets } from '../helpers/databases.js';
import { learnerSuite } from '../helpers/learner-suite.js';

const PROBLEM = /^application\/problem\+json/;
const SLUG = 'senior-backend';
/** The documented id of a concept: the start of the SHA-256 of its text, base64url. */
const idOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 12);

interface Concept {
  id: string;
  text: string;
  checked: boolean;
  checkedAt: string | null;
}
interface Checklist {
  roadmapSlug: string;
  topicId: string;
  archived: boolean;
  concepts: Concept[];
  checked: number;
  total: number;
}

describe.each(databaseTargets)('concept checklist on $name', (target) => {
  const suite = learnerSuite(target, { slug: SLUG, network: '10.11' });
  const { alice, freshTopic, learner, inject, readOnlyToken } = suite;
  const contentConcepts = async (topicId: string) =>
    (
      await suite.t.app.inject({ method: 'GET', url: `/api/v1/roadmaps/${SLUG}/topics/${topicId}` })
    ).json<{ concepts: string[] }>().concepts;

  const conceptsUrl = (topicId: string) => `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/concepts`;
  const read = (session: BrowserSession, topicId: string) =>
    inject({
      method: 'GET',
      url: conceptsUrl(topicId),
      headers: { cookie: session.cookie },
    });
  const set = (session: BrowserSession, topicId: string, conceptId: string, checked: boolean) =>
    inject({
      method: checked ? 'PUT' : 'DELETE',
      url: `${conceptsUrl(topicId)}/${conceptId}`,
      headers: asSession(session),
    });
  const stored = (userId: string, topicId: string) =>
    suite.t.core.database.db
      .select()
      .from(conceptChecks)
      .where(and(eq(conceptChecks.userId, userId), eq(conceptChecks.topicId, topicId)));

  it("when nothing is ticked, then the checklist is the topic's concepts in order, 0 of n", async () => {
    const topicId = freshTopic();
    const texts = await contentConcepts(topicId);
    expect(texts.length).toBeGreaterThan(1);
    const res = await read(alice.session, topicId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json<Checklist>()).toEqual({
      roadmapSlug: SLUG,
      topicId,
      archived: false,
      concepts: texts.map((text) => ({ id: idOf(text), text, checked: false, checkedAt: null })),
      checked: 0,
      total: texts.length,
    });
  });

  it('when a concept is ticked twice and unticked twice, then each step is idempotent', async () => {
    const topicId = freshTopic();
    const [first, second] = (await read(alice.session, topicId)).json<Checklist>().concepts;
    const ticked = await set(alice.session, topicId, second!.id, true);
    expect(ticked.statusCode, ticked.body).toBe(200);
    expect(ticked.headers['cache-control']).toBe('no-store');
    const list = ticked.json<Checklist>();
    expect(list.checked).toBe(1);
    expect(list.concepts[0]).toEqual(first);
    expect(list.concepts[1]).toMatchObject({ id: second!.id, text: second!.text, checked: true });
    const at = list.concepts[1]!.checkedAt;
    expect(Date.parse(at!)).not.toBeNaN();

    const again = await set(alice.session, topicId, second!.id, true);
    expect(again.statusCode).toBe(200);
    expect(again.json<Checklist>()).toEqual(list);
    expect(await stored(alice.id, topicId)).toHaveLength(1);
    expect((await stored(alice.id, topicId))[0]!.concept).toBe(second!.text);
    expect((await read(alice.session, topicId)).json<Checklist>()).toEqual(list);

    const unticked = await set(alice.session, topicId, second!.id, false);
    expect(unticked.statusCode, unticked.body).toBe(200);
    expect(unticked.json<Checklist>().checked).toBe(0);
    expect(unticked.json<Checklist>().concepts[1]).toEqual(second);
    const twice = await set(alice.session, topicId, second!.id, false);
    expect(twice.statusCode).toBe(200);
    expect(twice.json<Checklist>()).toEqual(unticked.json<Checklist>());
    expect(await stored(alice.id, topicId)).toEqual([]);
  });

  it('when every concept is ticked, then the count reaches the total', async () => {
    const topicId = freshTopic();
    const { concepts, total } = (await read(alice.session, topicId)).json<Checklist>();
    let last: Checklist | undefined;
    for (const c of concepts)
      last = (await set(alice.session, topicId, c.id, true)).json<Checklist>();
    expect(last).toMatchObject({ checked: total, total });
    expect(last!.concepts.every((c) => c.checked)).toBe(true);
  });

  it('when the concept id is unknown or malformed, then 404 or 400 and nothing is stored', async () => {
    const topicId = freshTopic();
    const unknown = await set(alice.session, topicId, idOf('Not a concept of this topic'), true);
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(unknown.headers['content-type']).toMatch(PROBLEM);
    // A concept of another topic is not one of this topic's.
    const other = (await read(alice.session, freshTopic())).json<Checklist>().concepts[0]!;
    expect((await set(alice.session, topicId, other.id, true)).statusCode).toBe(404);
    for (const bad of ['short', 'has%20space%20in', 'x'.repeat(13), 'abc!defghijk']) {
      const res = await set(alice.session, topicId, bad, true);
      expect(res.statusCode, `${bad}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    expect((await set(alice.session, topicId, idOf('nope'), false)).statusCode).toBe(404);
    expect(await stored(alice.id, topicId)).toEqual([]);
  });

  it('when the topic or roadmap is unknown, then 404', async () => {
    expect((await read(alice.session, 'no-such-topic')).statusCode).toBe(404);
    expect((await set(alice.session, 'no-such-topic', idOf('x'), true)).statusCode).toBe(404);
    const res = await inject({
      method: 'GET',
      url: `/api/v1/me/roadmaps/no-such-roadmap/topics/${suite.topicIds[0]}/concepts`,
      headers: { cookie: alice.session.cookie },
    });
    expect(res.statusCode).toBe(404);
  });

  it('when nobody is signed in, or a change lacks the CSRF token, then 401 or 403 and nothing changes', async () => {
    const topicId = freshTopic();
    const [concept] = (await read(alice.session, topicId)).json<Checklist>().concepts;
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await inject({
        method,
        url: method === 'GET' ? conceptsUrl(topicId) : `${conceptsUrl(topicId)}/${concept!.id}`,
      });
      expect(res.statusCode, `${method}: ${res.body}`).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    const noCsrf = await inject({
      method: 'PUT',
      url: `${conceptsUrl(topicId)}/${concept!.id}`,
      headers: { cookie: alice.session.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await stored(alice.id, topicId)).toEqual([]);
  });

  it('when another learner ticks the same topic, then each sees only their own ticks', async () => {
    const topicId = freshTopic();
    const [one, two] = (await read(alice.session, topicId)).json<Checklist>().concepts;
    await set(alice.session, topicId, one!.id, true);
    const bob = await learner();
    const bobs = (await read(bob.session, topicId)).json<Checklist>();
    expect(bobs.checked).toBe(0);
    expect(bobs.concepts.every((c) => !c.checked)).toBe(true);
    expect((await set(bob.session, topicId, two!.id, true)).json<Checklist>().checked).toBe(1);
    expect((await set(bob.session, topicId, one!.id, false)).statusCode).toBe(200);
    const alices = (await read(alice.session, topicId)).json<Checklist>();
    expect(alices.concepts.filter((c) => c.checked).map((c) => c.id)).toEqual([one!.id]);
  });

  it('when the content rewords a concept, then its old tick is not shown and not counted', async () => {
    const topicId = freshTopic();
    const [concept] = (await read(alice.session, topicId)).json<Checklist>().concepts;
    await suite.t.core.database.db.insert(conceptChecks).values({
      userId: alice.id,
      roadmapSlug: SLUG,
      topicId,
      concept: `${concept!.text} (old wording)`,
      checkedAt: new Date(),
    });
    const list = (await read(alice.session, topicId)).json<Checklist>();
    expect(list.checked).toBe(0);
    expect(list.concepts.map((c) => c.text)).not.toContain(`${concept!.text} (old wording)`);
    expect(await stored(alice.id, topicId)).toHaveLength(1);
  });

  it('when a topic was removed from the roadmap, then its ticks are readable but not changeable', async () => {
    const db = suite.t.core.database.db;
    await addArchivedTopic(db, SLUG, 'retired-concept-topic');
    const checkedAt = new Date('2026-01-02T03:04:05.000Z');
    await db.insert(conceptChecks).values({
      userId: alice.id,
      roadmapSlug: SLUG,
      topicId: 'retired-concept-topic',
      concept: 'Kept concept',
      checkedAt,
    });
    const res = await read(alice.session, 'retired-concept-topic');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Checklist>()).toEqual({
      roadmapSlug: SLUG,
      topicId: 'retired-concept-topic',
      archived: true,
      concepts: [
        {
          id: idOf('Kept concept'),
          text: 'Kept concept',
          checked: true,
          checkedAt: checkedAt.toISOString(),
        },
      ],
      checked: 1,
      total: 1,
    });
    for (const checked of [false, true]) {
      const refused = await set(
        alice.session,
        'retired-concept-topic',
        idOf('Kept concept'),
        checked,
      );
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
    }
    expect(await stored(alice.id, 'retired-concept-topic')).toHaveLength(1);
  });

  it('when a token has only progress:read, then it reads the checklist but cannot tick', async () => {
    const topicId = freshTopic();
    const authorization = await readOnlyToken('concepts test');
    const get = await inject({
      method: 'GET',
      url: conceptsUrl(topicId),
      headers: { authorization },
    });
    expect(get.statusCode, get.body).toBe(200);
    const put = await inject({
      method: 'PUT',
      url: `${conceptsUrl(topicId)}/${get.json<Checklist>().concepts[0]!.id}`,
      headers: { authorization },
    });
    expect(put.statusCode).toBe(403);
    expect(await stored(alice.id, topicId)).toEqual([]);
  });
});
