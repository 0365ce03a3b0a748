/**
 * `waymark progress export` and `waymark progress import` against a listening Waymark, run as
 * a user runs them (a child process) with a personal access token in WAYMARK_TOKEN.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, createUser, signIn } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { CLI_TIMEOUT, spawnWaymark } from '../helpers/cli.js';
import { parseCsv } from '../helpers/csv.js';
import { databaseTargets } from '../helpers/databases.js';

const SLUG = 'senior-backend';

describe('waymark progress export and import', { timeout: CLI_TIMEOUT }, () => {
  let t: TestApp;
  let server: string;
  let dir: string;
  let token: string;
  let topicId: string;
  const waymark = (args: string[]) =>
    spawnWaymark([...args, '--server', server], {
      ...process.env,
      WAYMARK_URL: '',
      WAYMARK_TOKEN: token,
      XDG_CONFIG_HOME: dir,
    }).done;
  const api = (method: 'GET' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const status = async () =>
    (await api('GET', `/me/roadmaps/${SLUG}/progress`))
      .json<{ topics: { topicId: string; status: string }[] }>()
      .topics.find((x) => x.topicId === topicId)!.status;

  beforeAll(async () => {
    t = await createTestApp(databaseTargets[0]!);
    server = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const user = await createUser(t);
    const session = await signIn(t, user.email, user.password);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: asSession(session),
      payload: { name: 'cli', scopes: ['progress:read', 'progress:write'], expiresInDays: 1 },
    });
    token = created.json<{ token: string }>().token;
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'waymark-portability-'));
    const roadmap = await t.app.inject({ method: 'GET', url: `/api/v1/roadmaps/${SLUG}` });
    topicId = roadmap.json<{ topics: { id: string }[] }>().topics[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('when exported to a file and imported after a change, then the state is back', async () => {
    expect(
      (await api('PUT', `/me/roadmaps/${SLUG}/topics/${topicId}/status`, { status: 'done' }))
        .statusCode,
    ).toBe(200);
    const file = path.join(dir, 'export.json');
    const [exported, csv] = await Promise.all([
      waymark(['progress', 'export', '--output', file]),
      waymark(['progress', 'export', '--format', 'csv', '--roadmap', SLUG]),
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.trim()).toBe(`wrote ${file}`);
    const doc = JSON.parse(await fs.readFile(file, 'utf8')) as { format: string };
    expect(doc.format).toBe('waymark-progress');
    expect(csv.code, csv.stderr).toBe(0);
    expect(parseCsv(csv.stdout)[1]!.slice(2, 5)).toEqual([topicId, expect.any(String), 'done']);

    await api('PUT', `/me/roadmaps/${SLUG}/topics/${topicId}/status`, { status: 'skipped' });
    const imported = await waymark(['progress', 'import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /^imported 1 topic\(s\) on 1 roadmap\(s\): .*1 status\(es\) changed/,
    );
    expect(await status()).toBe('done');
  });

  it('when the file is refused, then every problem is printed with its place and exit 1', async () => {
    const file = path.join(dir, 'broken.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        format: 'waymark-progress',
        version: 1,
        roadmaps: [
          { slug: SLUG, topics: [{ id: topicId, status: 'finished' }] },
          { slug: 'nope', topics: [] },
        ],
      }),
    );
    const refused = await waymark(['progress', 'import', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: The file has 2 problems; nothing was imported.');
    expect(refused.stderr).toContain(`${file}#/roadmaps/0/topics/0/status: must be one of`);
    expect(refused.stderr).toContain(`${file}#/roadmaps/1/slug: there is no roadmap "nope"`);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(await status()).toBe('done');
  });
});
