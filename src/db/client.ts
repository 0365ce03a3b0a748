/**
 * Opens the system of record: PGlite (PostgreSQL in-process, files under the data dir) by
 * default, or a real PostgreSQL server when DATABASE_URL is set. Both get the same Drizzle
 * schema and the same migrations; the rest of Waymark sees one `Database` type.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Runs the migrations in drizzle/ that have not run yet. */
  migrate(): Promise<void>;
  /** A cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(
  new URL(
    import.meta.url.includes('/dist/server/') ? '../../../drizzle' : '../../drizzle',
    import.meta.url,
  ),
);

export interface OpenOptions {
  databaseUrl: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throwaway database. */
  dataDir: string;
  /** Called with the duration of every query, in seconds (for metrics). */
  onQuery?: (seconds: number) => void;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.onQuery)
    : openPglite(options.dataDir, options.onQuery);
}

async function openPglite(dataDir: string, onQuery?: (s: number) => void): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let location = dataDir;
  let unlock = async () => {};
  if (!dataDir.startsWith('memory://')) {
    location = path.join(dataDir, 'pglite');
    await fs.mkdir(location, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  let client;
  try {
    client = await PGlite.create(location);
  } catch (error) {
    await unlock();
    throw error;
  }
  if (onQuery) timeQueries(client as unknown as Queryable, onQuery);
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    migrate: () => migrate(db as never, { migrationsFolder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      await unlock();
    },
  };
}

export class DatabaseInUseError extends Error {}

/**
 * PGlite is PostgreSQL inside one process: a second process opening the same files (a CLI
 * command while the server runs) would corrupt them or never see the other's writes. A
 * lock file with the owner's pid keeps it to one; a lock left by a process that has died is
 * taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dataDir, 'waymark.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return async () => {
        await fs.rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await fs.readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(
          `The embedded database in ${dataDir} is in use by process ${owner} (a running ` +
            'Waymark?). Stop it first, or use PostgreSQL (DATABASE_URL), which any number of ' +
            'processes can share.',
        );
      }
      await fs.rm(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPostgres(url: string, onQuery?: (s: number) => void): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => undefined);
  if (onQuery) {
    // pool.query checks out a client and calls its query, so timing each client's query
    // covers every statement, transactions included, exactly once.
    pool.on('connect', (client) => timeQueries(client, onQuery));
  }
  const db = drizzle({ client: pool, schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    migrate: () => migrate(db as never, { migrationsFolder }),
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

interface Queryable {
  query: (...args: unknown[]) => Promise<unknown>;
}

/** Wraps the driver's query method so every statement's duration is observed. */
function timeQueries(client: Queryable, onQuery: (seconds: number) => void): void {
  const original = client.query.bind(client);
  client.query = async (...args: unknown[]) => {
    const start = process.hrtime.bigint();
    try {
      return await original(...args);
    } finally {
      onQuery(Number(process.hrtime.bigint() - start) / 1e9);
    }
  };
}
