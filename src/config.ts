/**
 * Configuration: the environment is read once, at boot, against a schema. Nothing else in
 * Waymark reads process.env. An invalid environment lists every bad variable and exits 1.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { allSchemaErrors } from './schema-errors.js';

/** The folder Waymark is installed in (where package.json is), from src/ or dist/server/. */
export const packageRoot = fileURLToPath(
  new URL(import.meta.url.includes('/dist/server/') ? '../../' : '../', import.meta.url),
);

const Env = Type.Object({
  NODE_ENV: Type.Union(
    [Type.Literal('development'), Type.Literal('production'), Type.Literal('test')],
    { default: 'development' },
  ),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  WAYMARK_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  WAYMARK_CONTENT_DIR: Type.Optional(Type.String({ minLength: 1 })),
  CORS_ORIGINS: Type.String({ default: '' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 1024 * 1024 }),
  TRUST_PROXY: Type.String({ default: 'false' }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 9_000 }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^/?#\\s]+$' })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Waymark <waymark@localhost>' }),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 5, maximum: 525_600, default: 10_080 }),
  SESSION_MAX_AGE_MINUTES: Type.Integer({ minimum: 5, maximum: 525_600, default: 43_200 }),
  AUTH_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 5_000 }),
  LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
  LOGIN_FAILURE_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  ARGON2_MEMORY_KIB: Type.Integer({ minimum: 8192, maximum: 1_048_576, default: 19_456 }),
  ARGON2_ITERATIONS: Type.Integer({ minimum: 1, maximum: 20, default: 2 }),
  HASH_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 64, default: 2 }),
  OIDC_ISSUER: Type.Optional(Type.String({ pattern: '^https?://' })),
  OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  OIDC_NAME: Type.String({ minLength: 1, default: 'your identity provider' }),
  TLS_CERT_FILE: Type.Optional(Type.String({ minLength: 1 })),
  TLS_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
});

