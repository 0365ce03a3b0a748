/**
 * Builds the HTTP application from its parts. Nothing here opens connections or reads the
 * environment: the caller (server start or a test) passes them in.
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyHttpOptions,
  type FastifyInstance,
  type RouteOptions,
} from 'fastify';
import type { Redis } from 'ioredis';
import type pino from 'pino';
import { packageRoot, type Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { publicRoute, type Access } from './http/access.js';
import { healthRoutes } from './http/health.js';
import { idempotency, type IdempotencyStore } from './http/idempotency.js';
import { serializeRequest } from './http/log-redaction.js';
import { openApiDocument } from './http/openapi.js';
import type { Metrics } from './http/metrics.js';
import { problemHandler } from './http/problem-handler.js';
import { genReqId } from './http/request-id.js';
import { rateLimiting } from './http/rate-limit.js';
import { responseHeaders } from './http/security-headers.js';
import { webRoutes } from './http/web.js';
import { DevMailbox } from './mail/mailer.js';
import { devMailboxRoutes } from './mail/dev-mailbox.routes.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { mfaRoutes } from './modules/accounts/mfa.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authentication, SESSION_COOKIE } from './modules/auth/authenticate.js';
import { oidcRoutes } from './modules/oidc/oidc.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import type { DashboardService } from './modules/dashboard/dashboard.service.js';
import { learningSettingsRoutes } from './modules/learning-settings/learning-settings.routes.js';
import type { LearningSettingsService } from './modules/learning-settings/learning-settings.service.js';
import { notesRoutes } from './modules/notes/notes.routes.js';
import { portabilityRoutes } from './modules/portability/portability.routes.js';
import type { PortabilityService } from './modules/portability/portability.service.js';
import type { NotesService } from './modules/notes/notes.service.js';
import { linksRoutes } from './modules/links/links.routes.js';
import type { LinksService } from './modules/links/links.service.js';
import { conceptsRoutes } from './modules/concepts/concepts.routes.js';
import type { ConceptsService } from './modules/concepts/concepts.service.js';
import { oauthRoutes } from './modules/oauth/oauth.routes.js';
import { profileSettingsRoutes, publicProfileRoutes } from './modules/profiles/profiles.routes.js';
import type { ProfilesService } from './modules/profiles/profiles.service.js';
import { progressRoutes } from './modules/progress/progress.routes.js';
import type { ProgressService } from './modules/progress/progress.service.js';
import { wellKnownRoutes } from './modules/oauth/well-known.routes.js';
import { roadmapsRoutes } from './modules/roadmaps/roadmaps.routes.js';
import { tokensRoutes } from './modules/tokens/tokens.routes.js';
import type { RoadmapsService } from './modules/roadmaps/roadmaps.service.js';
import type { Security } from './waymark.js';

export interface AppParts {
  config: Config;
  database: DatabaseHandle;
  roadmaps: RoadmapsService;
  progress: ProgressService;
  notes: NotesService;
  profiles: ProfilesService;
  links: LinksService;
  concepts: ConceptsService;
  learningSettings: LearningSettingsService;
  dashboard: DashboardService;
  portability: PortabilityService;
  metrics: Metrics;
  security: Security;
  /** Idempotency-Key claims and kept responses (src/http/idempotency.repository.ts). */
  idempotency: IdempotencyStore;
  redis: Redis | undefined;
  log: FastifyBaseLogger;
  /** Where the built web app is; defaults to dist/web in the package. */
  webRoot?: string;
  /** Extra routes (tests register probes for error handling this way). */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
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

export function loggerOptions(config: Config): pino.LoggerOptions {
  return {
    level: config.logLevel,
    // Credentials never reach the log, whatever a client sends.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    serializers: { req: serializeRequest },
  };
}

