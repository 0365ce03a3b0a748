/**
 * Graceful shutdown: a deploy stops the old process with SIGTERM (Ctrl-C sends SIGINT). The
 * server must stop accepting connections, let requests in flight finish, close the database
 * and exit 0 before the orchestrator's grace period (10 s for `docker stop`) runs out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';

const SERVER_TIMEOUT = 180_000;
const GRACE_PERIOD_MS = 10_000;

/** One GET on a fresh connection (no keep-alive pool), so "refused" means a new connection. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe.each(databaseTargets)('graceful shutdown in process, on $name', (target) => {
  let t: TestApp;
  let requestArrived: () => void;
  const arrived = new Promise<void>((resolve) => (requestArrived = resolve));

  beforeAll(async () => {
    t = await createTestApp(
      target,
      {},
      {
        extend: (app) => {
          app.get('/test/slow', { config: { access: 'public' } }, async () => {
            requestArrived();
            await new Promise((resolve) => setTimeout(resolve, 300));
            return { done: true };
          });
        },
      },
    );
  });
  afterAll(() => t.close());

  it('finishes the request in flight, then refuses new connections', async () => {
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const inFlight = get(`${base}/test/slow`);
    await arrived;

    await t.app.close();

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ done: true });
    await expect(get(`${base}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe.each(databaseTargets)('graceful shutdown of `waymark serve`, on $name', (target) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let dataDir: string;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    const db = await target.create();
    drop = () => db.drop();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'waymark-shutdown-'));
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      // Required in production; nothing is sent during this test.
      SMTP_URL: 'smtp://127.0.0.1:2525',
      WAYMARK_DATA_DIR: dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    };
  });
  afterEach(() => {
    // Only if a test failed before the server exited.
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    server = undefined;
  });
  afterAll(async () => {
    await drop?.();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  /**
   * Starts the server as one Node process running the TypeScript source. Not through `npx`:
   * npx runs the command under `sh -c` and does not pass SIGTERM on, so the signal would
   * never reach Waymark (the server would be left running).
   */
  function startServer(): Promise<{
    url: string;
    output: () => string;
    exited: Promise<number | null>;
  }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: packageRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    let output = '';
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    return new Promise((resolve, reject) => {
      const onData = (chunk: string) => {
        output += chunk;
        const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (listening) resolve({ url: listening[1]!, output: () => output, exited });
      };
      child.stdout.setEncoding('utf8').on('data', onData);
      child.stderr.setEncoding('utf8').on('data', onData);
      void exited.then((code) =>
        reject(new Error(`server exited with ${code} before listening:\n${output}`)),
      );
    });
  }

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s finishes, logs "shut down cleanly" and exits 0',
    { timeout: SERVER_TIMEOUT },
    async (signal) => {
      const { url, output, exited } = await startServer();
      expect(await get(`${url}/healthz`)).toEqual({ status: 200, body: '{"status":"ok"}' });

      server!.kill(signal);
      const gracePeriod = new Promise<'still running'>((resolve) =>
        setTimeout(() => resolve('still running'), GRACE_PERIOD_MS).unref(),
      );
      expect(await Promise.race([exited, gracePeriod])).toBe(0);
      expect(output()).toContain(`"signal":"${signal}"`);
      expect(output()).toContain('"msg":"shut down cleanly"');
      await expect(get(`${url}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    },
  );
});
