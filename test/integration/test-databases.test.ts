/**
 * The test helpers' own clean-up: PostgreSQL test databases left behind by runs that died are
 * dropped by the next run, and nobody else's are.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dropLeftBehind, leftBehind } from '../helpers/databases.js';

describe('test databases left behind', () => {
  it('are those named after a process that is gone', () => {
    const alive = (pid: number) => pid === 100;
    expect(
      leftBehind(
        [
          'waymark_test_100_0123456789ab', // its process runs
          'waymark_test_200_0123456789ab', // gone
          'waymark_test_0123456789ab', // named before process ids were: cannot tell
          'waymark_test_200_xyz', // not a name the helpers make
          'waymark', // not a test database
        ],
        alive,
      ),
    ).toEqual(['waymark_test_200_0123456789ab']);
  });

  const adminUrl = process.env.DATABASE_URL;
  it.skipIf(adminUrl === undefined)(
    'are dropped from this machine’s server, and the living ones kept',
    async () => {
      // A process id no process has: above the kernel's largest.
      const dead = `waymark_test_${2 ** 23}_${'ab'.repeat(6)}`;
      const mine = `waymark_test_${process.pid}_${'cd'.repeat(6)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const exists = async (name: string) =>
        (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
      try {
        await admin.query(`create database ${dead}`);
        await admin.query(`create database ${mine}`);
        expect(await dropLeftBehind(adminUrl!)).toContain(dead);
        expect(await exists(dead)).toBe(false);
        expect(await exists(mine)).toBe(true);
      } finally {
        await admin.query(`drop database if exists ${dead}`);
        await admin.query(`drop database if exists ${mine}`);
        await admin.end();
      }
    },
  );
});
