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
  // WAYMARK_TEST_WEB_ROOT points at another build of the web app (a build of one's own while
  // someone else rebuilds dist/web); dist/web otherwise.
  const webRoot = process.env.WAYMARK_TEST_WEB_ROOT;
  const testApp = await createTestApp(databaseTargets[0]!, overrides, webRoot ? { webRoot } : {});
  const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, close: () => testApp.close() };
}
