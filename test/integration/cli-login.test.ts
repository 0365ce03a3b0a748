/**
 * `waymark login` / `waymark logout` against a listening Waymark, run as a user runs them (a
 * child process with its own XDG_CONFIG_HOME); the test plays the user approving the code in
 * the browser. Then `authorizedFetch` refreshes an expired access token the way later
 * commands will.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizedFetch, loadCredentials, saveCredentials } from '../../src/cli/login.js';
import { asSession, createUser, signIn, type BrowserSession } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { CLI_TIMEOUT, spawnWaymark } from '../helpers/cli.js';

const waymark = (args: string[], env: Record<string, string>) =>
  spawnWaymark(args, { ...process.env, WAYMARK_URL: '', ...env });

async function waitFor<T>(probe: () => T | undefined, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('waymark login', { timeout: CLI_TIMEOUT }, () => {
  let t: TestApp;
  let server: string;
  let session: BrowserSession;
  let userId: string;
  let configHome: string;
  const env = () => ({ XDG_CONFIG_HOME: configHome });

  beforeAll(async () => {
    t = await createTestApp(databaseTargets[0]!);
    server = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const user = await createUser(t);
    userId = user.id;
    session = await signIn(t, user.email, user.password);
    configHome = await fs.mkdtemp(path.join(os.tmpdir(), 'waymark-login-'));
  });
  afterAll(async () => {
    await t?.close();
    if (configHome) await fs.rm(configHome, { recursive: true, force: true });
  });

  it('when the user approves the code, then the CLI stores credentials readable by the user only', async () => {
    const run = waymark(['login', '--server', server], env());
    const userCode = await waitFor(
      () => /enter the code: ([A-Z]{4}-[A-Z]{4})/.exec(run.stdout())?.[1],
    );
    const approve = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/device/approve',
      headers: asSession(session),
      payload: { userCode, approve: true },
    });
    expect(approve.statusCode).toBe(204);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Signed in to ${server}.`);

    const file = path.join(configHome, 'waymark', 'credentials.json');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const credentials = await loadCredentials(env());
    expect(credentials).toMatchObject({
      server,
      access_token: expect.any(String) as unknown,
      refresh_token: expect.stringMatching(/^wm_rt_/) as unknown,
    });
    expect(Date.parse(credentials!.expires_at)).toBeGreaterThan(Date.now());
  });

  it('when the access token has expired, then authorizedFetch refreshes it and saves the new refresh token', async () => {
    const before = (await loadCredentials(env()))!;
    await saveCredentials(
      { ...before, expires_at: new Date(Date.now() - 1000).toISOString() },
      env(),
    );
    const response = await authorizedFetch(server, '/api/v1/me', {}, env());
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe(userId);
    const after = (await loadCredentials(env()))!;
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.access_token).not.toBe(before.access_token);
    expect(Date.parse(after.expires_at)).toBeGreaterThan(Date.now());
  });

  it('when not signed in to that server, then authorizedFetch says to log in', async () => {
    await expect(authorizedFetch('http://127.0.0.1:1', '/api/v1/me', {}, env())).rejects.toThrow(
      /not signed in to http:\/\/127\.0\.0\.1:1; run: waymark login/,
    );
  });

  it('when the user logs out, then the sign-in is revoked and the file removed', async () => {
    const { refresh_token } = (await loadCredentials(env()))!;
    const result = await waymark(['logout'], env()).done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Signed out of ${server}.`);
    expect(await loadCredentials(env())).toBeNull();
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { grant_type: 'refresh_token', refresh_token, client_id: 'waymark-cli' },
    });
    expect(refresh.json<{ error: string }>().error).toBe('invalid_grant');
  });

  it('when the user denies the code, then login fails with a message and exit 1', async () => {
    const run = waymark(['login', '--server', server], env());
    const userCode = await waitFor(
      () => /enter the code: ([A-Z]{4}-[A-Z]{4})/.exec(run.stdout())?.[1],
    );
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/device/approve',
      headers: asSession(session),
      payload: { userCode, approve: false },
    });
    const result = await run.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: the sign-in was denied in the browser');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
