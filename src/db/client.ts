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
  if (!dataDir.startsWith('memory://')) {
    location = path.join(dataDir, 'pglite');
    await fs.mkdir(location, { recursive: true });
  }
  const client = await PGlite.create(location);
  if (onQuery) timeQueries(client as unknown as Queryable, onQuery);
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    migrate: () => migrate(db as never, { migrationsFolder }),
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
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
