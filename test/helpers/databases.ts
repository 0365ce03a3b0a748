/**
 * The databases every database-backed test runs on: PGlite always, and PostgreSQL too when
 * DATABASE_URL is set. Each test gets a database of its own (a fresh PGlite in memory, or a
 * freshly created PostgreSQL database that is dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** Creates an empty database; returns its URL (undefined for PGlite) and a cleanup. */
  create(): Promise<{ databaseUrl: string | undefined; dataDir: string; drop(): Promise<void> }>;
}

const pglite: DatabaseTarget = {
  name: 'pglite',
  create: () =>
    Promise.resolve({ databaseUrl: undefined, dataDir: 'memory://', drop: async () => {} }),
};

/**
 * Test databases are named after the process that made them, so that a later run can tell
 * which were left behind by runs that died before dropping them (killed, or interrupted) and
 * drop those: otherwise each interrupted run leaves its databases on the server for good.
 */
const TEST_DATABASE = /^waymark_test_(\d+)_[0-9a-f]{12}$/;

const testDatabaseName = () => `waymark_test_${process.pid}_${randomBytes(6).toString('hex')}`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/** The test databases among `names` whose process is gone. */
export function leftBehind(names: readonly string[], alive = isAlive): string[] {
  return names.filter((name) => {
    const pid = TEST_DATABASE.exec(name)?.[1];
    return pid !== undefined && !alive(Number(pid));
  });
}

/**
 * Drops the test databases left behind on this server. Only on a server on this machine:
 * process ids say nothing about another machine's runs.
 */
export async function dropLeftBehind(adminUrl: string): Promise<string[]> {
  const host = new URL(adminUrl).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', ''].includes(host)) return [];
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'waymark\\_test\\_%'`,
    );
    const stale = leftBehind(rows.map((r) => r.datname));
    for (const name of stale) await admin.query(`drop database if exists ${name} with (force)`);
    return stale;
  } finally {
    await admin.end();
  }
}

function postgres(adminUrl: string): DatabaseTarget {
  // Once per process, before its first database; a failure only leaves them for next time.
  let swept: Promise<unknown> | undefined;
  return {
    name: 'postgres',
    async create() {
      swept ??= dropLeftBehind(adminUrl).catch((error: unknown) =>
        console.warn(`could not drop test databases left behind: ${String(error)}`),
      );
      await swept;
      const name = testDatabaseName();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        databaseUrl: url.toString(),
        dataDir: 'memory://',
        async drop() {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          try {
            await client.query(`drop database if exists ${name} with (force)`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

const available: DatabaseTarget[] = [
  pglite,
  ...(process.env.DATABASE_URL ? [postgres(process.env.DATABASE_URL)] : []),
];

/**
 * TEST_DATABASES=postgres (or pglite) narrows the list, so CI can run the PostgreSQL pass
 * without repeating the PGlite one.
 */
const only = process.env.TEST_DATABASES?.split(',').map((s) => s.trim());
export const databaseTargets: DatabaseTarget[] = only
  ? available.filter((t) => only.includes(t.name))
  : available;
if (databaseTargets.length === 0) {
  throw new Error(
    `TEST_DATABASES=${process.env.TEST_DATABASES} selects no database (is DATABASE_URL set?)`,
  );
}
