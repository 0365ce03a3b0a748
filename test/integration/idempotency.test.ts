/**
 * Idempotency-Key on every database: through the real app (personal access tokens, a POST
 * that creates something and answers a secret once), and through probe routes on a small app
 * with the same plugin and repository, for what the real routes cannot provoke on demand (a
 * 5xx, a request held in flight, a crashed instance's claim, pruning).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, personalAccessTokens } from '../../src/db/schema.js';
import { requires, publicRoute } from '../../src/http/access.js';
import { AppError } from '../../src/http/errors.js';
import { idempotency, type IdempotencyStore } from '../../src/http/idempotency.js';
import { open, requestHash, sha256Hex } from '../../src/http/idempotency-crypto.js';
import { createIdempotencyRepository } from '../../src/http/idempotency.repository.js';
import { problemHandler } from '../../src/http/problem-handler.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const PROBLEM = /^application\/problem\+json/;
const type = (code: string) => `tag:waymark.dev,2026:problems/${code}`;
let ipCounter = 0;
/** A client address per request, so per-address rate limits do not interfere. */
const nextIp = () => `10.11.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}`;

interface Problem {
  type: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}
interface CreatedToken {
  id: string;
  token: string;
  name: string;
}

describe.each(databaseTargets)('Idempotency-Key on $name', (target) => {
  let t: TestApp;
  let alice: { id: string; session: BrowserSession };
  let bob: { id: string; session: BrowserSession };

  beforeAll(async () => {
    t = await createTestApp(target);
    const a = await createUser(t);
    const b = await createUser(t);
    alice = { id: a.id, session: await signIn(t, a.email, a.password) };
    bob = { id: b.id, session: await signIn(t, b.email, b.password) };
  });
  afterAll(() => t.close());

  const post = (url: string, headers: Record<string, string>, payload?: object | string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers:
        typeof payload === 'string' ? { ...headers, 'content-type': 'application/json' } : headers,
      payload,
      remoteAddress: nextIp(),
    });
  const tokenBody = (name: string) => ({ name, scopes: ['profile:read'], expiresInDays: 30 });
  const tokensNamed = async (userId: string, name: string) =>
    t.core.database.db
      .select()
      .from(personalAccessTokens)
      .where(and(eq(personalAccessTokens.userId, userId), eq(personalAccessTokens.name, name)));
  const rowOf = async (userId: string, key: string) =>
    (
      await t.core.database.db
        .select()
        .from(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.scope, `user:${userId}`),
            eq(idempotencyKeys.keyHash, sha256Hex(key)),
          ),
        )
    )[0];
  const withKey = (session: BrowserSession, key: string) => ({
    ...asSession(session),
    'idempotency-key': key,
  });

  it('when a token is created twice with one key, then the retry replays the first answer and creates nothing', async () => {
    const key = randomUUID();
    const first = await post('/me/tokens', withKey(alice.session, key), tokenBody('replayed'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await post('/me/tokens', withKey(alice.session, key), tokenBody('replayed'));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(again.json<CreatedToken>().token).toBe(first.json<CreatedToken>().token);
    expect(await tokensNamed(alice.id, 'replayed')).toHaveLength(1);
  });

  it('when the response is kept, then the row holds a hash of the key and no readable secret', async () => {
    const key = randomUUID();
    const res = await post('/me/tokens', withKey(alice.session, key), tokenBody('stored'));
    const secret = res.json<CreatedToken>().token;
    const row = await rowOf(alice.id, key);
    expect(row).toMatchObject({ method: 'POST', path: '/api/v1/me/tokens', status: 201 });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(24 * 3600_000);
    const stored = `${row!.response} ${Buffer.from(row!.response!, 'base64').toString('latin1')}`;
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice('wm_pat_'.length, 20));
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it('when a response sets a cookie, then the kept response holds it, readable with the key only', async () => {
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    const key = randomUUID();
    const res = await post('/auth/logout', withKey(session, key));
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/^waymark_session=;/);
    const row = (await rowOf(user.id, key))!;
    const context = [
      `user:${user.id}`,
      'POST',
      '/api/v1/auth/logout',
      requestHash({}, undefined),
      204,
    ].join('\n');
    const kept = JSON.parse(open(key, context, row.response!).toString('utf8')) as {
      headers: Record<string, unknown>;
    };
    expect(kept.headers['set-cookie']).toEqual(res.headers['set-cookie']);
    expect(() => open(`${key}x`, context, row.response!)).toThrow();
  });

  it('when the retry sends the same JSON with other spacing and key order, then it is a replay', async () => {
    const key = randomUUID();
    const first = await post(
      '/me/tokens',
      withKey(alice.session, key),
      '{"name":"spacing","scopes":["profile:read"],"expiresInDays":30}',
    );
    expect(first.statusCode).toBe(201);
    const again = await post(
      '/me/tokens',
      withKey(alice.session, key),
      '{\n  "expiresInDays": 30,\n  "scopes": [ "profile:read" ],\n  "name": "spacing"\n}',
    );
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
  });

  it('when the key comes again with another body or path, then 422 and nothing is created', async () => {
    const key = randomUUID();
    expect(
      (await post('/me/tokens', withKey(alice.session, key), tokenBody('first'))).statusCode,
    ).toBe(201);

    const other = await post('/me/tokens', withKey(alice.session, key), tokenBody('second'));
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toMatch(PROBLEM);
    expect(other.json<Problem>().type).toBe(type('idempotency-key-reused'));
    expect(await tokensNamed(alice.id, 'second')).toHaveLength(0);

    const elsewhere = await post('/auth/device/approve', withKey(alice.session, key), {
      userCode: 'BCDF-GHJK',
      approve: true,
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json<Problem>().type).toBe(type('idempotency-key-reused'));
  });

  it('when another user sends the same key and body, then it runs for them on its own', async () => {
    const key = randomUUID();
    const mine = await post('/me/tokens', withKey(alice.session, key), tokenBody('shared-key'));
    const theirs = await post('/me/tokens', withKey(bob.session, key), tokenBody('shared-key'));
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json<CreatedToken>().token).not.toBe(mine.json<CreatedToken>().token);
    expect(await tokensNamed(bob.id, 'shared-key')).toHaveLength(1);
    expect(await tokensNamed(alice.id, 'shared-key')).toHaveLength(1);
  });

  it('when a retry comes without the credentials, then it is refused before any replay', async () => {
    const key = randomUUID();
    await post('/me/tokens', withKey(alice.session, key), tokenBody('credentials'));
    const anonymous = await post(
      '/me/tokens',
      { 'idempotency-key': key },
      tokenBody('credentials'),
    );
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await post(
      '/me/tokens',
      { cookie: alice.session.cookie, 'idempotency-key': key },
      tokenBody('credentials'),
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.body).not.toContain('wm_pat_');
  });

  it('when two requests with one key arrive together, then exactly one runs', async () => {
    const key = randomUUID();
    const both = await Promise.all([
      post('/me/tokens', withKey(alice.session, key), tokenBody('concurrent')),
      post('/me/tokens', withKey(alice.session, key), tokenBody('concurrent')),
    ]);
    expect(await tokensNamed(alice.id, 'concurrent')).toHaveLength(1);
    const created = both.filter((r) => r.statusCode === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const other of both.filter((r) => r.statusCode !== 201)) {
      expect(other.statusCode).toBe(409);
      expect(other.json<Problem>().type).toBe(type('idempotency-key-in-use'));
      expect(other.headers['retry-after']).toBe('1');
    }
    if (created.length === 2) expect(created[0]!.body).toBe(created[1]!.body);
  });

  it('when the key has expired, then the same request runs again', async () => {
    const key = randomUUID();
    const first = await post('/me/tokens', withKey(alice.session, key), tokenBody('expired'));
    await t.core.database.db
      .update(idempotencyKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(idempotencyKeys.keyHash, sha256Hex(key)));

    const again = await post('/me/tokens', withKey(alice.session, key), tokenBody('expired'));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.json<CreatedToken>().token).not.toBe(first.json<CreatedToken>().token);
    expect(await tokensNamed(alice.id, 'expired')).toHaveLength(2);
    expect((await rowOf(alice.id, key))!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it.each([
    ['longer than 255 characters', 'k'.repeat(256)],
    ['not printable ASCII', 'clé-1'],
  ])('when the key is %s, then 400 and nothing is created or kept', async (_label, key) => {
    const res = await post('/me/tokens', withKey(alice.session, key), tokenBody('bad-key'));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json<Problem>().errors?.[0]?.field).toBe('headers.idempotency-key');
    expect(await tokensNamed(alice.id, 'bad-key')).toHaveLength(0);
    expect(await rowOf(alice.id, key)).toBeUndefined();
  });

  it('when a 255-character key is sent, then it is accepted', async () => {
    const key = `${randomUUID()}${'~'.repeat(255 - 36)}`;
    const res = await post('/me/tokens', withKey(alice.session, key), tokenBody('long-key'));
    expect(res.statusCode).toBe(201);
    expect(await rowOf(alice.id, key)).toBeDefined();
  });

  it('when the body fails validation, then nothing is kept and the key stays free', async () => {
    const key = randomUUID();
    const invalid = await post('/me/tokens', withKey(alice.session, key), { name: 'x' });
    expect(invalid.statusCode).toBe(400);
    expect(await rowOf(alice.id, key)).toBeUndefined();
    const valid = await post('/me/tokens', withKey(alice.session, key), tokenBody('after-400'));
    expect(valid.statusCode).toBe(201);
    expect(valid.headers['idempotent-replayed']).toBeUndefined();
  });

  it('when the handler answers a 4xx, then that answer is kept and replayed', async () => {
    const key = randomUUID();
    const body = { userCode: 'BCDF-GHJK', approve: true };
    const first = await post('/auth/device/approve', withKey(alice.session, key), body);
    expect(first.statusCode).toBe(400);
    expect(first.json<Problem>().type).toBe(type('invalid-token'));
    const again = await post('/auth/device/approve', withKey(alice.session, key), body);
    expect(again.statusCode).toBe(400);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(PROBLEM);
    expect(again.body).toBe(first.body);
  });

  it('when a POST comes without the key, then nothing is kept', async () => {
    const before = await t.core.database.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.scope, `user:${bob.id}`));
    const res = await post('/me/tokens', asSession(bob.session), tokenBody('no-key'));
    expect(res.statusCode).toBe(201);
    const after = await t.core.database.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.scope, `user:${bob.id}`));
    expect(after).toHaveLength(before.length);
  });

  it('when an anonymous POST sends a key, then the key is ignored', async () => {
    const key = randomUUID();
    const res = await post(
      '/auth/password/forgot',
      { 'idempotency-key': key },
      { email: 'nobody@example.test' },
    );
    expect(res.statusCode).toBe(202);
    const rows = await t.core.database.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.keyHash, sha256Hex(key)));
    expect(rows).toHaveLength(0);
  });

  it('when the OpenAPI is read, then every POST that needs a user lists the optional header, and only those', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            security?: unknown[];
            parameters?: { name: string; in: string; required?: boolean }[];
            responses: Record<string, unknown>;
          }
        >
      >;
    }>();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    const withHeader = operations.filter(({ op }) =>
      op.parameters?.some((p) => p.name === 'Idempotency-Key' && p.in === 'header'),
    );
    expect(withHeader.every(({ method }) => method === 'post')).toBe(true);
    expect(withHeader.map(({ path }) => path)).toEqual(
      expect.arrayContaining(['/api/v1/me/tokens', '/api/v1/auth/device/approve']),
    );
    const tokens = doc.paths['/api/v1/me/tokens']!.post!;
    const header = tokens.parameters!.find((p) => p.name === 'Idempotency-Key')!;
    expect(header.required).toBeFalsy();
    expect(Object.keys(tokens.responses)).toEqual(expect.arrayContaining(['409', '422']));
    const protectedRoutes = t.app.routeTable.filter(
      (r) => r.method === 'POST' && r.access !== undefined && r.access !== 'public',
    );
    expect(withHeader).toHaveLength(protectedRoutes.length);
    expect(doc.paths['/api/v1/auth/login']!.post!.parameters ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key' }),
    );
  });

  describe('on probe routes', () => {
    let probe: FastifyInstance;
    const calls: string[] = [];
    let clock = new Date();
    const executed: Record<string, number> = {};
    let failNext = false;
    let gate: Promise<void> | undefined;
    let entered: (() => void) | undefined;

    /** Stands in for the real authentication: `X-User` is who is calling. */
    const fakeAuthentication = fp(
      async (app: FastifyInstance) => {
        app.decorateRequest('auth', null);
        app.addHook('onRoute', (route) => {
          if (route.config?.access === undefined || route.config.access === 'public') return;
          route.onRequest = async (request) => {
            const user = request.headers['x-user'];
            if (typeof user !== 'string') throw new AppError('unauthorized', 'Who are you?');
            request.auth = {
              userId: user,
              role: 'member',
              via: 'pat',
              scopes: [],
              credentialId: user,
            };
          };
        });
      },
      { name: 'authentication' },
    );

    beforeAll(async () => {
      const repository = createIdempotencyRepository(t.core.database.db);
      const counted: IdempotencyStore = {
        claim: (...args) => (calls.push('claim'), repository.claim(...args)),
        complete: (...args) => (calls.push('complete'), repository.complete(...args)),
        release: (...args) => (calls.push('release'), repository.release(...args)),
        pruneExpired: (...args) => (calls.push('prune'), repository.pruneExpired(...args)),
      };
      probe = Fastify();
      await probe.register(problemHandler);
      await probe.register(fakeAuthentication);
      await probe.register(idempotency, { store: counted, now: () => clock });
      const user = requires();
      const run = (name: string) => {
        executed[name] = (executed[name] ?? 0) + 1;
        return { name, run: executed[name] };
      };
      probe.post('/count', { config: user }, async (_request, reply) =>
        reply.code(201).send(run('count')),
      );
      probe.post('/flaky', { config: user }, async (_request, reply) => {
        const result = run('flaky');
        if (failNext) {
          failNext = false;
          throw new Error('the database went away');
        }
        return reply.code(201).send(result);
      });
      probe.post('/slow', { config: user }, async (_request, reply) => {
        const result = run('slow');
        entered?.();
        await gate;
        return reply.code(201).send(result);
      });
      probe.post('/public', { config: publicRoute }, async () => run('public'));
      probe.get('/count', { config: user }, async () => run('get'));
      await probe.ready();
    });
    afterAll(() => probe?.close());

    const send = (url: string, headers: Record<string, string>, method: 'POST' | 'GET' = 'POST') =>
      probe.inject({ method, url, headers, ...(method === 'POST' ? { payload: { a: 1 } } : {}) });
    /** Starts a /slow request and resolves once its handler is running. */
    async function holdSlow(headers: Record<string, string>) {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      const running = new Promise<void>((resolve) => (entered = resolve));
      const response = send('/slow', headers);
      await running;
      return { response, release };
    }

    it('when a POST has no key, or the route is public, or the method is GET, then the store is not touched', async () => {
      calls.length = 0;
      expect((await send('/count', { 'x-user': 'u1' })).statusCode).toBe(201);
      expect((await send('/public', { 'idempotency-key': randomUUID() })).statusCode).toBe(200);
      expect(
        (await send('/count', { 'x-user': 'u1', 'idempotency-key': randomUUID() }, 'GET'))
          .statusCode,
      ).toBe(200);
      expect(calls).toEqual([]);
    });

    it('when the first attempt fails with a 5xx, then the key is freed and the retry runs', async () => {
      const key = randomUUID();
      const before = executed.flaky ?? 0;
      failNext = true;
      const failed = await send('/flaky', { 'x-user': 'u1', 'idempotency-key': key });
      expect(failed.statusCode).toBe(500);
      const retried = await send('/flaky', { 'x-user': 'u1', 'idempotency-key': key });
      expect(retried.statusCode).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      const replayed = await send('/flaky', { 'x-user': 'u1', 'idempotency-key': key });
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.body).toBe(retried.body);
      expect(executed.flaky).toBe(before + 2);
    });

    it('when the first request is still running, then the same key gets 409, and the replay after it', async () => {
      const key = randomUUID();
      const headers = { 'x-user': 'u2', 'idempotency-key': key };
      const before = executed.slow ?? 0;
      const first = await holdSlow(headers);
      const meanwhile = await send('/slow', headers);
      expect(meanwhile.statusCode).toBe(409);
      expect(meanwhile.json<Problem>().type).toBe(type('idempotency-key-in-use'));
      first.release();
      expect((await first.response).statusCode).toBe(201);
      const after = await send('/slow', headers);
      expect(after.headers['idempotent-replayed']).toBe('true');
      expect(executed.slow).toBe(before + 1);
    });

    it('when a claim has been in flight for over 5 minutes, then it is taken over and the late answer is not kept', async () => {
      const key = randomUUID();
      const headers = { 'x-user': 'u3', 'idempotency-key': key };
      const stuck = await holdSlow(headers);
      clock = new Date(clock.getTime() + 5 * 60_000 + 1);
      gate = undefined;
      const takeover = await send('/slow', headers);
      expect(takeover.statusCode).toBe(201);
      expect(takeover.headers['idempotent-replayed']).toBeUndefined();
      stuck.release();
      const late = await stuck.response;
      expect(late.statusCode).toBe(201);
      const replay = await send('/slow', headers);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toBe(takeover.body);
      expect(replay.body).not.toBe(late.body);
    });

    it('when keys have expired, then a new claim prunes a bounded batch of them', async () => {
      const db = t.core.database.db;
      const past = new Date(clock.getTime() - 1000);
      await db.insert(idempotencyKeys).values(
        Array.from({ length: 503 }, (_, i) => ({
          scope: 'user:pruned',
          keyHash: sha256Hex(`old-${i}`),
          method: 'POST',
          path: '/count',
          requestHash: 'x',
          status: 201,
          response: 'x',
          createdAt: new Date(past.getTime() - 24 * 3600_000),
          expiresAt: past,
        })),
      );
      await db.insert(idempotencyKeys).values({
        scope: 'user:pruned',
        keyHash: sha256Hex('live'),
        method: 'POST',
        path: '/count',
        requestHash: 'x',
        status: 201,
        response: 'x',
        expiresAt: new Date(clock.getTime() + 3600_000),
      });
      // Pruning runs at most once a minute per instance: move past that.
      clock = new Date(clock.getTime() + 61_000);
      calls.length = 0;
      expect(
        (await send('/count', { 'x-user': 'u4', 'idempotency-key': randomUUID() })).statusCode,
      ).toBe(201);
      expect(calls).toEqual(['claim', 'prune', 'complete']);
      const left = await db
        .select({ keyHash: idempotencyKeys.keyHash })
        .from(idempotencyKeys)
        .where(like(idempotencyKeys.scope, 'user:pruned'));
      expect(left).toHaveLength(3 + 1);
      expect(left.map((r) => r.keyHash)).toContain(sha256Hex('live'));

      calls.length = 0;
      await send('/count', { 'x-user': 'u4', 'idempotency-key': randomUUID() });
      expect(calls).toEqual(['claim', 'complete']);
    });
  });
});
