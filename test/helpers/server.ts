/**
 * A real Waymark listening on 127.0.0.1 (random port) with a fresh PGlite database and the
 * built web app, for browser tests.
 */
import { databaseTargets } from './databases.js';
import { createTestApp } from './app.js';

export async function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  const testApp = await createTestApp(databaseTargets[0]!);
  const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, close: () => testApp.close() };
}
