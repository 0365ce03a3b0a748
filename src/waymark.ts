/**
 * Composition root: opens the database (and Redis when configured), migrates, loads content,
 * builds the services and the app. `waymark serve`, the CLI commands and the tests all start
 * Waymark through here; nothing else constructs a service.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { buildApp, loggerOptions, type AppParts } from './app.js';
import type { Config } from './config.js';
import { readContent } from './content/read-content.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { createIdempotencyRepository } from './http/idempotency.repository.js';
import { createMetrics } from './http/metrics.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { createAccountsRepository } from './modules/accounts/accounts.repository.js';
import { createAdminService } from './modules/accounts/admin.service.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { createLoginLockout } from './modules/accounts/login-lockout.service.js';
import { createMfaService } from './modules/accounts/mfa.service.js';
import { createSessionsService } from './modules/accounts/sessions.service.js';
import { createUserViews } from './modules/accounts/user-views.service.js';
import { createAuditRepository } from './modules/audit/audit.repository.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createAccessTokens } from './modules/auth/access-tokens.js';
import type { Authenticators } from './modules/auth/authenticate.js';
import { createBearerAuthenticator } from './modules/auth/bearer.js';
import { createSigningKeyRing } from './modules/auth/signing-keys.js';
import { createSigningKeysRepository } from './modules/auth/signing-keys.repository.js';
import { createDashboardRepository } from './modules/dashboard/dashboard.repository.js';
import { createDashboardService } from './modules/dashboard/dashboard.service.js';
import { createLearningSettingsRepository } from './modules/learning-settings/learning-settings.repository.js';
import { createLearningSettingsService } from './modules/learning-settings/learning-settings.service.js';
import { createNotesRepository } from './modules/notes/notes.repository.js';
import { createNotesService } from './modules/notes/notes.service.js';
import { createPortabilityRepository } from './modules/portability/portability.repository.js';
import { createPortabilityService } from './modules/portability/portability.service.js';
import { createLinksRepository } from './modules/links/links.repository.js';
import { createLinksService } from './modules/links/links.service.js';
import { createConceptsRepository } from './modules/concepts/concepts.repository.js';
import { createConceptsService } from './modules/concepts/concepts.service.js';
import { createOAuthRepository } from './modules/oauth/oauth.repository.js';
import { createOAuthService } from './modules/oauth/oauth.service.js';
import { createProfilesRepository } from './modules/profiles/profiles.repository.js';
import { createProfilesService } from './modules/profiles/profiles.service.js';
import { createProgressRepository } from './modules/progress/progress.repository.js';
import { createProgressService } from './modules/progress/progress.service.js';
import { createVisitsRepository } from './modules/progress/visits.repository.js';
import { createTokensRepository } from './modules/tokens/tokens.repository.js';
import { createTokensService } from './modules/tokens/tokens.service.js';
import { createPasswordHasher } from './modules/auth/passwords.js';
import { createIdentitiesService } from './modules/oidc/identities.service.js';
import { createOidcRepository } from './modules/oidc/oidc.repository.js';
import { OIDC_CALLBACK_PATH } from './modules/oidc/oidc.routes.js';
import { createOidcService } from './modules/oidc/oidc.service.js';
import { createProviderClient } from './modules/oidc/provider-client.js';
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

/** Connects to Redis lazily; commands fail fast while it is down instead of queueing. */
function openRedis(url: string, log: FastifyBaseLogger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
  });
  let reported = false;
  redis.on('error', (error) => {
    if (!reported) log.warn({ err: error }, 'Redis is unreachable; will keep retrying');
    reported = true;
  });
  redis.on('ready', () => {
    if (reported) log.info('Redis is reachable again');
    reported = false;
  });
  return redis;
}

