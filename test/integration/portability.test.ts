/**
 * Export and import of a learner's data through the HTTP API on every database: the JSON
 * export is lossless (export, import into a fresh account or the same one, export again: the
 * same document), an import restores a changed state, a bad file is refused with every
 * problem and its JSON Pointer and changes nothing, an import that fails halfway changes
 * nothing, and the CSV, Markdown and offline HTML exports hold what they should and escape
 * what they must.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/content/markdown.js';
import {
  conceptChecks,
  NOTE_MAX_CHARS,
  progressEvents,
  topicLinks,
  topicNotes,
  topicProgress,
  topics,
} from '../../src/db/schema.js';
import { createPortabilityRepository } from '../../src/modules/portability/portability.repository.js';
import {
  HISTORY_MAX_EVENTS,
  type ProgressDocument,
} from '../../src/modules/portability/portability.schemas.js';
import { createPortabilityService } from '../../src/modules/portability/portability.service.js';
import { csvHeader } from '../../src/modules/portability/export-formats.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { parseCsv } from '../helpers/csv.js';
import { databaseTargets } from '../helpers/databases.js';

const PROBLEM = /^application\/problem\+json/;
const SLUG = 'senior-backend';
const NOTE = '# Indexes\n\nB-trees, "quoted", and <script>alert(1)</script>\n\n```sql\nselect 1;';
const TABLES = { progressEvents, topicProgress, topicNotes, topicLinks, conceptChecks };
let ipCounter = 0;
const nextIp = () => `10.6.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}`;

interface Learner {
  id: string;
  session: BrowserSession;
}
interface ImportProblem {
  type: string;
  status: number;
  detail: string;
  errors: { field: string; message: string }[];
}
type Topic = ProgressDocument['roadmaps'][number]['topics'][number];

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const withoutTime = (doc: ProgressDocument) => ({ ...doc, exportedAt: undefined });

describe.each(databaseTargets)('export and import on $name', (target) => {
  let t: TestApp;
  let alice: Learner;
  /** Alice's export once everything below is recorded. */
  let exported: ProgressDocument;
  let ids: string[];
  let archivedId: string;

  const learner = async (): Promise<Learner> => {
    const user = await createUser(t);
    return { id: user.id, session: await signIn(t, user.email, user.password) };
  };
  const inject = (
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(payload === undefined
        ? {}
        : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
      remoteAddress: nextIp(),
    });
  const topicUrl = (topicId: string, rest: string) =>
    `/me/roadmaps/${SLUG}/topics/${topicId}/${rest}`;
  const ok = async (res: Awaited<ReturnType<typeof inject>>, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res;
  };
  const setStatus = async (who: Learner, topicId: string, status: string) =>
    ok(await inject('PUT', topicUrl(topicId, 'status'), asSession(who.session), { status }));
  const writeNote = async (who: Learner, topicId: string, markdown: string) =>
    ok(
      await inject(
        'PUT',
        topicUrl(topicId, 'notes'),
        { ...asSession(who.session), 'if-match': '*' },
        { markdown },
      ),
    );
  const addLink = async (who: Learner, topicId: string, url: string, title?: string) =>
    ok(
      await inject('POST', topicUrl(topicId, 'links'), asSession(who.session), {
        url,
        ...(title ? { title } : {}),
      }),
      201,
    );
  const checklist = async (who: Learner, topicId: string) =>
    (
      await ok(await inject('GET', topicUrl(topicId, 'concepts'), { cookie: who.session.cookie }))
    ).json<{ concepts: { id: string; text: string; checked: boolean }[] }>().concepts;
  const tick = async (who: Learner, topicId: string, conceptId: string, on = true) =>
    ok(
      await inject(
        on ? 'PUT' : 'DELETE',
        topicUrl(topicId, `concepts/${conceptId}`),
        asSession(who.session),
      ),
    );

  const exportJson = async (who: Learner, query = '') =>
    (
      await ok(
        await inject('GET', `/me/export?format=json${query}`, { cookie: who.session.cookie }),
      )
    ).json<ProgressDocument>();
  const importDoc = (who: Learner, doc: unknown) =>
    inject('POST', '/me/import', asSession(who.session), doc);
  /** Rows in every table an import writes, all learners together. */
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const [name, table] of Object.entries(TABLES)) {
      const [row] = await t.core.database.db.select({ n: count() }).from(table);
      out[name] = row!.n;
    }
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp(target);
    alice = await learner();
    const roadmap = await inject('GET', `/roadmaps/${SLUG}`, {});
    ids = roadmap.json<{ topics: { id: string }[] }>().topics.map((x) => x.id);
    const [t0, t1, t2, t3, t4] = ids as [string, string, string, string, string];

    await setStatus(alice, t0, 'learning');
    await setStatus(alice, t0, 'done');
    await writeNote(alice, t0, 'first draft');
    await writeNote(alice, t0, NOTE);
    await addLink(alice, t0, 'https://use-the-index-luke.com/', 'Use the index, Luke');
    await addLink(alice, t0, 'https://example.com/b-trees');
    const concepts = await checklist(alice, t0);
    await tick(alice, t0, concepts[0]!.id);
    await tick(alice, t0, concepts[1]!.id);
    await setStatus(alice, t1, 'review');
    await writeNote(alice, t2, 'Only a note, with a comma');
    await setStatus(alice, t3, 'done');
    await writeNote(alice, t3, 'kept after the topic was removed');
    await addLink(alice, t3, 'https://example.com/old');
    await addLink(alice, t4, 'https://example.org/links-only', 'Links only');

    // The content drops t3: it is archived, and what Alice recorded on it is kept.
    archivedId = t3;
    await t.core.database.db
      .update(topics)
      .set({ archivedAt: new Date() })
      .where(eq(topics.id, t3));
    await t.core.roadmaps.reload();
    ids = ids.filter((id) => id !== t3);
    exported = await exportJson(alice);
  });
  afterAll(() => t.close());

  it('when nothing is signed in, then every route answers 401', async () => {
    for (const [method, url] of [
      ['GET', '/me/export'],
      ['GET', `/me/roadmaps/${SLUG}/export.html`],
      ['POST', '/me/import'],
    ] as const) {
      const res = await inject(method, url, {}, method === 'POST' ? exported : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('exports every topic with anything recorded, archived ones included and marked', async () => {
    const [t0, t1, t2, t4] = [ids[0]!, ids[1]!, ids[2]!, ids[3]!];
    expect(exported).toMatchObject({ format: 'waymark-progress', version: 1 });
    expect(Date.parse(exported.exportedAt!)).not.toBeNaN();
    expect(exported.roadmaps.map((r) => r.slug)).toEqual([SLUG]);
    const list = exported.roadmaps[0]!.topics;
    expect(list.map((x) => x.id)).toEqual([t0, t1, t2, t4, archivedId]);
    const byId = new Map(list.map((x) => [x.id, x]));
    const first = byId.get(t0)!;
    expect(first.status).toBe('done');
    expect(first.history!.map((e) => [e.from, e.to, e.source])).toEqual([
      [null, 'learning', 'web'],
      ['learning', 'done', 'web'],
    ]);
    expect(first.statusUpdatedAt).toBe(first.history![1]!.at);
    expect(first.note).toMatchObject({ markdown: NOTE, version: 2 });
    expect(first.links!.map((l) => l.title)).toEqual(['Use the index, Luke', 'example.com']);
    expect(first.conceptChecks).toHaveLength(2);
    expect(first.archived).toBe(false);
    expect(byId.get(t2)).toMatchObject({
      status: 'not_started',
      statusUpdatedAt: null,
      history: [],
    });
    expect(byId.get(archivedId)).toMatchObject({
      archived: true,
      status: 'done',
      note: { markdown: 'kept after the topic was removed' },
    });
    expect(byId.get(archivedId)!.title).toMatch(/\w/);
    const res = await inject('GET', '/me/export', { cookie: alice.session.cookie });
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="waymark-progress-\d{4}-\d\d-\d\d\.json"$/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when exported and imported into a fresh account, then its export is the same', async () => {
    const bob = await learner();
    const res = await ok(await importDoc(bob, exported));
    expect(res.json()).toEqual({
      roadmaps: 1,
      topics: 5,
      unchanged: 0,
      statusesChanged: 0,
      historiesRestored: 3,
      notesWritten: 3,
      linksReplaced: 3,
      conceptChecksReplaced: 1,
    });
    expect(withoutTime(await exportJson(bob))).toEqual(withoutTime(exported));
    // The API sees the restored state too.
    const progress = await inject('GET', `/me/roadmaps/${SLUG}/progress`, {
      cookie: bob.session.cookie,
    });
    const first = progress.json<{ topics: { topicId: string; status: string }[] }>().topics[0]!;
    expect(first).toMatchObject({ topicId: ids[0], status: 'done' });
  });

  it('when an account imports its own fresh export, then nothing is written', async () => {
    const before = await counts();
    const res = await ok(await importDoc(alice, exported));
    expect(res.json()).toMatchObject({ topics: 5, unchanged: 5, statusesChanged: 0 });
    expect(await counts()).toEqual(before);
    expect(withoutTime(await exportJson(alice))).toEqual(withoutTime(exported));
  });

  it('when the state changed since the export, then importing it restores the state', async () => {
    const carol = await learner();
    await ok(await importDoc(carol, exported));
    const [t0, t1, t2, t4, t5] = [ids[0]!, ids[1]!, ids[2]!, ids[3]!, ids[4]!];
    await setStatus(carol, t0, 'skipped');
    await setStatus(carol, t1, 'learning');
    const edited = await writeNote(carol, t2, 'rewritten after the export');
    const links = await inject('GET', topicUrl(t4, 'links'), { cookie: carol.session.cookie });
    for (const l of links.json<{ links: { id: string }[] }>().links) {
      await ok(
        await inject('DELETE', topicUrl(t4, `links/${l.id}`), asSession(carol.session)),
        204,
      );
    }
    const ticked = (await checklist(carol, t0)).filter((c) => c.checked);
    await tick(carol, t0, ticked[0]!.id, false);
    await setStatus(carol, t5, 'learning'); // not in the file: stays

    const res = await ok(await importDoc(carol, exported));
    expect(res.json()).toMatchObject({
      statusesChanged: 2,
      historiesRestored: 0,
      notesWritten: 1,
      linksReplaced: 1,
      conceptChecksReplaced: 1,
      unchanged: 1,
    });

    const after = await exportJson(carol);
    const state = (doc: ProgressDocument) =>
      doc.roadmaps[0]!.topics.filter((x) => x.id !== t5).map((x) => ({
        id: x.id,
        status: x.status,
        note: x.note?.markdown,
        links: x.links,
        conceptChecks: x.conceptChecks,
      }));
    expect(state(after)).toEqual(state(exported));
    const topic = (id: string) => after.roadmaps[0]!.topics.find((x) => x.id === id)!;
    expect(topic(t0).history!.at(-1)).toMatchObject({
      from: 'skipped',
      to: 'done',
      source: 'import',
    });
    expect(topic(t0).history).toHaveLength(4);
    expect(topic(t5)).toMatchObject({ status: 'learning' });
    // The note's version moved on: the ETag read before the import is stale.
    expect(topic(t2).note!.version).toBe(3);
    const stale = await inject(
      'PUT',
      topicUrl(t2, 'notes'),
      { ...asSession(carol.session), 'if-match': edited.headers.etag as string },
      { markdown: 'from a tab opened before the import' },
    );
    expect(stale.statusCode).toBe(412);
  });

  it('when a topic’s history is as long as a file may hold, then all of it is restored', async () => {
    const grace = await learner();
    const start = Date.parse('2024-01-01T00:00:00.000Z');
    // More rows than one statement can insert (65,535 parameters).
    const history = Array.from({ length: HISTORY_MAX_EVENTS }, (_, i) => ({
      from: i === 0 ? null : i % 2 === 1 ? 'learning' : 'review',
      to: i % 2 === 0 ? 'learning' : 'review',
      at: new Date(start + i * 60_000).toISOString(),
      source: 'cli',
    }));
    const doc = {
      format: 'waymark-progress',
      version: 1,
      roadmaps: [{ slug: SLUG, topics: [{ id: ids[0], status: 'review', history }] }],
    };
    expect((await ok(await importDoc(grace, doc))).json()).toMatchObject({ historiesRestored: 1 });
    const topic = (await exportJson(grace)).roadmaps[0]!.topics[0]!;
    expect(topic.history).toEqual(history);
    expect(topic).toMatchObject({ status: 'review', statusUpdatedAt: history.at(-1)!.at });
  });

  it('when a file leaves a field out, then that field is left as it is', async () => {
    const dave = await learner();
    await ok(await importDoc(dave, exported));
    const [t0] = ids as [string];
    await writeNote(dave, t0, 'kept');
    const res = await ok(
      await importDoc(dave, {
        format: 'waymark-progress',
        version: 1,
        roadmaps: [{ slug: SLUG, topics: [{ id: t0, status: 'review' }] }],
      }),
    );
    expect(res.json()).toMatchObject({ statusesChanged: 1, notesWritten: 0 });
    const topic = (await exportJson(dave)).roadmaps[0]!.topics[0]!;
    expect(topic).toMatchObject({ id: t0, status: 'review', note: { markdown: 'kept' } });
    expect(topic.links).toHaveLength(2);
  });

  it('when the file is not valid, then it is refused and nothing changes', async () => {
    const before = await counts();
    const notJson = await inject(
      'POST',
      '/me/import',
      {
        ...asSession(alice.session),
        'content-type': 'application/json',
      },
      '{"format": "waymark-progress", ',
    );
    expect(notJson.statusCode).toBe(400);
    const plain = await inject(
      'POST',
      '/me/import',
      {
        ...asSession(alice.session),
        'content-type': 'text/plain',
      },
      JSON.stringify(exported),
    );
    expect(plain.statusCode).toBe(415);

    for (const [body, fields] of [
      [[], ['']],
      ['"a string"', ['']],
      [{ format: 'something-else', version: 1, roadmaps: [] }, ['/format']],
      [{ ...exported, version: 2 }, ['/version']],
      // The roadmap's own JSON is not a progress export, and only that is said.
      [(await inject('GET', `/roadmaps/${SLUG}`, {})).json(), ['/format', '/version']],
    ] as const) {
      const res = await importDoc(alice, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const problem = res.json<ImportProblem>();
      expect(problem.type).toBe('tag:waymark.dev,2026:problems/invalid-import');
      expect(problem.errors.map((e) => e.field)).toEqual(fields);
    }
    expect(await counts()).toEqual(before);
    expect(withoutTime(await exportJson(alice))).toEqual(withoutTime(exported));
  });

  it('when a file has several errors, then each is reported at its place and nothing changes', async () => {
    const doc = clone(exported);
    const list = doc.roadmaps[0]!.topics;
    list[0]!.status = 'finished' as Topic['status'];
    list[0]!.history![1]!.from = 'review';
    (list[0] as Record<string, unknown>).colour = 'red';
    list[1]!.id = 'no-such-topic';
    list[2]!.note = { markdown: 'x'.repeat(NOTE_MAX_CHARS + 1) };
    list[3]!.links![0]!.url = 'javascript:alert(1)';
    list[0]!.conceptChecks![1]!.concept = 'nul \u0000 inside';
    list[0]!.links![1]!.createdAt = '2999-01-01T00:00:00.000Z';
    list.push(clone(list[4]!));
    doc.roadmaps.push({ slug: 'no-such-roadmap', topics: [] });
    const before = await counts();

    const res = await importDoc(alice, doc);
    expect(res.statusCode, res.body).toBe(422);
    const problem = res.json<ImportProblem>();
    const fields = problem.errors.map((e) => e.field);
    const at = '/roadmaps/0/topics';
    for (const field of [
      `${at}/0/status`,
      `${at}/0/history/1/from`,
      `${at}/0/colour`,
      `${at}/1/id`,
      `${at}/2/note/markdown`,
      `${at}/3/links/0/url`,
      `${at}/0/conceptChecks/1/concept`,
      `${at}/0/links/1/createdAt`,
      `${at}/5/id`,
      '/roadmaps/1/slug',
    ]) {
      expect(fields, field).toContain(field);
    }
    expect(problem.detail).toMatch(/nothing was imported/);
    for (const e of problem.errors) expect(e.message).toMatch(/\w/);
    expect(await counts()).toEqual(before);
  });

  it('when the file is larger than 5 MB, then 413; a file over the server-wide limit is fine', async () => {
    const before = await counts();
    const json = JSON.stringify(exported);
    const huge = await inject(
      'POST',
      '/me/import',
      { ...asSession(alice.session), 'content-type': 'application/json' },
      json + ' '.repeat(5 * 1024 * 1024),
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(PROBLEM);
    expect(await counts()).toEqual(before);
    // 1.5 MB: over the test server's 1 MB BODY_LIMIT, within the import's own.
    const large = await inject(
      'POST',
      '/me/import',
      { ...asSession(alice.session), 'content-type': 'application/json' },
      json + ' '.repeat(1.5 * 1024 * 1024),
    );
    expect(large.statusCode, large.body).toBe(200);
  });

  it('when an import fails halfway, then nothing of it is kept', async () => {
    const erin = await learner();
    const real = createPortabilityRepository(t.core.database.db);
    let writes = 0;
    const failing: typeof real = {
      ...real,
      transaction: (work) =>
        real.transaction((writer) =>
          work(
            Object.fromEntries(
              Object.entries(writer).map(([name, fn]) => [
                name,
                async (...args: unknown[]) => {
                  const result: unknown = await (fn as (...a: unknown[]) => unknown)(...args);
                  if (name !== 'read' && ++writes === 6) throw new Error('the disk is full');
                  return result;
                },
              ]),
            ) as typeof writer,
          ),
        ),
    };
    const service = createPortabilityService({ repository: failing, roadmaps: t.core.roadmaps });
    const before = await counts();
    await expect(service.import(erin.id, clone(exported), [])).rejects.toThrow('the disk is full');
    expect(writes).toBe(6);
    expect(await counts()).toEqual(before);
    expect((await exportJson(erin)).roadmaps).toEqual([]);
    // The same import, not interrupted, goes through.
    const done = await createPortabilityService({
      repository: real,
      roadmaps: t.core.roadmaps,
    }).import(erin.id, clone(exported), []);
    expect(done.historiesRestored).toBe(3);
  });

  it('when a token may only read progress, then it exports but cannot import', async () => {
    const created = await ok(
      await inject('POST', '/me/tokens', asSession(alice.session), {
        name: 'export script',
        scopes: ['progress:read'],
        expiresInDays: 7,
      }),
      201,
    );
    const bearer = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
    const res = await inject('GET', '/me/export', bearer);
    expect(res.statusCode).toBe(200);
    expect(withoutTime(res.json<ProgressDocument>())).toEqual(withoutTime(exported));
    expect((await inject('POST', '/me/import', bearer, exported)).statusCode).toBe(403);
  });

  it('exports only the caller’s own data, one roadmap when asked, and 404 for an unknown one', async () => {
    const frank = await learner();
    const res = await inject('GET', '/me/export?format=md', { cookie: frank.session.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('kept after the topic was removed');
    expect((await exportJson(frank)).roadmaps).toEqual([]);
    const one = (await exportJson(frank, `&roadmap=${SLUG}`)).roadmaps;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ slug: SLUG, topics: [] });
    const unknown = await inject('GET', '/me/export?roadmap=no-such-roadmap', {
      cookie: frank.session.cookie,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('negotiates the format from Accept unless `format` says', async () => {
    const get = (query: string, accept?: string) =>
      inject('GET', `/me/export${query}`, {
        cookie: alice.session.cookie,
        ...(accept ? { accept } : {}),
      });
    expect((await get('', 'text/csv')).headers['content-type']).toMatch(/^text\/csv/);
    expect((await get('', 'text/markdown')).headers['content-type']).toMatch(/^text\/markdown/);
    expect((await get('?format=md', 'text/csv')).headers['content-type']).toMatch(
      /^text\/markdown/,
    );
    expect((await get('', 'image/png')).statusCode).toBe(406);
    expect((await get('?format=xml')).statusCode).toBe(400);
  });

  it('exports CSV with one row per topic and every field escaped', async () => {
    const res = await inject('GET', '/me/export?format=csv', { cookie: alice.session.cookie });
    expect(res.headers['content-disposition']).toMatch(/filename="waymark-progress-.*\.csv"/);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual([...csvHeader]);
    const body = rows.slice(1);
    expect(body.map((r) => r[2])).toEqual([...ids, archivedId]);
    const first = Object.fromEntries(csvHeader.map((h, i) => [h, body[0]![i]]));
    expect(first).toMatchObject({
      roadmap: SLUG,
      topic_id: ids[0],
      status: 'done',
      note: NOTE,
      links: 'https://use-the-index-luke.com/ https://example.com/b-trees',
      archived: 'false',
    });
    expect(Date.parse(first.updated_at!)).not.toBeNaN();
    expect(body.at(-1)![csvHeader.indexOf('archived')]).toBe('true');
    expect(body[3]![csvHeader.indexOf('status')]).toBe('not_started');
  });

  it('exports Markdown with each roadmap, section and topic, its status and note', async () => {
    const res = await inject('GET', '/me/export?format=md', { cookie: alice.session.cookie });
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    const md = res.body;
    const view = (await inject('GET', `/roadmaps/${SLUG}`, {})).json<{
      title: string;
      sections: { title: string }[];
    }>();
    expect(md).toContain(`## ${view.title}`);
    for (const s of view.sections) expect(md).toContain(`\n### ${s.title}\n`);
    expect(md).toContain('**Your status:** Done');
    expect(md).toContain('> #### Indexes');
    expect(md).toContain('> B-trees, "quoted", and <script>alert(1)</script>');
    expect(md).toContain('### Removed from the roadmap');
  });

  it('exports a roadmap as one offline HTML page with every topic, statuses and notes', async () => {
    const res = await inject('GET', `/me/roadmaps/${SLUG}/export.html`, {
      cookie: alice.session.cookie,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="waymark-${SLUG}-\\d{4}-\\d\\d-\\d\\d\\.html"$`),
    );
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    const html = res.body;
    const view = (await inject('GET', `/roadmaps/${SLUG}`, {})).json<{
      topics: { id: string; title: string }[];
    }>();
    for (const topic of view.topics) expect(html).toContain(escapeHtml(topic.title));
    expect(html).toContain('Your status:</strong> Done');
    expect(html).toContain('Your status:</strong> Review');
    expect(html).toContain('Only a note, with a comma');
    expect(html).toContain('kept after the topic was removed');
    // The note's script is text, not a script; the page loads nothing from anywhere.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/<link\b|<iframe|<img|<object/i);
    expect(/<style>([^<]*)<\/style>/.exec(html)![1]).not.toMatch(/@import|url\(/);
    const publicPage = await inject('GET', `/roadmaps/${SLUG}`, { accept: 'text/html' });
    const hrefs = (text: string) => [...text.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    const allowed = new Set([
      ...hrefs(publicPage.body),
      'https://use-the-index-luke.com/',
      'https://example.com/b-trees',
      'https://example.com/old',
      'https://example.org/links-only',
    ]);
    for (const href of hrefs(html)) expect(allowed, href).toContain(href);
  });

  it('refuses the offline page of an unknown roadmap', async () => {
    const res = await inject('GET', '/me/roadmaps/no-such-roadmap/export.html', {
      cookie: alice.session.cookie,
    });
    expect(res.statusCode).toBe(404);
  });
});
