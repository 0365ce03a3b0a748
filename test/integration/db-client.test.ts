import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseInUseError, openDatabase } from '../../src/db/client.js';
import { databaseTargets } from '../helpers/databases.js';

describe.each(databaseTargets)('database client on $name', (target) => {
  it('observes each statement exactly once, with its duration', async () => {
    const db = await target.create();
    const durations: number[] = [];
    const handle = await openDatabase({ ...db, onQuery: (s) => durations.push(s) });
    try {
      await handle.ping();
      await handle.ping();
      expect(durations).toHaveLength(2);
      expect(durations.every((d) => d >= 0 && d < 60)).toBe(true);
    } finally {
      await handle.close();
      await db.drop();
    }
  });
});

describe('the embedded database on disk', () => {
  it('is opened by one process at a time; a lock left by a dead process is taken over', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-lock-'));
    try {
      // Another live process (the test runner's parent) holds the lock.
      await writeFile(path.join(dataDir, 'waymark.lock'), String(process.ppid));
      await expect(openDatabase({ databaseUrl: undefined, dataDir })).rejects.toBeInstanceOf(
        DatabaseInUseError,
      );
      // A process that no longer exists (pids this large are not handed out).
      await writeFile(path.join(dataDir, 'waymark.lock'), '2147483646');
      const handle = await openDatabase({ databaseUrl: undefined, dataDir });
      expect(await readFile(path.join(dataDir, 'waymark.lock'), 'utf8')).toBe(String(process.pid));
      await handle.close();
      await expect(readFile(path.join(dataDir, 'waymark.lock'))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
