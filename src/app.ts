/**
 * Builds the HTTP application from its parts. Nothing here opens connections or reads the
 * environment: the caller (server start or a test) passes them in.
 */
import path from 'node:path';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import { packageRoot, type Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { publicRoute } from './http/access.js';
import { healthRoutes } from './http/health.js';
import { openApiDocument } from './http/openapi.js';
import type { Metrics } from './http/metrics.js';
import { problemHandler } from './http/problem-handler.js';
import { genReqId, requestIdHeader } from './http/request-id.js';
import { webRoutes } from './http/web.js';
import { roadmapsRoutes } from './modules/roadmaps/roadmaps.routes.js';
import type { RoadmapsService } from './modules/roadmaps/roadmaps.service.js';

export interface AppParts {
  config: Config;
  database: DatabaseHandle;
  roadmaps: RoadmapsService;
  metrics: Metrics;
  /** Where the built web app is; defaults to dist/web in the package. */
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
  /** Extra routes (tests register probes for error handling this way). */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export const apiInfo = {
  title: 'Waymark API',
  version: '1.0.0',
  description:
    'Read and follow developer roadmaps. Errors are RFC 9457 problem details ' +
    '(application/problem+json). Representations carry strong ETags; send If-None-Match to get 304.',
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'Waymark maintainers' },
};

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    // Credentials never reach the log, whatever a client sends.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  };
}

export async function buildApp(parts: AppParts) {
  const { config } = parts;
  const app = Fastify({
    logger: parts.logger ?? loggerOptions(config),
    genReqId,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every route, as registered, with the access it declares (tests check none is undeclared).
  // Plugins declare access in their own onRoute hooks, which run after this one: keep the
  // route options themselves and read them when asked.
  const routes: RouteOptions[] = [];
  app.decorate('routeTable', {
    getter: () =>
      routes.flatMap((r) =>
        [r.method].flat().map((method) => ({ method, url: r.url, access: r.config?.access })),
      ),
  });
  app.addHook('onRoute', (route) => {
    // @fastify/cors answers preflights on a catch-all OPTIONS route; browsers send them
    // without credentials, so it is public by nature.
    if (route.method === 'OPTIONS' && route.url === '*')
      route.config = { ...route.config, ...publicRoute };
    routes.push(route);
  });

  await app.register(problemHandler);
  await app.register(requestIdHeader);
  await app.register(parts.metrics.plugin);
  // No origin is allowed unless configured, and then the plugin is not loaded at all: its
  // per-request hook would only add headers that mean nothing without Allow-Origin.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: ['ETag', 'Last-Modified', 'X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: apiInfo,
      servers: [{ url: '/', description: 'This Waymark server' }],
      tags: [
        { name: 'roadmaps', description: 'Roadmaps and their topics.' },
        { name: 'operations', description: 'Health and readiness.' },
      ],
    },
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });

  await app.register(healthRoutes, {
    checks: {
      database: () => parts.database.ping(),
      contentLoaded: () => parts.roadmaps.isLoaded(),
    },
  });
  await app.register(
    async (api) => {
      api.get(
        '/openapi.json',
        { config: { access: 'public' }, schema: { hide: true } },
        (_request, reply) =>
          reply
            .header('cache-control', 'no-cache')
            .type('application/json; charset=utf-8')
            .send(openApiDocument(app)),
      );
      await api.register(roadmapsRoutes, { service: parts.roadmaps });
    },
    { prefix: '/api/v1' },
  );
  await app.register(webRoutes, { root: parts.webRoot ?? path.join(packageRoot, 'dist/web') });
  if (parts.extend) await app.register(async (scope) => parts.extend!(scope));
  return app;
}
