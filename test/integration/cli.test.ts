/**
 * The `waymark` command line, run as a user runs it: a child process, with only the
 * environment the test gives it. Each command must say what it does, succeed with exit 0, or
 * fail with exit 1 and a message a person can act on (never a stack trace).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { openDatabase } from '../../src/db/client.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { readContent } from '../../src/content/read-content.js';
import { databaseTargets } from '../helpers/databases.js';
import { csvColumns } from '../../src/modules/roadmaps/roadmap-formats.js';
import { parseCsv } from '../helpers/csv.js';
import { CLI_TIMEOUT, spawnWaymark } from '../helpers/cli.js';

// Each run starts tsx (and often a database) on a shared machine: allow minutes, not seconds.

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment minus anything that would configure Waymark behind the test's back. */
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(WAYMARK_|DATABASE_URL$|PORT$|HOST$|NODE_ENV$|LOG_LEVEL$|CORS_ORIGINS$|TRUST_PROXY$|BODY_LIMIT$|SHUTDOWN_TIMEOUT_MS$|PUBLIC_URL$|REDIS_URL$|SMTP_URL$|MAIL_FROM$|SESSION_|AUTH_|LOGIN_|ARGON2_|HASH_|OIDC_|TLS_)/.test(
        key,
      ),
  ),
);

function waymark(args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  return spawnWaymark(args, { ...baseEnv, ...env }, input).done;
}

/** `file:line: message` lines of an output. */
const problemLines = (text: string) => text.split('\n').filter((line) => /^\S+:\d+: \S/.test(line));

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'waymark-cli-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

const badContent = 'test/fixtures/content/invalid';