/** The accounts and security services, wired together. */
export function createSecurity(config: Config, core: Core, log: FastifyBaseLogger, mailer: Mailer) {
  const db = core.database.db;
  const audit = createAuditService(createAuditRepository(db), log);
  const repository = createAccountsRepository(db);
  const sessions = createSessionsService(repository, {
    ...config.sessions,
    cacheTtlMs: config.authCacheTtlMs,
  });
  const userViews = createUserViews(repository, config.authCacheTtlMs);
  const mfa = createMfaService(repository, audit, mailer, userViews);
  const hasher = createPasswordHasher(config.passwordHashing);
  const lockout = createLoginLockout(repository, audit, config.loginLockout, log);
  const accounts = createAccountsService({
    repository,
    sessions,
    mfa,
    userViews,
    hasher,
    lockout,
    mailer,
    audit,
    publicUrl: config.publicUrl,
    log,
  });
  const admin = createAdminService({ repository, hasher, audit, userViews });
  const oidcRepository = createOidcRepository(db);
  const identities = createIdentitiesService(oidcRepository, audit);
  // Built only when a provider is configured; it reaches the provider on first use.
  const oidc =
    config.oidc &&
    createOidcService({
      name: config.oidc.name,
      provider: createProviderClient({
        ...config.oidc,
        redirectUri: new URL(OIDC_CALLBACK_PATH, config.publicUrl).href,
      }),
      repository: oidcRepository,
      accounts,
      audit,
      log,
    });
  const keys = createSigningKeyRing(createSigningKeysRepository(db));
  const accessTokens = createAccessTokens({ keys, publicUrl: config.publicUrl });
  // A revocation evicts the bearer cache at once. The cache is built from the services, so
  // they reach it through this function (only ever called while serving requests).
  const onRevoked = (credentialId: string) => bearer.evict(credentialId);
  const tokens = createTokensService({ repository: createTokensRepository(db), audit, onRevoked });
  const oauth = createOAuthService({
    repository: createOAuthRepository(db),
    accessTokens,
    audit,
    publicUrl: config.publicUrl,
    onRevoked,
  });
  const bearer = createBearerAuthenticator({
    pats: tokens,
    accessTokens,
    families: oauth,
    cacheTtlMs: config.authCacheTtlMs,
  });
  const authenticators: Authenticators = {
    session: (token) => sessions.authenticate(token),
    bearer: bearer.bearer,
  };
  return {
    audit,
    accounts,
    admin,
    sessions,
    mfa,
    hasher,
    authenticators,
    mailer,
    identities,
    oidc,
    keys,
    tokens,
    oauth,
    bearer,
  };
}
export type Security = ReturnType<typeof createSecurity>;

export async function createWaymark(
  config: Config,
  options: Pick<AppParts, 'webRoot' | 'extend'> & { logger?: false } = {},
): Promise<{ app: FastifyInstance; core: Core; security: Security }> {
  const log: FastifyBaseLogger =
    options.logger === false ? pino({ level: 'silent' }) : pino(loggerOptions(config));
  const core = await startCore(config);
  const redis = config.redisUrl ? openRedis(config.redisUrl, log) : undefined;
  const mailer = createMailer({ ...config.mail, logger: log });
  try {
    const security = createSecurity(config, core, log, mailer);
    const progress = createProgressService({
      repository: createProgressRepository(core.database.db),
      visits: createVisitsRepository(core.database.db),
      roadmaps: core.roadmaps,
    });
    const notes = createNotesService({
      repository: createNotesRepository(core.database.db),
      roadmaps: core.roadmaps,
    });
    const links = createLinksService({
      repository: createLinksRepository(core.database.db),
      roadmaps: core.roadmaps,
    });
    const concepts = createConceptsService({
      repository: createConceptsRepository(core.database.db),
      roadmaps: core.roadmaps,
    });
    const learningSettings = createLearningSettingsService({
      repository: createLearningSettingsRepository(core.database.db),
    });
    const dashboard = createDashboardService({
      repository: createDashboardRepository(core.database.db),
      roadmaps: core.roadmaps,
      learningSettings,
    });
    const profiles = createProfilesService({
      repository: createProfilesRepository(core.database.db),
      roadmaps: core.roadmaps,
    });
    const portability = createPortabilityService({
      repository: createPortabilityRepository(core.database.db),
      roadmaps: core.roadmaps,
    });
    const app = await buildApp({
      config,
      ...core,
      security,
      idempotency: createIdempotencyRepository(core.database.db),
      progress,
      notes,
      profiles,
      links,
      concepts,
      learningSettings,
      dashboard,
      portability,
      redis,
      log,
      ...options,
    });
    app.addHook('onClose', async () => {
      await mailer.close();
      redis?.disconnect();
      await core.database.close();
    });
    return { app, core, security };
  } catch (error) {
    redis?.disconnect();
    await core.database.close();
    throw error;
  }
}
