/**
 * The floor for status updates: the `pg` driver alone running the transaction of
 * progress.repository.ts `setStatus`, as Waymark sends it (one call of the database function
 * `set_topic_status`, drizzle/0007), from a pool of the size Waymark uses, with as many
 * concurrent callers as the load generator has connections. No HTTP, no authentication, no
 * validation: what is left is what the database costs.
 */
import type pg from 'pg';
import { percentile } from './stats.js';

/** The SQL of setStatus (logged from Waymark: the same statement, the same parameters). */
const setTopicStatus =
  'select state, state_at, changed from set_topic_status($1, $2, $3, $4, $5, $6)';

/** The same transaction as the repository's; false when the status was already set. */
export async function setStatusRaw(
  pool: pg.Pool,
  change: { userId: string; slug: string; topicId: string; status: string; source: string },
): Promise<boolean> {
  const { userId, slug, topicId, status, source } = change;
  const { rows } = await pool.query<{ changed: boolean }>(setTopicStatus, [
    userId,
    slug,
    topicId,
    status,
    source,
    new Date().toISOString(),
  ]);
  return rows[0]!.changed;
}

export interface RawRun {
  requestsPerSecond: number;
  requests: number;
  /** Transactions that changed nothing (the status was already set): should be none. */
  unchanged: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** CPU time of this process per second of run (1 = one core busy). */
  cpu: number;
}

/** Who changes what: the n-th change is as the n-th request of a Walk (requests.ts). */
export interface RawWalk {
  userIds: readonly string[];
  slug: string;
  topicIds: readonly string[];
  statuses: readonly string[];
}

/**
 * Runs `connections` callers, each starting its next change when its last is done, for
 * `seconds`; times each change from asking the pool for a connection to the commit. The walk
 * goes on from run to run.
 */
export function rawStatusLoad(pool: pg.Pool, walk: RawWalk) {
  let n = 0;
  const change = () => {
    const i = n++;
    const users = walk.userIds.length;
    const topics = walk.topicIds.length;
    return {
      userId: walk.userIds[i % users]!,
      slug: walk.slug,
      topicId: walk.topicIds[Math.floor(i / users) % topics]!,
      status: walk.statuses[Math.floor(i / (users * topics)) % walk.statuses.length]!,
      source: 'web',
    };
  };
  return async function run(connections: number, seconds: number): Promise<RawRun> {
    const latencies: number[] = [];
    let inTime = 0;
    let unchanged = 0;
    let errors = 0;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const caller = async () => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        try {
          if (!(await setStatusRaw(pool, change()))) unchanged++;
          const ended = performance.now();
          latencies.push(ended - begun);
          if (ended <= deadline) inTime++;
        } catch {
          errors++;
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, caller));
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const sorted = Float64Array.from(latencies).sort();
    return {
      // As autocannon counts: what was answered within the run.
      requestsPerSecond: inTime / seconds,
      requests: latencies.length,
      unchanged,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100),
      errors,
      cpu: (cpu.user + cpu.system) / 1000 / elapsed,
    };
  };
}