describe('waymark --help', { timeout: CLI_TIMEOUT }, () => {
  it.each([
    [[], 'Usage: waymark [options] [command]', /serve.*migrate.*content.*export/s],
    [['serve'], 'Usage: waymark serve', /run the server/],
    [['migrate'], 'Usage: waymark migrate', /apply pending database migrations/],
    [['content'], 'Usage: waymark content', /check \[dir\]/],
    [
      ['content', 'check'],
      'Usage: waymark content check [options] [dir]',
      /prints each problem as file:line: message/,
    ],
    [
      ['export'],
      'Usage: waymark export [options] <slug>',
      /--format <format>.*"json", "md", "html", "csv"/s,
    ],
  ])('waymark %j --help exits 0 and describes the command', async (command, usage, description) => {
    const run = await waymark([...command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(usage);
    expect(run.stdout).toMatch(description);
  });
});

describe('waymark content check', { timeout: CLI_TIMEOUT }, () => {
  it('passes on the real content and says what it checked', async () => {
    const roadmaps = await readContent(path.join(packageRoot, 'content/roadmaps'));
    const topics = roadmaps.flatMap((r) => r.sections.flatMap((s) => s.topics)).length;
    const run = await waymark(['content', 'check']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      `ok: ${roadmaps.length} roadmap(s), ${topics} topic(s) in content/roadmaps`,
    );
  });

  it('fails on invalid content with one file:line: message line per problem', async () => {
    const run = await waymark(['content', 'check', badContent]);
    expect(run.code).toBe(1);
    expect(problemLines(run.stderr)).toEqual([
      `${badContent}/broken/roadmap.yaml:14: requires of "two" names unknown topic "nowhere"`,
      `${badContent}/broken/topics/one.md:11: resources.0.url: malformed URL (must be an absolute https:// URL)`,
      `${badContent}/broken/roadmap.yaml:15: topic "three" has no file ${badContent}/broken/topics/three.md`,
      `${badContent}/broken/topics/extra.md:1: file belongs to no topic: add "extra" to roadmap.yaml or delete the file`,
    ]);
    expect(run.stderr).toContain('error: 4 problem(s) found');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('checks the folder named by WAYMARK_CONTENT_DIR when given none', async () => {
    const run = await waymark(['content', 'check'], { WAYMARK_CONTENT_DIR: badContent });
    expect(run.code).toBe(1);
    expect(problemLines(run.stderr)).toHaveLength(4);
  });
});

describe('waymark serve refuses to start', { timeout: CLI_TIMEOUT }, () => {
  it('on invalid content, printing the same problems as content check', async () => {
    const dataDir = await tempDir();
    const [check, serve] = [
      await waymark(['content', 'check', badContent]),
      await waymark(['serve'], {
        WAYMARK_CONTENT_DIR: badContent,
        WAYMARK_DATA_DIR: dataDir,
        PORT: '0',
      }),
    ];
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('Refusing to start: the roadmap content is invalid.');
    expect(problemLines(serve.stderr)).toEqual(problemLines(check.stderr));
    expect(serve.stdout).not.toMatch(/Server listening/);
    // Content is checked before the database is opened: nothing was created.
    expect(await fs.readdir(dataDir)).toEqual([]);
  });

  it('on an invalid environment, listing every bad variable', async () => {
    const run = await waymark(['serve'], {
      PORT: 'abc',
      NODE_ENV: 'prod',
      WAYMARK_DATA_DIR: await tempDir(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid configuration:');
    expect(run.stderr).toMatch(/^ {2}- PORT: .*\(got "abc"\)$/m);
    expect(run.stderr).toMatch(
      /^ {2}- NODE_ENV: must be one of development, production, test \(got "prod"\)$/m,
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('waymark export: wrong usage', { timeout: CLI_TIMEOUT }, () => {
  it('rejects an unknown format before touching anything, naming the allowed ones', async () => {
    const dataDir = await tempDir();
    const run = await waymark(['export', 'senior-backend', '--format', 'xml'], {
      WAYMARK_DATA_DIR: dataDir,
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      "error: option '-f, --format <format>' argument 'xml' is invalid.",
    );
    expect(run.stderr).toContain('Allowed choices are json, md, html, csv.');
    expect(run.stdout).toBe('');
    expect(await fs.readdir(dataDir)).toEqual([]);
  });

  it('rejects a missing slug', async () => {
    const run = await waymark(['export'], { WAYMARK_DATA_DIR: await tempDir() });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("error: missing required argument 'slug'");
  });
});

describe.each(databaseTargets)('waymark commands that use the database, on $name', (target) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let topicIds: string[];
  let topicTitles: string[];

  beforeAll(async () => {
    const db = await target.create();
    drop = () => db.drop();
    // PGlite keeps its files under the data dir; PostgreSQL is reached through DATABASE_URL.
    env = {
      WAYMARK_DATA_DIR: await tempDir(),
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    };
    const [roadmap] = (await readContent(path.join(packageRoot, 'content/roadmaps'))).filter(
      (r) => r.slug === 'senior-backend',
    );
    topicIds = roadmap!.sections.flatMap((s) => s.topics.map((t) => t.id));
    topicTitles = roadmap!.sections.flatMap((s) => s.topics.map((t) => t.title));
  });
  afterAll(() => drop?.());

  it(
    'migrate applies the migrations and exits 0, also when run again',
    { timeout: CLI_TIMEOUT },
    async () => {
      const first = await waymark(['migrate'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout.trim()).toBe(`migrations applied (${target.name})`);
      const again = await waymark(['migrate'], env);
      expect(again.code).toBe(0);
    },
  );

  it(
    'export --format csv --out writes a header and one row per topic',
    { timeout: CLI_TIMEOUT },
    async () => {
      const out = path.join(await tempDir(), 'roadmap.csv');
      const run = await waymark(['export', 'senior-backend', '--format', 'csv', '--out', out], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`wrote ${out}`);
      const records = parseCsv(await fs.readFile(out, 'utf8'));
      expect(records[0]).toEqual([...csvColumns]);
      expect(records.slice(1).map((r) => r[1])).toEqual(topicIds);
    },
  );

  it(
    'export --format md writes the roadmap to standard output',
    { timeout: CLI_TIMEOUT },
    async () => {
      const run = await waymark(['export', 'senior-backend', '--format', 'md'], env);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^# Senior Backend Developer Roadmap\n/);
      const headings = new Set(
        run.stdout.match(/^### .*$/gm)?.map((h) => h.slice(4).replace(/ \(optional\)$/, '')),
      );
      expect(topicTitles.filter((title) => !headings.has(title))).toEqual([]);
    },
  );

  it(
    'export of an unknown roadmap exits 1 with a clear message',
    { timeout: CLI_TIMEOUT },
    async () => {
      const run = await waymark(['export', 'no-such-roadmap'], env);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe('error: Roadmap "no-such-roadmap" was not found.');
      expect(run.stdout).toBe('');
    },
  );

  it(
    'admin create makes a verified administrator with a generated password, once',
    { timeout: CLI_TIMEOUT },
    async () => {
      const email = `boss-${Date.now()}@example.test`;
      const run = await waymark(['admin', 'create', '--email', email], env);
      expect(run.code, run.stderr).toBe(0);
      const password = /password \(shown once\): (\S+)/.exec(run.stdout)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const again = await waymark(['admin', 'create', '--email', email.toUpperCase()], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/is now an administrator/);

      const database = await openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.WAYMARK_DATA_DIR!,
      });
      try {
        const user = await database.db.query.users.findFirst({
          where: (u, { eq }) => eq(u.email, email),
        });
        expect(user).toMatchObject({ role: 'admin' });
        expect(user!.emailVerifiedAt).not.toBeNull();
        expect(await verify(user!.passwordHash!, password!)).toBe(true);
      } finally {
        await database.close();
      }
    },
  );

  it(
    'admin create reads a password from stdin and refuses a weak one',
    { timeout: CLI_TIMEOUT },
    async () => {
      const weak = await waymark(
        ['admin', 'create', '--email', `weak-${Date.now()}@example.test`, '--password-stdin'],
        env,
        'password\n',
      );
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/common password/);
      const ok = await waymark(
        ['admin', 'create', '--email', `stdin-${Date.now()}@example.test`, '--password-stdin'],
        env,
        'a long and unusual passphrase\n',
      );
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).not.toMatch(/shown once/);
      const bad = await waymark(['admin', 'create', '--email', 'not-an-email'], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/not an email address/);
    },
  );

  it(
    'keys rotate adds a signing key and retires the old one',
    { timeout: CLI_TIMEOUT },
    async () => {
      const first = await waymark(['keys', 'rotate'], env);
      expect(first.code, first.stderr).toBe(0);
      const second = await waymark(['keys', 'rotate'], env);
      expect(second.stdout).toMatch(/^new signing key \S+;/);
      const database = await openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.WAYMARK_DATA_DIR!,
      });
      try {
        const keys = await database.db.query.signingKeys.findMany();
        expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(1);
        expect(keys.length).toBeGreaterThanOrEqual(2);
      } finally {
        await database.close();
      }
    },
  );
});