const integerKeys = [
  'PORT',
  'BODY_LIMIT',
  'SHUTDOWN_TIMEOUT_MS',
  'SESSION_IDLE_MINUTES',
  'SESSION_MAX_AGE_MINUTES',
  'AUTH_CACHE_TTL_MS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_FAILURE_WINDOW_MINUTES',
  'ARGON2_MEMORY_KIB',
  'ARGON2_ITERATIONS',
  'HASH_CONCURRENCY',
] as const;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** PostgreSQL connection string; when absent, the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  contentDir: string;
  corsOrigins: string[];
  logLevel: string;
  bodyLimit: number;
  /** Fastify's trustProxy: false, true, or a list of trusted proxy addresses/CIDRs. */
  trustProxy: boolean | string[];
  shutdownTimeoutMs: number;
  /** The origin users reach Waymark at: links in mail, token issuer, OAuth redirect URIs. */
  publicUrl: string;
  /** Shared state for several instances (rate limits, caches); in-process when absent. */
  redisUrl: string | undefined;
  mail: { smtpUrl: string | undefined; from: string };
  sessions: { idleMs: number; maxAgeMs: number };
  /** How long a verified session or token may be served from cache (bounds revocation lag). */
  authCacheTtlMs: number;
  loginLockout: { maxFailures: number; windowMs: number };
  passwordHashing: { memoryKib: number; iterations: number; concurrency: number };
  /** Sign-in through an external OpenID Connect provider, when configured. */
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
  /** Serve HTTPS directly with these files. */
  tls: { certFile: string; keyFile: string } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function parseTrustProxy(raw: string): Config['trustProxy'] {
  if (raw === 'true') return true;
  if (raw === 'false' || raw === '') return false;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Where users reach Waymark when PUBLIC_URL is not set: this host and port, except that a
 * wildcard listen address (0.0.0.0, ::) is nobody's address, so links say localhost.
 */
function defaultPublicUrl(host: string, port: number, tls: boolean): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `${tls ? 'https' : 'http'}://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** Parses an environment (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const keys = Object.keys(Env.properties);
  const raw: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Default(Env, Value.Convert(Env, { ...raw }));
  const problems: string[] = [];
  const seen = new Set<string>();
  const rawSnapshot = { ...raw };
  for (const key of integerKeys) {
    // Value.Convert would turn "80.5" into 80; an integer variable must be written as one.
    if (typeof raw[key] === 'string' && !/^\d+$/.test(raw[key])) {
      problems.push(`${key}: must be a whole number (got ${JSON.stringify(raw[key])})`);
      seen.add(key);
    }
  }
  for (const error of allSchemaErrors(Env, converted)) {
    const name = error.instancePath.replace(/^\//, '');
    if (seen.has(name)) continue; // a union reports once per member; one line per variable
    seen.add(name);
    const schema = (Env.properties as Record<string, { anyOf?: { const: string }[] }>)[name];
    const message = schema?.anyOf
      ? `must be one of ${schema.anyOf.map((s) => s.const).join(', ')}`
      : error.message;
    problems.push(`${name}: ${message} (got ${JSON.stringify(rawSnapshot[name])})`);
  }
  const origins = (typeof raw.CORS_ORIGINS === 'string' ? raw.CORS_ORIGINS : '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://example.com`);
    }
  }
  const trustProxy = parseTrustProxy(
    typeof raw.TRUST_PROXY === 'string' ? raw.TRUST_PROXY : 'false',
  );
  if (Array.isArray(trustProxy)) {
    for (const entry of trustProxy) {
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address ?? '');
      const maxBits = family === 6 ? 128 : 32;
      const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
      if (family === 0 || !bitsOk || extra !== undefined) {
        problems.push(`TRUST_PROXY: "${entry}" is not true, false, an IP address or a CIDR range`);
      }
    }
  }
  const oidcKeys = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
  const oidcSet = oidcKeys.filter((k) => raw[k] !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < oidcKeys.length) {
    problems.push(`${oidcKeys.join(', ')}: set all three or none (only ${oidcSet.join(', ')} set)`);
  }
  if (typeof raw.OIDC_ISSUER === 'string' && /^http:/.test(raw.OIDC_ISSUER)) {
    const host = raw.OIDC_ISSUER.replace(/^http:\/\/(\[[^\]]+\]|[^/:]+).*$/, '$1');
    if (!['localhost', '127.0.0.1', '[::1]'].includes(host)) {
      problems.push(
        'OIDC_ISSUER: must be https:// (plain http only for a provider on this machine)',
      );
    }
  }
  if ((raw.TLS_CERT_FILE === undefined) !== (raw.TLS_KEY_FILE === undefined)) {
    problems.push('TLS_CERT_FILE, TLS_KEY_FILE: set both or neither');
  }
  if (raw.NODE_ENV === 'production' && raw.SMTP_URL === undefined) {
    // Without SMTP, mail (with sign-in links) would go to the log: not in production.
    problems.push('SMTP_URL: required when NODE_ENV=production (mail carries sign-in links)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const env = converted as Static<typeof Env>;
  const minutes = (n: number) => n * 60_000;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.WAYMARK_DATA_DIR),
    contentDir: path.resolve(env.WAYMARK_CONTENT_DIR ?? path.join(packageRoot, 'content/roadmaps')),
    corsOrigins: origins,
    logLevel: env.LOG_LEVEL,
    bodyLimit: env.BODY_LIMIT,
    trustProxy,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    publicUrl: env.PUBLIC_URL ?? defaultPublicUrl(env.HOST, env.PORT, !!env.TLS_CERT_FILE),
    redisUrl: env.REDIS_URL,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    sessions: {
      idleMs: minutes(env.SESSION_IDLE_MINUTES),
      maxAgeMs: minutes(env.SESSION_MAX_AGE_MINUTES),
    },
    authCacheTtlMs: env.AUTH_CACHE_TTL_MS,
    loginLockout: {
      maxFailures: env.LOGIN_MAX_FAILURES,
      windowMs: minutes(env.LOGIN_FAILURE_WINDOW_MINUTES),
    },
    passwordHashing: {
      memoryKib: env.ARGON2_MEMORY_KIB,
      iterations: env.ARGON2_ITERATIONS,
      concurrency: env.HASH_CONCURRENCY,
    },
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? {
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            name: env.OIDC_NAME,
          }
        : undefined,
    tls:
      env.TLS_CERT_FILE && env.TLS_KEY_FILE
        ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE }
        : undefined,
  };
}
