/**
 * Private notes per topic through the HTTP API on every database: read and written with
 * ETag and If-Match, stale writes refused with the current note and nothing changed, each
 * learner's note private to them, text kept verbatim, and of two writes of the same version
 * exactly one wins.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { topicNotes } from '../../src/db/schema.js';
import { asSession, type BrowserSession } from '../helpers/accounts.js';
import { addArchivedTopic } from '../helpers/archived-topic.js';
import { databaseTargets } from '../helpers/databases.js';
import { learnerSuite } from '../helpers/learner-suite.js';

const PROBLEM = /^application\/problem\+json/;
const SLUG = 'senior-backend';
/** Text that would break a query built by string concatenation: must come back verbatim. */
const INJECTION = `x'); DELETE FROM topic_notes; -- "; DROP TABLE users; \\ <script>alert(1)</script>`;

interface Note {
  markdown: string;
  updatedAt: string | null;
}
interface Problem {
  type: string;
  status: number;
  detail?: string;
  current?: Note & { etag: string };
}

describe.each(databaseTargets)('notes on $name', (target) => {
  const suite = learnerSuite(target, { slug: SLUG, network: '10.9' });
  const { alice, freshTopic, learner, inject, readOnlyToken } = suite;

  const notesUrl = (topicId: string) => `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/notes`;
  const read = (session: BrowserSession, topicId: string) =>
    inject({
      method: 'GET',
      url: notesUrl(topicId),
      headers: { cookie: session.cookie },
    });
  const write = (
    session: BrowserSession,
    topicId: string,
    markdown: string,
    ifMatch: string | undefined,
  ) =>
    inject({
      method: 'PUT',
      url: notesUrl(topicId),
      headers: { ...asSession(session), ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
      payload: { markdown },
    });
  const stored = async (userId: string, topicId: string) =>
    suite.t.core.database.db
      .select()
      .from(topicNotes)
      .where(and(eq(topicNotes.userId, userId), eq(topicNotes.topicId, topicId)));

  it('when a topic has no note, then it reads as empty with the ETag of version 0', async () => {
    const res = await read(alice.session, freshTopic());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Note>()).toEqual({ markdown: '', updatedAt: null });
    expect(res.headers.etag).toMatch(/^"v0-[\w-]+"$/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when written with the ETag of version 0, then it reads back with a new ETag', async () => {
    const topicId = freshTopic();
    const empty = await read(alice.session, topicId);
    const before = Date.now();
    const res = await write(
      alice.session,
      topicId,
      '# Indexes\n\nB-trees first.',
      empty.headers.etag,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"v1-[\w-]+"$/);
    expect(Date.parse(res.json<Note>().updatedAt!)).toBeGreaterThanOrEqual(before - 1000);

    const again = await read(alice.session, topicId);
    expect(again.headers.etag).toBe(etag);
    expect(again.json<Note>()).toEqual(res.json<Note>());
    expect(again.json<Note>().markdown).toBe('# Indexes\n\nB-trees first.');

    const next = await write(alice.session, topicId, 'Then hash indexes.', etag);
    expect(next.statusCode, next.body).toBe(200);
    expect(next.headers.etag).toMatch(/^"v2-/);
  });

  it('when the ETag is stale, then 412 carries the current note and nothing changes', async () => {
    const topicId = freshTopic();
    const v0 = (await read(alice.session, topicId)).headers.etag as string;
    const first = await write(alice.session, topicId, 'first tab', v0);
    expect(first.statusCode).toBe(200);

    const stale = await write(alice.session, topicId, 'second tab', v0);
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.headers['content-type']).toMatch(PROBLEM);
    const problem = stale.json<Problem>();
    expect(problem.type).toBe('tag:waymark.dev,2026:problems/precondition-failed');
    expect(problem.current).toEqual({ ...first.json<Note>(), etag: first.headers.etag });
    expect(stale.headers.etag).toBe(first.headers.etag);

    const weak = await write(alice.session, topicId, 'third tab', `W/${first.headers.etag}`);
    expect(weak.statusCode).toBe(412);
    const now = await read(alice.session, topicId);
    expect(now.json<Note>().markdown).toBe('first tab');
    expect(now.headers.etag).toBe(first.headers.etag);
    expect((await stored(alice.id, topicId))[0]).toMatchObject({
      markdown: 'first tab',
      version: 1,
    });
  });

  it('when If-Match is missing, then 428 and nothing is written', async () => {
    const topicId = freshTopic();
    const res = await write(alice.session, topicId, 'no precondition', undefined);
    expect(res.statusCode, res.body).toBe(428);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json<Problem>().type).toBe('about:blank');
    expect(await stored(alice.id, topicId)).toEqual([]);
  });

  it('when If-Match is *, then any current version is overwritten', async () => {
    const topicId = freshTopic();
    const created = await write(alice.session, topicId, 'created blind', '*');
    expect(created.statusCode, created.body).toBe(200);
    expect(created.headers.etag).toMatch(/^"v1-/);
    const replaced = await write(alice.session, topicId, 'replaced blind', '*');
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.headers.etag).toMatch(/^"v2-/);
    expect((await read(alice.session, topicId)).json<Note>().markdown).toBe('replaced blind');
  });

  it('when the note is too long, holds a NUL or the body has other fields, then 400', async () => {
    const topicId = freshTopic();
    const longest = await write(alice.session, topicId, 'é'.repeat(20_000), '*');
    expect(longest.statusCode, longest.body).toBe(200);
    const tooLong = await write(alice.session, topicId, 'x'.repeat(20_001), '*');
    expect(tooLong.statusCode).toBe(400);
    const extra = await inject({
      method: 'PUT',
      url: notesUrl(topicId),
      headers: { ...asSession(alice.session), 'if-match': '*' },
      payload: { markdown: 'x', userId: 'someone' },
    });
    expect(extra.statusCode).toBe(400);
    // PostgreSQL text cannot hold NUL: bad input, not a database failure.
    const nul = await write(alice.session, topicId, 'before\u0000after', '*');
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await read(alice.session, topicId)).json<Note>().markdown).toBe('é'.repeat(20_000));
  });

  it('when the topic or roadmap is unknown, then 404', async () => {
    expect((await read(alice.session, 'no-such-topic')).statusCode).toBe(404);
    expect((await write(alice.session, 'no-such-topic', 'x', '*')).statusCode).toBe(404);
    const res = await inject({
      method: 'GET',
      url: `/api/v1/me/roadmaps/no-such-roadmap/topics/${suite.topicIds[0]}/notes`,
      headers: { cookie: alice.session.cookie },
    });
    expect(res.statusCode).toBe(404);
  });

  it('when a topic was removed from the roadmap, then its note is readable but not writable', async () => {
    const db = suite.t.core.database.db;
    await addArchivedTopic(db, SLUG, 'retired-note-topic');
    await db.insert(topicNotes).values({
      userId: alice.id,
      roadmapSlug: SLUG,
      topicId: 'retired-note-topic',
      markdown: 'kept',
      version: 1,
      updatedAt: new Date(),
    });
    const res = await read(alice.session, 'retired-note-topic');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Note>().markdown).toBe('kept');
    const refused = await write(alice.session, 'retired-note-topic', 'new', res.headers.etag);
    expect(refused.statusCode).toBe(409);
    expect((await read(alice.session, 'retired-note-topic')).json<Note>().markdown).toBe('kept');
  });

  it("when another learner reads the same topic, then they see their own empty note, never A's", async () => {
    const topicId = freshTopic();
    expect((await write(alice.session, topicId, 'alice only', '*')).statusCode).toBe(200);
    const bob = await learner();
    const res = await read(bob.session, topicId);
    expect(res.statusCode).toBe(200);
    expect(res.json<Note>()).toEqual({ markdown: '', updatedAt: null });
    expect(res.body).not.toContain('alice only');
    const own = await write(bob.session, topicId, 'bob only', res.headers.etag);
    expect(own.statusCode, own.body).toBe(200);
    expect((await read(alice.session, topicId)).json<Note>().markdown).toBe('alice only');
  });

  it('when a token has only progress:read, then it reads notes but cannot write them', async () => {
    const topicId = freshTopic();
    const authorization = await readOnlyToken('notes test');
    const get = await inject({
      method: 'GET',
      url: notesUrl(topicId),
      headers: { authorization },
    });
    expect(get.statusCode, get.body).toBe(200);
    const put = await inject({
      method: 'PUT',
      url: notesUrl(topicId),
      headers: { authorization, 'if-match': '*' },
      payload: { markdown: 'x' },
    });
    expect(put.statusCode).toBe(403);
  });

  it('stores text that looks like SQL or HTML verbatim', async () => {
    const topicId = freshTopic();
    const res = await write(alice.session, topicId, INJECTION, '*');
    expect(res.statusCode, res.body).toBe(200);
    expect((await read(alice.session, topicId)).json<Note>().markdown).toBe(INJECTION);
    expect((await stored(alice.id, topicId))[0]!.markdown).toBe(INJECTION);
  });

  it('when two writes send the same ETag at once, then exactly one wins and the other gets 412', async () => {
    for (const start of ['new', 'existing']) {
      const topicId = freshTopic();
      if (start === 'existing') await write(alice.session, topicId, 'start', '*');
      const etag = (await read(alice.session, topicId)).headers.etag as string;
      const [one, two] = await Promise.all([
        write(alice.session, topicId, 'one', etag),
        write(alice.session, topicId, 'two', etag),
      ]);
      expect([one.statusCode, two.statusCode].sort(), `${one.body} ${two.body}`).toEqual([
        200, 412,
      ]);
      const winner = one.statusCode === 200 ? one : two;
      const loser = one.statusCode === 200 ? two : one;
      const now = await read(alice.session, topicId);
      expect(now.headers.etag).toBe(winner.headers.etag);
      expect(loser.json<Problem>().current!.markdown).toBe(now.json<Note>().markdown);
    }
  });
});
