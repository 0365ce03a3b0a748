import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, packageRoot } from './config.js';

/** The problems loadConfig reports for an environment (fails the test if it accepts it). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

describe('loadConfig', () => {
  it('uses documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      contentDir: path.join(packageRoot, 'content/roadmaps'),
      corsOrigins: [],
      logLevel: 'info',
      bodyLimit: 1024 * 1024,
      trustProxy: false,
      shutdownTimeoutMs: 9_000,
      publicUrl: 'http://127.0.0.1:3000',
      redisUrl: undefined,
      mail: { smtpUrl: undefined, from: 'Waymark <waymark@localhost>' },
      sessions: { idleMs: 7 * 24 * 3_600_000, maxAgeMs: 30 * 24 * 3_600_000 },
      authCacheTtlMs: 5_000,
      loginLockout: { maxFailures: 10, windowMs: 15 * 60_000 },
      passwordHashing: { memoryKib: 19_456, iterations: 2, concurrency: 2 },
      oidc: undefined,
      tls: undefined,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', NODE_ENV: '', LOG_LEVEL: '' })).toMatchObject({
      port: 3000,
      env: 'development',
      logLevel: 'info',
    });
  });

  it('reads and converts every variable it knows', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgresql://user@db:5432/waymark',
      WAYMARK_DATA_DIR: '/var/lib/waymark',
      WAYMARK_CONTENT_DIR: 'my-content',
      LOG_LEVEL: 'warn',
      BODY_LIMIT: '2048',
      SHUTDOWN_TIMEOUT_MS: '1500',
      PUBLIC_URL: 'https://waymark.example.com',
      REDIS_URL: 'redis://cache:6379',
      SMTP_URL: 'smtps://user:pass@mail.example.com:465',
      MAIL_FROM: 'Waymark <no-reply@example.com>',
      SESSION_IDLE_MINUTES: '60',
      SESSION_MAX_AGE_MINUTES: '1440',
      AUTH_CACHE_TTL_MS: '1000',
      LOGIN_MAX_FAILURES: '5',
      LOGIN_FAILURE_WINDOW_MINUTES: '30',
      ARGON2_MEMORY_KIB: '65536',
      ARGON2_ITERATIONS: '3',
      HASH_CONCURRENCY: '4',
      OIDC_ISSUER: 'https://id.example.com',
      OIDC_CLIENT_ID: 'waymark',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_NAME: 'Example ID',
      TLS_CERT_FILE: '/etc/waymark/cert.pem',
      TLS_KEY_FILE: '/etc/waymark/key.pem',
    });
    expect(config).toMatchObject({
      publicUrl: 'https://waymark.example.com',
      redisUrl: 'redis://cache:6379',
      mail: {
        smtpUrl: 'smtps://user:pass@mail.example.com:465',
        from: 'Waymark <no-reply@example.com>',
      },
      sessions: { idleMs: 3_600_000, maxAgeMs: 86_400_000 },
      authCacheTtlMs: 1000,
      loginLockout: { maxFailures: 5, windowMs: 30 * 60_000 },
      passwordHashing: { memoryKib: 65_536, iterations: 3, concurrency: 4 },
      oidc: {
        issuer: 'https://id.example.com',
        clientId: 'waymark',
        clientSecret: 's3cret',
        name: 'Example ID',
      },
      tls: { certFile: '/etc/waymark/cert.pem', keyFile: '/etc/waymark/key.pem' },
    });
    expect(config).toMatchObject({
      env: 'production',
      host: '0.0.0.0',
      port: 8080,
      databaseUrl: 'postgresql://user@db:5432/waymark',
      dataDir: '/var/lib/waymark',
      contentDir: path.resolve('my-content'),
      logLevel: 'warn',
      bodyLimit: 2048,
      shutdownTimeoutMs: 1500,
    });
  });

  it('refuses half an OIDC or TLS setup, and production without SMTP', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://id.example.com', TLS_CERT_FILE: 'c.pem' })).toEqual([
      'OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three or none (only OIDC_ISSUER set)',
      'TLS_CERT_FILE, TLS_KEY_FILE: set both or neither',
    ]);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'SMTP_URL: required when NODE_ENV=production (mail carries sign-in links)',
    ]);
    expect(
      problemsOf({ REDIS_URL: 'http://cache', PUBLIC_URL: 'https://x.example/path' }),
    ).toHaveLength(2);
  });

  it('refuses a plain-http OIDC issuer unless it is on this machine', () => {
    const oidc = { OIDC_CLIENT_ID: 'w', OIDC_CLIENT_SECRET: 's' };
    expect(problemsOf({ ...oidc, OIDC_ISSUER: 'http://id.example.com' })).toEqual([
      'OIDC_ISSUER: must be https:// (plain http only for a provider on this machine)',
    ]);
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000/oidc' }).oidc?.issuer).toBe(
      'http://127.0.0.1:4000/oidc',
    );
  });

  it('derives the public URL from HOST and PORT, and HTTPS from TLS', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(
      loadConfig({ HOST: '::1', PORT: '8443', TLS_CERT_FILE: 'c', TLS_KEY_FILE: 'k' }).publicUrl,
    ).toBe('https://[::1]:8443');
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/bin', SOMETHING_ELSE: 'x' }).port).toBe(3000);
  });

  it('lists every bad variable at once, one line each, naming the value it got', () => {
    const problems = problemsOf({
      NODE_ENV: 'prod',
      PORT: 'abc',
      DATABASE_URL: 'mysql://localhost/waymark',
      BODY_LIMIT: '10',
      SHUTDOWN_TIMEOUT_MS: '99999999',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(
      ['BODY_LIMIT', 'DATABASE_URL', 'NODE_ENV', 'PORT', 'SHUTDOWN_TIMEOUT_MS'].sort(),
    );
    expect(problems).toContain(
      'NODE_ENV: must be one of development, production, test (got "prod")',
    );
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/\(got "abc"\)$/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(
      /\(got "mysql:\/\/localhost\/waymark"\)$/,
    );
  });

  it('names the allowed values of an enumerated variable', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toEqual([
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ]);
  });

  it.each([
    ['-1', 'below 0'],
    ['65536', 'above 65535'],
    ['http', 'not a number'],
  ])('rejects PORT=%s (%s)', (port) => {
    expect(problemsOf({ PORT: port })).toEqual([expect.stringMatching(/^PORT: /)]);
  });

  it('puts every problem in the error message, so an operator sees them all in the log', () => {
    try {
      loadConfig({ PORT: 'abc', NODE_ENV: 'prod' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^Invalid configuration:\n {2}- /);
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('NODE_ENV');
    }
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.1, 192.168.0.0/16 ,::1', ['10.0.0.1', '192.168.0.0/16', '::1']],
    ['127.0.0.1,,', ['127.0.0.1']],
  ])('parses %j as %j', (raw, expected) => {
    expect(loadConfig(raw === undefined ? {} : { TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '10.0.0.1/33', '300.1.1.1', '::1/129', '10.0.0.0/8/1'])(
    'rejects %j, which is neither a boolean nor an address or range',
    (raw) => {
      expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(
        /TRUST_PROXY: .* is not true, false, an IP address or a CIDR range/,
      );
    },
  );
});

describe('whole-number variables', () => {
  it.each(['80.5', '1e3', ' 80', '-1'])('rejects PORT=%j rather than rounding it', (raw) => {
    expect(() => loadConfig({ PORT: raw })).toThrow(/PORT: must be a whole number/);
  });
});

describe('many bad variables', () => {
  it("lists all of them, even past the validator's usual error cap", () => {
    try {
      loadConfig({
        LOG_LEVEL: 'loud',
        NODE_ENV: 'prod',
        BODY_LIMIT: '10',
        SHUTDOWN_TIMEOUT_MS: '5',
        DATABASE_URL: 'mysql://x',
        HOST: '',
        PORT: '99999',
      });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(problems).toEqual(
        expect.arrayContaining([
          'LOG_LEVEL',
          'NODE_ENV',
          'BODY_LIMIT',
          'SHUTDOWN_TIMEOUT_MS',
          'DATABASE_URL',
          'PORT',
        ]),
      );
    }
  });
});

describe('CORS_ORIGINS', () => {
  it('accepts a comma-separated list of origins, trimmed', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173 ,' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it('accepts * to allow any origin', () => {
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });

  it.each([
    ['a bare host', 'example.com'],
    ['a path', 'https://a.example/app'],
    ['a trailing slash', 'https://a.example/'],
    ['another scheme', 'ftp://a.example'],
  ])('rejects an origin with %s', (_name, origin) => {
    expect(problemsOf({ CORS_ORIGINS: `https://ok.example,${origin}` })).toEqual([
      `CORS_ORIGINS: "${origin}" is not an origin like https://example.com`,
    ]);
  });

  it('lists a bad origin together with the other bad variables', () => {
    const problems = problemsOf({ CORS_ORIGINS: 'nope', PORT: 'abc' });
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('CORS_ORIGINS:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
  });
});
