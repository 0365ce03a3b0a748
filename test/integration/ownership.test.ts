/**
 * User B cannot read or change user A's data through any route. The sweep walks the app's
 * own route table: every protected route that names a resource by id is called by B with
 * A's id (a new such route fails here until it is added to `resourceOf`), every protected
 * list is read by B, and afterwards all of A's credentials still work. Routes under
 * `/me/roadmaps` name no one's resource (they act on the caller's own progress and notes): B
 * calls them on the topic A has marked and written a note on, and must see and change only
 * B's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identities } from '../../src/db/schema.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** Text that would break a query built by string concatenation: must come back verbatim. */
const INJECTION = `x'); DELETE FROM personal_access_tokens; -- "; DROP TABLE users; \\`;
const SLUG = 'senior-backend';
/** A's private note on the topic: B must never see it. */
const A_NOTE = 'alice private note: only alice reads this';
/** A's personal link on the topic: B must never see it. */
const A_LINK = 'https://alice-private.example/only-alice';

describe.each(databaseTargets)('ownership across users on $name', (target) => {
  let t: TestApp;
  let a: {
    session: BrowserSession;
    email: string;
    ids: Record<string, string>;
    topicId: string;
    linkId: string;
    conceptId: string;
  };
  let aPat: string;
  let aAccessToken: string;
  let b: BrowserSession;

  let ip = 0;
  const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload ? { payload } : {}),
      remoteAddress: `10.7.0.${++ip % 250}`,
    });

  beforeAll(async () => {
    t = await createTestApp(target);
    const alice = await createUser(t);
    const session = await signIn(t, alice.email, alice.password);
    const pat = await inject('POST', '/api/v1/me/tokens', asSession(session), {
      name: INJECTION,
      scopes: ['profile:read'],
      expiresInDays: 7,
    });
    expect(pat.statusCode, pat.body).toBe(201);
    aPat = pat.json<{ token: string }>().token;

    const device = await inject(
      'POST',
      '/api/v1/auth/device/code',
      {},
      { client_id: 'waymark-cli' },
    );
    const { device_code, user_code } = device.json<{ device_code: string; user_code: string }>();
    const approve = await inject('POST', '/api/v1/auth/device/approve', asSession(session), {
      userCode: user_code,
      approve: true,
    });
    expect(approve.statusCode, approve.body).toBe(204);
    const token = await inject(
      'POST',
      '/api/v1/auth/token',
      {},
      {
        grant_type: DEVICE_GRANT,
        device_code,
        client_id: 'waymark-cli',
      },
    );
    expect(token.statusCode, token.body).toBe(200);
    aAccessToken = token.json<{ access_token: string }>().access_token;

    const [identity] = await t.core.database.db
      .insert(identities)
      .values({
        userId: alice.id,
        issuer: 'https://id.example.test',
        subject: 'alice',
        email: alice.email,
      })
      .returning();
    const list = async <T>(url: string) =>
      (await inject('GET', `/api/v1${url}`, { cookie: session.cookie })).json<T>();
    const roadmap = await inject('GET', `/api/v1/roadmaps/${SLUG}`, {});
    const topicId = roadmap.json<{ topics: { id: string }[] }>().topics[0]!.id;
    const marked = await inject(
      'PUT',
      `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/status`,
      asSession(session),
      { status: 'review' },
    );
    expect(marked.statusCode, marked.body).toBe(200);
    const noted = await inject(
      'PUT',
      `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/notes`,
      { ...asSession(session), 'if-match': '*' },
      { markdown: A_NOTE },
    );
    expect(noted.statusCode, noted.body).toBe(200);
    const topicUrl = `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}`;
    const linked = await inject('POST', `${topicUrl}/links`, asSession(session), { url: A_LINK });
    expect(linked.statusCode, linked.body).toBe(201);
    const concepts = await inject('GET', `${topicUrl}/concepts`, { cookie: session.cookie });
    const conceptId = concepts.json<{ concepts: { id: string }[] }>().concepts[0]!.id;
    const ticked = await inject('PUT', `${topicUrl}/concepts/${conceptId}`, asSession(session));
    expect(ticked.statusCode, ticked.body).toBe(200);
    a = {
      session,
      email: alice.email,
      ids: {
        sessions: (await list<{ sessions: { id: string }[] }>('/me/sessions')).sessions[0]!.id,
        tokens: (await list<{ tokens: { id: string }[] }>('/me/tokens')).tokens[0]!.id,
        clients: (await list<{ clients: { id: string }[] }>('/me/clients')).clients[0]!.id,
        identities: identity!.id,
      },
      topicId,
      linkId: linked.json<{ id: string }>().id,
      conceptId,
    };
    const bob = await createUser(t);
    b = await signIn(t, bob.email, bob.password);
  });
  afterAll(() => t.close());

  /** A's resource a route names by id, from the route's URL. */
  const resourceOf = (url: string): string | undefined =>
    /^\/api\/v1\/me\/(sessions|tokens|clients|identities)\/:id$/.exec(url)?.[1];
  /** Routes that act on the caller's own progress, whoever calls. */
  const callerScoped = (url: string) => url.startsWith('/api/v1/me/roadmaps/:slug/');

  it('refuses every by-id route on A’s resources, from B', async () => {
    const routes = t.app.routeTable.filter(
      (r) => typeof r.access === 'object' && r.url.includes('/:'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(4);
    for (const route of routes) {
      if (callerScoped(route.url)) {
        const url = route.url
          .replace(':slug', SLUG)
          .replace(':topicId', a.topicId)
          .replace(':conceptId', a.conceptId);
        if (url.endsWith('/:linkId')) {
          const res = await inject(route.method, url.replace(':linkId', a.linkId), asSession(b));
          expect(res.statusCode, `${route.method} ${url}: ${res.body}`).toBe(404);
          continue;
        }
        const link =
          route.method === 'POST' && url.endsWith('/links')
            ? { url: 'https://b.example/' }
            : undefined;
        const notes = url.endsWith('/notes');
        const merge = url.endsWith('/progress/merge')
          ? { changes: [{ topicId: a.topicId, from: null, to: 'learning', at: new Date() }] }
          : undefined;
        const body =
          route.method !== 'PUT'
            ? (merge ?? link)
            : notes
              ? { markdown: 'B' }
              : { status: 'learning' };
        const headers: Record<string, string> =
          notes && route.method === 'PUT' ? { 'if-match': '*' } : {};
        const res = await inject(route.method, url, { ...asSession(b), ...headers }, body);
        expect([200, 201], `${route.method} ${url}: ${res.body}`).toContain(res.statusCode);
        expect(res.body, `${route.method} ${url} shows A's link`).not.toContain(A_LINK);
        expect(res.body, `${route.method} ${url} shows A's progress`).not.toMatch(
          /"(status|to)":"review"/,
        );
        expect(res.body, `${route.method} ${url} shows A's note`).not.toContain(A_NOTE);
        continue;
      }
      const kind = resourceOf(route.url);
      expect(kind, `${route.method} ${route.url}: add it to this sweep`).toBeDefined();
      const url = route.url.replace(':id', a.ids[kind!]!);
      const res = await inject(route.method, url, asSession(b));
      expect([403, 404], `${route.method} ${url}: ${res.body}`).toContain(res.statusCode);
    }
  });

  it('shows B nothing of A in any protected list', async () => {
    const lists = t.app.routeTable.filter(
      (r) => r.method === 'GET' && typeof r.access === 'object' && !r.url.includes(':'),
    );
    for (const route of lists) {
      const res = await inject('GET', route.url, { cookie: b.cookie });
      for (const secret of [a.email, ...Object.values(a.ids)]) {
        expect(res.body, `${route.url} leaks ${secret}`).not.toContain(secret);
      }
    }
  });

  it('leaves all of A’s credentials working, and A’s text verbatim', async () => {
    expect((await inject('GET', '/api/v1/me', { cookie: a.session.cookie })).statusCode).toBe(200);
    expect(
      (await inject('GET', '/api/v1/me', { authorization: `Bearer ${aPat}` })).statusCode,
    ).toBe(200);
    expect(
      (await inject('GET', '/api/v1/me', { authorization: `Bearer ${aAccessToken}` })).statusCode,
    ).toBe(200);
    const tokens = await inject('GET', '/api/v1/me/tokens', { cookie: a.session.cookie });
    expect(tokens.json<{ tokens: { name: string }[] }>().tokens[0]!.name).toBe(INJECTION);
    const ids = await inject('GET', '/api/v1/me/identities', { cookie: a.session.cookie });
    expect(ids.json<{ identities: unknown[] }>().identities).toHaveLength(1);
    const history = await inject('GET', `/api/v1/me/roadmaps/${SLUG}/topics/${a.topicId}/history`, {
      cookie: a.session.cookie,
    });
    expect(history.json<{ events: { to: string }[] }>().events.map((e) => e.to)).toEqual([
      'review',
    ]);
    const note = await inject('GET', `/api/v1/me/roadmaps/${SLUG}/topics/${a.topicId}/notes`, {
      cookie: a.session.cookie,
    });
    expect(note.json<{ markdown: string }>().markdown).toBe(A_NOTE);
    const topicUrl = `/api/v1/me/roadmaps/${SLUG}/topics/${a.topicId}`;
    const links = await inject('GET', `${topicUrl}/links`, { cookie: a.session.cookie });
    expect(links.json<{ links: { url: string }[] }>().links.map((l) => l.url)).toEqual([A_LINK]);
    const concepts = await inject('GET', `${topicUrl}/concepts`, { cookie: a.session.cookie });
    const checked = concepts.json<{ concepts: { id: string; checked: boolean }[] }>().concepts;
    expect(checked.filter((c) => c.checked).map((c) => c.id)).toEqual([a.conceptId]);
  });
});
