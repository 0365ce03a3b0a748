/**
 * Builds a Waymark for tests: in-process, on a database of its own, with the real content
 * (or a content folder the test made), logs silenced.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot, type Config } from '../../src/config.js';
import { createWaymark, type Core } from '../../src/waymark.js';
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
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  core: Core;
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
    const { app, core } = await createWaymark(config, { logger: false, ...options });
    await app.ready();
    return {
      app,
      core,
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
