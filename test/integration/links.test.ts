/**
 * Personal links per topic through the HTTP API on every database: listed, added and removed;
 * only http(s) URLs, bounded in length and in number (also under concurrent adds); bad input
 * refused with problem+json and nothing stored; each learner's links private to them; topics
 * removed from the roadmap keep their links, read-only.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { topicLinks } from '../../src/db/schema.js';
import { asSession, type BrowserSession } from '../helpers/accounts.js';
import { addArchivedTopic } from '../helpers/archived-topic.js';
import { databaseTargets } from '../helpers/databases.js';
import { learnerSuite } from '../helpers/learner-suite.js';

const PROBLEM = /^application\/problem\+json/;
const SLUG = 'senior-backend';
const MAX = 50;

interface Link {
  id: string;
  url: string;
  title: string;
  createdAt: string;
}
interface TopicLinks {
  roadmapSlug: string;
  topicId: string;
  links: Link[];
  max: number;
}
interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

describe.each(databaseTargets)('personal links on $name', (target) => {
  const suite = learnerSuite(target, { slug: SLUG, network: '10.10' });
  const { alice, freshTopic, learner, inject, readOnlyToken } = suite;

  const linksUrl = (topicId: string) => `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/links`;
  const list = (session: BrowserSession, topicId: string) =>
    inject({
      method: 'GET',
      url: linksUrl(topicId),
      headers: { cookie: session.cookie },
    });
  const add = (session: BrowserSession, topicId: string, payload: object) =>
    inject({
      method: 'POST',
      url: linksUrl(topicId),
      headers: asSession(session),
      payload,
    });
  const remove = (session: BrowserSession, topicId: string, linkId: string) =>
    inject({
      method: 'DELETE',
      url: `${linksUrl(topicId)}/${linkId}`,
      headers: asSession(session),
    });
  const stored = (userId: string, topicId: string) =>
    suite.t.core.database.db
      .select()
      .from(topicLinks)
      .where(and(eq(topicLinks.userId, userId), eq(topicLinks.topicId, topicId)));

  it('when a topic has no links, then the list is empty and says how many it can hold', async () => {
    const topicId = freshTopic();
    const res = await list(alice.session, topicId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json<TopicLinks>()).toEqual({ roadmapSlug: SLUG, topicId, links: [], max: MAX });
  });

  it('when links are added, then they are listed oldest first, titled or named by their host', async () => {
    const topicId = freshTopic();
    const first = await add(alice.session, topicId, {
      url: 'https://www.postgresql.org/docs/current/indexes.html',
      title: '  Indexes\n\tchapter  ',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.json<Link>()).toMatchObject({
      url: 'https://www.postgresql.org/docs/current/indexes.html',
      title: 'Indexes chapter',
    });
    expect(first.json<Link>().id).toMatch(/^[0-9a-f-]{36}$/);

    const untitled = await add(alice.session, topicId, { url: 'HTTP://Example.COM' });
    expect(untitled.statusCode, untitled.body).toBe(201);
    expect(untitled.json<Link>()).toMatchObject({
      url: 'http://example.com/',
      title: 'example.com',
    });
    const blank = await add(alice.session, topicId, { url: 'https://blog.example/a', title: ' ' });
    expect(blank.json<Link>().title).toBe('blog.example');

    const res = await list(alice.session, topicId);
    expect(res.json<TopicLinks>().links).toEqual([
      first.json<Link>(),
      untitled.json<Link>(),
      blank.json<Link>(),
    ]);
  });

  it('when a link is removed, then it is gone, and removing it again is 404', async () => {
    const topicId = freshTopic();
    const keep = (await add(alice.session, topicId, { url: 'https://keep.example/' })).json<Link>();
    const drop = (await add(alice.session, topicId, { url: 'https://drop.example/' })).json<Link>();
    const res = await remove(alice.session, topicId, drop.id);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    expect((await list(alice.session, topicId)).json<TopicLinks>().links).toEqual([keep]);
    const again = await remove(alice.session, topicId, drop.id);
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-type']).toMatch(PROBLEM);
    // A link is removed only through the topic it is on.
    const elsewhere = await remove(alice.session, freshTopic(), keep.id);
    expect(elsewhere.statusCode).toBe(404);
    expect(await stored(alice.id, topicId)).toHaveLength(1);
  });

  it('when the URL is not plain http(s), too long, or the body is wrong, then 400 and nothing is stored', async () => {
    const topicId = freshTopic();
    const bad: [object, string][] = [
      [{ url: 'javascript:alert(document.cookie)' }, 'body.url'],
      [{ url: 'JavaScript:alert(1)//https://example.com' }, 'body.url'],
      [{ url: 'data:text/html,<script>alert(1)</script>' }, 'body.url'],
      [{ url: 'ftp://files.example/x' }, 'body.url'],
      [{ url: 'file:///etc/passwd' }, 'body.url'],
      [{ url: '/relative/path' }, 'body.url'],
      [{ url: 'not a url' }, 'body.url'],
      [{ url: 'https://user:secret@example.com/' }, 'body.url'],
      [{ url: 'https://trusted.example@evil.example/' }, 'body.url'],
      [{ url: `https://example.com/${'a'.repeat(2048)}` }, 'body.url'],
      [{ url: '' }, 'body.url'],
      [{ url: 'https://example.com/', title: 'x'.repeat(201) }, 'body.title'],
      [{ title: 'no url' }, 'body.url'],
      [{ url: 'https://example.com/', userId: 'someone' }, 'body.userId'],
    ];
    for (const [payload, field] of bad) {
      const res = await add(alice.session, topicId, payload);
      expect(res.statusCode, `${JSON.stringify(payload)}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const problem = res.json<Problem>();
      expect(problem.type).toBe('tag:waymark.dev,2026:problems/validation-failed');
      expect(problem.errors?.map((e) => e.field)).toContain(field);
    }
    // A URL whose normalized form grows past the limit is refused too.
    const growing = await add(alice.session, topicId, {
      url: `https://example.com/${' '.repeat(700)}x`,
    });
    expect(growing.statusCode, growing.body).toBe(400);
    expect(await stored(alice.id, topicId)).toEqual([]);
    expect((await list(alice.session, topicId)).json<TopicLinks>().links).toEqual([]);
  });

  it('when the same URL is added twice, then 409 with the existing link and no second copy', async () => {
    const topicId = freshTopic();
    const first = await add(alice.session, topicId, { url: 'https://example.com/same' });
    expect(first.statusCode).toBe(201);
    const again = await add(alice.session, topicId, {
      url: 'https://EXAMPLE.com/same',
      title: 'x',
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.headers['content-type']).toMatch(PROBLEM);
    expect(again.json<{ existing: Link }>().existing).toEqual(first.json<Link>());
    expect(await stored(alice.id, topicId)).toHaveLength(1);
  });

  it(`when a topic holds ${MAX} links, then another is refused with 409, even when added concurrently`, async () => {
    const topicId = freshTopic();
    for (let i = 0; i < MAX - 3; i++) {
      const res = await add(alice.session, topicId, { url: `https://example.com/${i}` });
      expect(res.statusCode, res.body).toBe(201);
    }
    const racing = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        add(alice.session, topicId, { url: `https://race.example/${i}` }),
      ),
    );
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409, 409, 409]);
    const refused = await add(alice.session, topicId, { url: 'https://one-more.example/' });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.json<Problem & { max: number }>()).toMatchObject({ max: MAX });
    expect(refused.json<Problem>().detail).toMatch(/at most 50 links/);
    expect(await stored(alice.id, topicId)).toHaveLength(MAX);

    // Removing one makes room again.
    const [oldest] = (await list(alice.session, topicId)).json<TopicLinks>().links;
    expect((await remove(alice.session, topicId, oldest!.id)).statusCode).toBe(204);
    expect(
      (await add(alice.session, topicId, { url: 'https://one-more.example/' })).statusCode,
    ).toBe(201);
  });

  it('when nobody is signed in, or a change lacks the CSRF token, then 401 or 403 and nothing changes', async () => {
    const topicId = freshTopic();
    const link = (await add(alice.session, topicId, { url: 'https://mine.example/' })).json<Link>();
    const anonymous = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      inject({ method, url, ...(payload ? { payload } : {}) });
    expect((await anonymous('GET', linksUrl(topicId))).statusCode).toBe(401);
    const post = await anonymous('POST', linksUrl(topicId), { url: 'https://x.example/' });
    expect(post.statusCode).toBe(401);
    expect(post.headers['content-type']).toMatch(PROBLEM);
    expect((await anonymous('DELETE', `${linksUrl(topicId)}/${link.id}`)).statusCode).toBe(401);
    const noCsrf = await inject({
      method: 'DELETE',
      url: `${linksUrl(topicId)}/${link.id}`,
      headers: { cookie: alice.session.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await stored(alice.id, topicId)).toHaveLength(1);
  });

  it("when another learner names A's link, then 404, and neither sees the other's links", async () => {
    const topicId = freshTopic();
    const link = (
      await add(alice.session, topicId, { url: 'https://alice-only.example/', title: 'private' })
    ).json<Link>();
    const bob = await learner();
    const res = await remove(bob.session, topicId, link.id);
    expect(res.statusCode, res.body).toBe(404);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    const bobs = await list(bob.session, topicId);
    expect(bobs.json<TopicLinks>().links).toEqual([]);
    expect(bobs.body).not.toContain('alice-only');
    expect(
      (await add(bob.session, topicId, { url: 'https://alice-only.example/' })).statusCode,
    ).toBe(201);
    expect((await list(alice.session, topicId)).json<TopicLinks>().links).toEqual([link]);
  });

  it('when the topic, roadmap or link id is unknown or malformed, then 404 or 400', async () => {
    expect((await list(alice.session, 'no-such-topic')).statusCode).toBe(404);
    expect(
      (await add(alice.session, 'no-such-topic', { url: 'https://x.example/' })).statusCode,
    ).toBe(404);
    const roadmap = await inject({
      method: 'GET',
      url: `/api/v1/me/roadmaps/no-such-roadmap/topics/${suite.topicIds[0]}/links`,
      headers: { cookie: alice.session.cookie },
    });
    expect(roadmap.statusCode).toBe(404);
    const topicId = freshTopic();
    expect((await remove(alice.session, topicId, 'not-a-uuid')).statusCode).toBe(400);
    expect(
      (await remove(alice.session, topicId, '00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('when a topic was removed from the roadmap, then its links are readable but not changeable', async () => {
    const db = suite.t.core.database.db;
    await addArchivedTopic(db, SLUG, 'retired-link-topic');
    const [kept] = await db
      .insert(topicLinks)
      .values({
        userId: alice.id,
        roadmapSlug: SLUG,
        topicId: 'retired-link-topic',
        url: 'https://kept.example/',
        title: 'kept',
      })
      .returning();
    const res = await list(alice.session, 'retired-link-topic');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TopicLinks>().links.map((l) => l.url)).toEqual(['https://kept.example/']);
    const added = await add(alice.session, 'retired-link-topic', { url: 'https://new.example/' });
    expect(added.statusCode, added.body).toBe(409);
    expect(added.headers['content-type']).toMatch(PROBLEM);
    expect((await remove(alice.session, 'retired-link-topic', kept!.id)).statusCode).toBe(409);
    expect(await stored(alice.id, 'retired-link-topic')).toHaveLength(1);
  });

  it('when a token has only progress:read, then it lists links but cannot add or remove them', async () => {
    const topicId = freshTopic();
    const link = (
      await add(alice.session, topicId, { url: 'https://scoped.example/' })
    ).json<Link>();
    const authorization = await readOnlyToken('links test');
    const get = await inject({
      method: 'GET',
      url: linksUrl(topicId),
      headers: { authorization },
    });
    expect(get.statusCode, get.body).toBe(200);
    expect(get.json<TopicLinks>().links).toEqual([link]);
    const post = await inject({
      method: 'POST',
      url: linksUrl(topicId),
      headers: { authorization },
      payload: { url: 'https://x.example/' },
    });
    expect(post.statusCode).toBe(403);
    const del = await inject({
      method: 'DELETE',
      url: `${linksUrl(topicId)}/${link.id}`,
      headers: { authorization },
    });
    expect(del.statusCode).toBe(403);
    expect(await stored(alice.id, topicId)).toHaveLength(1);
  });

  it('stores titles that look like SQL or HTML verbatim, and control characters as spaces', async () => {
    const topicId = freshTopic();
    const title = `x'); DELETE FROM topic_links; -- <img src=x onerror=alert(1)>`;
    const res = await add(alice.session, topicId, { url: 'https://sql.example/', title });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Link>().title).toBe(title);
    const nul = await add(alice.session, topicId, {
      url: 'https://nul.example/',
      title: 'a\u0000b\u0007c',
    });
    expect(nul.statusCode, nul.body).toBe(201);
    expect(nul.json<Link>().title).toBe('a b c');
    expect((await stored(alice.id, topicId)).map((l) => l.title).sort()).toEqual(
      ['a b c', title].sort(),
    );
  });
});
