import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
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