export async function buildApp(parts: AppParts) {
  const { config } = parts;
  const options: FastifyHttpOptions<Server> = {
    // A silent logger still costs a child logger per request (its bindings serialized);
    // Fastify's own disabled logger costs nothing, and silent means nothing is written.
    ...(parts.log.level === 'silent' ? {} : { loggerInstance: parts.log }),
    genReqId,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  };
  // Direct TLS when configured (TLS_CERT_FILE, TLS_KEY_FILE); otherwise plain HTTP, usually
  // behind a proxy that terminates TLS (see TRUST_PROXY). An https.Server is an http.Server
  // to everything Waymark does with it, so the app keeps one type.
  const tls = config.tls && {
    https: { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) },
  };
  const app = Fastify(
    tls ? { ...options, ...tls } : options,
  ).withTypeProvider<TypeBoxTypeProvider>();

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
  await app.register(responseHeaders, {
    httpsPossible: config.tls !== undefined || config.trustProxy !== false,
  });
  await app.register(parts.metrics.plugin);
  // No origin is allowed unless configured, and then the plugin is not loaded at all: its
  // per-request hook would only add headers that mean nothing without Allow-Origin.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: [
        'ETag',
        'Last-Modified',
        'X-Request-Id',
        'Retry-After',
        'Idempotent-Replayed',
      ],
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
        { name: 'accounts', description: 'Sign-up, sign-in, sessions, passwords and MFA.' },
        { name: 'admin', description: 'For administrators.' },
        { name: 'tokens', description: 'Personal access tokens for scripts and tools.' },
        { name: 'progress', description: 'Your progress on roadmaps and its history.' },
        { name: 'profiles', description: 'Public profiles and progress cards, opt-in.' },
        { name: 'oauth', description: 'Signing the CLI in (device grant), tokens and keys.' },
        { name: 'operations', description: 'Health and readiness.' },
      ],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'The browser session. Changes also need the X-CSRF-Token header from GET /api/v1/auth/session.',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal access token (wm_pat_...) or an OAuth access token (JWT).',
          },
        },
      },
    },
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    // Swagger UI needs a few inline scripts and styles; it sends its own policy allowing
    // exactly those (by hash) on its pages, in place of the site-wide one.
    await docs.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
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
      // Public, but each read costs queries: limited per client address, in a scope of
      // their own so that the roadmap routes above still pay for no limiter.
      await api.register(async (publicProfiles) => {
        await publicProfiles.register(rateLimiting, { redis: parts.redis });
        await publicProfiles.register(publicProfileRoutes, { profiles: parts.profiles });
      });
      // Everything personal lives in this scope: cookies, rate limits and authentication
      // hooks apply here only, so the public read API above pays for none of them.
      await api.register(async (personal) => {
        // JSON only: a cross-site form can post text/plain without a CORS preflight, so
        // refusing it (415) closes that path to login CSRF.
        personal.removeContentTypeParser('text/plain');
        await personal.register(cookie);
        await personal.register(rateLimiting, { redis: parts.redis });
        await personal.register(authentication, {
          authenticators: parts.security.authenticators,
        });
        // After authentication: covers every POST registered below that needs a user.
        await personal.register(idempotency, { store: parts.idempotency });
        await personal.register(accountsRoutes, {
          accounts: parts.security.accounts,
          sessions: parts.security.sessions,
          sessionMaxAgeMs: config.sessions.maxAgeMs,
        });
        await personal.register(mfaRoutes, {
          accounts: parts.security.accounts,
          mfa: parts.security.mfa,
        });
        await personal.register(oidcRoutes, {
          oidc: parts.security.oidc,
          identities: parts.security.identities,
          sessionMaxAgeMs: config.sessions.maxAgeMs,
        });
        await personal.register(auditRoutes, { audit: parts.security.audit });
        await personal.register(tokensRoutes, { tokens: parts.security.tokens });
        await personal.register(oauthRoutes, { oauth: parts.security.oauth });
        await personal.register(progressRoutes, { progress: parts.progress });
        await personal.register(notesRoutes, { notes: parts.notes });
        await personal.register(portabilityRoutes, { portability: parts.portability });
        await personal.register(profileSettingsRoutes, { profiles: parts.profiles });
        await personal.register(linksRoutes, { links: parts.links });
        await personal.register(conceptsRoutes, { concepts: parts.concepts });
        await personal.register(learningSettingsRoutes, {
          learningSettings: parts.learningSettings,
        });
        await personal.register(dashboardRoutes, { dashboard: parts.dashboard });
      });
    },
    { prefix: '/api/v1' },
  );
  // A page listing the mail Waymark would have sent, for development without SMTP. Never
  // in production (where configuration requires SMTP_URL anyway).
  const mailer = parts.security.mailer;
  if (config.env !== 'production' && mailer instanceof DevMailbox) {
    await app.register(devMailboxRoutes, { mailbox: mailer });
  }
  await app.register(wellKnownRoutes, { keys: parts.security.keys });
  await app.register(webRoutes, { root: parts.webRoot ?? path.join(packageRoot, 'dist/web') });
  if (parts.extend) await app.register(async (scope) => parts.extend!(scope));
  return app;
}
