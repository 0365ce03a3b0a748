/**
 * Serves the built React app (dist/web) from the same server as the API. Hashed assets are
 * cached for a year; index.html is revalidated every time, so a deploy is picked up at once.
 * Client-side routes (deep links) answer with index.html so they survive a reload.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { publicRoute } from './access.js';
import { problem } from './problem.js';
import { sendProblem } from './problem-handler.js';

/** Paths the web app routes itself (web/src/lib/router.ts); each answers with index.html. */
export const appPaths = [
  '/',
  '/roadmaps/:slug',
  '/roadmaps/:slug/:topicId',
  '/signup',
  '/signin',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/settings',
  '/device',
  '/dashboard',
  '/u/:username',
];

export async function webRoutes(app: FastifyInstance, { root }: { root: string }): Promise<void> {
  const indexPath = path.join(root, 'index.html');
  if (!fs.existsSync(indexPath)) {
    app.log.warn({ root }, 'web app not built (npm run build): only the API is served');
    const notBuilt = (_: unknown, reply: FastifyReply) =>
      sendProblem(reply, problem(503, 'The web app has not been built; run `npm run build`.', '/'));
    for (const url of appPaths) {
      app.get(url, { config: publicRoute, schema: { hide: true } }, notBuilt);
    }
    return;
  }
  const index = fs.readFileSync(indexPath);

  // Every static file is public; declared here once for the routes the plugin creates.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'public' };
  });
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    schemaHide: true,
    setHeaders(res, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header(
        'cache-control',
        immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
    },
  });

  const sendIndex = (_: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  for (const url of appPaths) {
    app.get(url, { config: publicRoute, schema: { hide: true } }, sendIndex);
  }
}
