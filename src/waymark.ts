/**
 * Composition root: opens the database, migrates, loads content and builds the app.
 * `waymark serve`, the CLI commands and the tests all start Waymark through here.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppParts } from './app.js';
import type { Config } from './config.js';
import { readContent } from './content/read-content.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { createMetrics } from './http/metrics.js';
import { createRoadmapsRepository } from './modules/roadmaps/roadmaps.repository.js';
import {
  createRoadmapsService,
  type RoadmapsService,
} from './modules/roadmaps/roadmaps.service.js';

export interface Core {
  database: DatabaseHandle;
  roadmaps: RoadmapsService;
  metrics: ReturnType<typeof createMetrics>;
}

/**
 * Opens the database, runs pending migrations, validates the content (throws ContentError
 * listing every problem) and loads it, writing only what changed.
 */
export async function startCore(config: Config): Promise<Core> {
  // Content first: invalid content must stop start-up before anything is written.
  const contents = await readContent(config.contentDir);
  const metrics = createMetrics();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onQuery: metrics.observeQuery,
  });
  try {
    await database.migrate();
    const roadmaps = createRoadmapsService(createRoadmapsRepository(database.db));
    await roadmaps.syncContent(contents);
    await roadmaps.reload();
    return { database, roadmaps, metrics };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function createWaymark(
  config: Config,
  options: Pick<AppParts, 'logger' | 'webRoot' | 'extend'> = {},
): Promise<{ app: FastifyInstance; core: Core }> {
  const core = await startCore(config);
  try {
    const app = await buildApp({ config, ...core, ...options });
    app.addHook('onClose', async () => core.database.close());
    return { app, core };
  } catch (error) {
    await core.database.close();
    throw error;
  }
}
