/**
 * A real Waymark listening on 127.0.0.1 (random port) with a fresh PGlite database and the
 * built web app, for browser tests.
 */
import type { Config } from '../../src/config.js';
import { databaseTargets } from './databases.js';
import { createTestApp } from './app.js';

export async function startServer(
  overrides: Partial<Config> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const testApp = await createTestApp(databaseTargets[0]!, overrides);
  const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, close: () => testApp.close() };
}
