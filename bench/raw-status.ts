/**
 * The floor for status updates: the `pg` driver alone running the transaction of
 * progress.repository.ts `setStatus`, statement for statement as Drizzle sends it (begin;
 * lock or create the topic's state; append the event and move the state; commit), from a
 * pool of the size Waymark uses, with as many concurrent callers as the load generator has
 * connections. No HTTP, no authentication, no validation: what is left is what the database
 * costs.
 */
import type pg from 'pg';
import { percentile } from './stats.js';

/** The SQL of setStatus (logged from Waymark: the same statements, the same parameters). */
const lockState = `
  insert into topic_progress
    (user_id, roadmap_slug, topic_id, status, updated_at, last_event_id)
  values ($1, $2, $3, 'not_started', $4, null)
  on conflict (user_id, roadmap_slug, topic_id)
    do update set status = topic_progress.status
  returning status, updated_at, last_event_id is not null as known`;
const appendEventMoveState = `
  with event as (
    insert into progress_events
      (user_id, roadmap_slug, topic_id, from_status, to_status, at, source)
    values ($1, $2, $3, $4, $5, $6, $7)
    returning id)
  update topic_progress
  set status = $8, updated_at = $9, last_event_id = event.id
  from event
  where user_id = $10 and roadmap_slug = $11 and topic_id = $12`;

interface LockedState {
  status: string;
  updated_at: Date;
  known: boolean;
}

/** The same transaction as the repository's; false when the status was already set. */
export async function setStatusRaw(
  pool: pg.Pool,
  change: { userId: string; slug: string; topicId: string; status: string; source: string },
): Promise<boolean> {
  const { userId, slug, topicId, status, source } = change;
  const at = new Date();
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<LockedState>(lockState, [
      userId,
      slug,
      topicId,
      at.toISOString(),
    ]);
    const current = rows[0]!;
    if (current.status === status) {
      await client.query('rollback');
      return false;
    }
    const effective = (
      current.known && current.updated_at > at ? current.updated_at : at
    ).toISOString();
    // Parameters as Drizzle sends them: each interpolation is a parameter of its own.
    await client.query(appendEventMoveState, [
      userId,
      slug,
      topicId,
      current.known ? current.status : null,
      status,
      effective,
      source,
      status,
      effective,
      userId,
      slug,
      topicId,
    ]);
    await client.query('commit');
    return true;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
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
