/**
 * Builds a Waymark for tests: in-process, on a database of its own, with the real content
 * (or a content folder the test made), logs silenced.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot, type Config } from '../../src/config.js';
import { createWaymark, type Core, type Security } from '../../src/waymark.js';
import type { AppParts } from '../../src/app.js';
import type { DatabaseTarget } from './databases.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    databaseUrl: undefined,
    dataDir: 'memory://',
    contentDir: path.join(packageRoot, 'content/roadmaps'),
    corsOrigins: [],
    logLevel: 'silent',
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    shutdownTimeoutMs: 5_000,
    publicUrl: 'http://127.0.0.1:3000',
    redisUrl: undefined,
    mail: { smtpUrl: undefined, from: 'Waymark <waymark@localhost>' },
    sessions: { idleMs: 7 * 24 * 3600_000, maxAgeMs: 30 * 24 * 3600_000 },
    authCacheTtlMs: 5_000,
    loginLockout: { maxFailures: 10, windowMs: 15 * 60_000 },
    // Far below the production argon2id cost (19 MiB, t=2), to keep tests quick.
    passwordHashing: { memoryKib: 8192, iterations: 1, concurrency: 4 },
    oidc: undefined,
    tls: undefined,
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  core: Core;
  security: Security;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(
  target: DatabaseTarget,
  overrides: Partial<Config> = {},
  options: Pick<AppParts, 'extend' | 'webRoot'> = {},
): Promise<TestApp> {
  const db = await target.create();
  const config = testConfig({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, ...overrides });
  try {
    const { app, core, security } = await createWaymark(config, { logger: false, ...options });
    await app.ready();
    return {
      app,
      core,
      security,
      config,
      async close() {
        await app.close();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}
