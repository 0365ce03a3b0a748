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

function postgres(adminUrl: string): DatabaseTarget {
  return {
    name: 'postgres',
    async create() {
      const name = `waymark_test_${randomBytes(6).toString('hex')}`;
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
