/**
 * `waymark progress` and `waymark progress set` against a listening Waymark, run as a user runs
 * them (a child process) with a personal access token in WAYMARK_TOKEN.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { CLI_TIMEOUT, spawnWaymark } from '../helpers/cli.js';
import { databaseTargets } from '../helpers/databases.js';

const SLUG = 'senior-backend';

const waymark = (args: string[], env: Record<string, string>) =>
  spawnWaymark(args, { ...process.env, WAYMARK_URL: '', WAYMARK_TOKEN: '', ...env }).done;

describe('waymark progress', { timeout: CLI_TIMEOUT }, () => {
  let t: TestApp;
  let server: string;
  let session: BrowserSession;
  let configHome: string;
  let topicIds: string[];
  let title: string;
  let readWrite: string;
  let readOnly: string;
  // No saved sign-in: only WAYMARK_TOKEN can authorize.
  const env = (token = '') => ({ XDG_CONFIG_HOME: configHome, WAYMARK_TOKEN: token });

  const createToken = async (scopes: string[]) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: asSession(session),
      payload: { name: `cli ${scopes.join(' ')}`, scopes, expiresInDays: 1 },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ token: string }>().token;
  };
  const putStatus = (topicId: string, status: string, token: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/status`,
      headers: { authorization: `Bearer ${token}` },
      payload: { status },
    });

  beforeAll(async () => {
    t = await createTestApp(databaseTargets[0]!);
    server = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const user = await createUser(t);
    session = await signIn(t, user.email, user.password);
    configHome = await fs.mkdtemp(path.join(os.tmpdir(), 'waymark-progress-'));
    const roadmap = await t.app.inject({ method: 'GET', url: `/api/v1/roadmaps/${SLUG}` });
    const body = roadmap.json<{ title: string; sections: { topicIds: string[] }[] }>();
    title = body.title;
    topicIds = body.sections.flatMap((s) => s.topicIds);
    readWrite = await createToken(['progress:read', 'progress:write']);
    readOnly = await createToken(['progress:read']);
  });
  afterAll(async () => {
    await t?.close();
    if (configHome) await fs.rm(configHome, { recursive: true, force: true });
  });

  it('when a topic is set, then the CLI prints the change and the bars count it', async () => {
    const topicId = topicIds[0]!;
    expect((await putStatus(topicId, 'learning', readWrite)).statusCode).toBe(200);

    const set = await waymark(
      ['progress', 'set', SLUG, topicId, 'done', '--server', server],
      env(readWrite),
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout.trim()).toBe(`${topicId}: done (was learning)`);

    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/roadmaps/${SLUG}/topics/${topicId}/history`,
      headers: { authorization: `Bearer ${readOnly}` },
    });
    expect(history.json<{ events: { source: string }[] }>().events[0]!.source).toBe('cli');

    const [again, shown] = await Promise.all([
      waymark(['progress', '--server', server, 'set', SLUG, topicId, 'done'], env(readWrite)),
      waymark(['progress'], { ...env(readWrite), WAYMARK_URL: server }),
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe(`${topicId}: already done`);
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.split('\n');
    expect(lines[0]).toBe(`${title} (${SLUG})`);
    const percent = String(Math.floor(100 / topicIds.length)).padStart(3);
    expect(shown.stdout).toMatch(
      new RegExp(`^ {2}Total +░{20} ${percent}% {2}\\(1/${topicIds.length}\\)$`, 'm'),
    );
    expect(shown.stdout).toContain(
      `done 1 · learning 0 · review 0 · skipped 0 · not started ${topicIds.length - 1}`,
    );
    expect(shown.stdout).not.toContain('\u001b[');
  });

  it('when the server refuses, then the CLI prints its reason and exits 1', async () => {
    const topicId = topicIds[1]!;
    const badStatus = await putStatus(topicId, 'finished', readWrite);
    const noScope = await putStatus(topicId, 'done', readOnly);
    expect([badStatus.statusCode, noScope.statusCode]).toEqual([400, 403]);

    const [bad, readOnlySet, signedOut] = await Promise.all([
      waymark(['progress', 'set', SLUG, topicId, 'finished', '--server', server], env(readWrite)),
      waymark(['progress', 'set', SLUG, topicId, 'done', '--server', server], env(readOnly)),
      waymark(['progress', '--server', server], env()),
    ]);
    expect(bad.code).toBe(1);
    const invalid = badStatus.json<{ detail: string; errors: { message: string }[] }>();
    expect(bad.stderr.trim()).toBe(
      `error: ${[invalid.detail, ...invalid.errors.map((e) => e.message)].join(' ')}`,
    );
    expect(readOnlySet.code).toBe(1);
    expect(readOnlySet.stderr.trim()).toBe(`error: ${noScope.json<{ detail: string }>().detail}`);
    expect(signedOut.code).toBe(1);
    expect(signedOut.stderr.trim()).toBe('error: Run `waymark login` first, or set WAYMARK_TOKEN');
    for (const run of [bad, readOnlySet, signedOut]) expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
