/**
 * Writes synthetic learners (bench/synthetic/generate.ts) into Waymark's database, in
 * batches: each batch is one transaction that inserts its users and their events (one
 * `unnest` statement per table, however many rows) and then derives the current states from
 * those events, the same way the app keeps them (each topic's state is its newest event).
 * Then the progress tables are rewritten in time order, as a live database would have them.
 *
 * Idempotent: learners are identified by the seed and their number, so learners already
 * there are skipped and a second run with a larger --users only adds the rest. `reset`
 * deletes every synthetic learner (of any seed) first.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { progressSources, progressStatuses } from '../../src/db/progress.schema.js';
import {
  generateLearner,
  SYNTHETIC_DOMAIN,
  SYNTHETIC_PASSWORD_HASH,
  syntheticUserId,
  type GeneratorOptions,
  type SyntheticLearner,
} from './generate.js';

export interface SeedOptions extends GeneratorOptions {
  users: number;
  roadmapSlug: string;
  /** Learners per transaction. */
  batchSize: number;
  reset: boolean;
  /** Called after each batch, with the learners handled so far (made or already there). */
  onProgress?: (progress: SeedProgress) => void;
  /** Called when the last batch is written and the tables are laid out in time order. */
  onLayout?: () => void;
}

export interface SeedProgress {
  done: number;
  total: number;
  created: number;
  events: number;
}

export interface SeedReport extends SeedProgress {
  deleted: number;
  skipped: number;
}

const param = (values: unknown[]) => sql.param(values);
const synthetic = `%@${SYNTHETIC_DOMAIN}`;

async function deleteSynthetic(db: Database, fast: boolean): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = sql`(select id from users where email like ${synthetic})`;
    // States point at events, so they go first. Deleting an event checks that no state
    // points at it, by scanning topic_progress (last_event_id has no index): per event, so
    // those checks are skipped when allowed (see insertBatch). The users' other rows go by
    // cascade, with triggers back on.
    if (fast) await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`delete from topic_progress where user_id in ${ids}`);
    await tx.execute(sql`delete from progress_events where user_id in ${ids}`);
    if (fast) await tx.execute(sql`set local session_replication_role = origin`);
    const deleted = await tx.execute(sql`delete from users where email like ${synthetic}`);
    return rowCount(deleted);
  });
}

/** Rows affected, as both drivers report it (node-postgres rowCount, PGlite affectedRows). */
function rowCount(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

async function existingIds(db: Database, ids: string[]): Promise<Set<string>> {
  const result = await db.execute(sql`select id from users where id = any(${param(ids)}::uuid[])`);
  return new Set((result as { rows: { id: string }[] }).rows.map((r) => r.id));
}

/**
 * Rows go to the database as a few arrays per statement; events refer to their learner, topic
 * and statuses by position in small arrays, which keeps what is sent and parsed small.
 */
function columns(learners: SyntheticLearner[], topicIds: readonly string[]) {
  const topicNumber = new Map(topicIds.map((id, i) => [id, i + 1]));
  const statusNumber = new Map(progressStatuses.map((s, i) => [s, i + 1]));
  const sourceNumber = new Map(progressSources.map((s, i) => [s, i + 1]));
  const events = {
    learner: [] as number[],
    topic: [] as number[],
    from: [] as (number | null)[],
    to: [] as number[],
    atMs: [] as number[],
    source: [] as number[],
  };
  learners.forEach((learner, i) => {
    for (const e of learner.events) {
      events.learner.push(i + 1);
      events.topic.push(topicNumber.get(e.topicId)!);
      events.from.push(e.fromStatus === null ? null : statusNumber.get(e.fromStatus)!);
      events.to.push(statusNumber.get(e.toStatus)!);
      events.atMs.push(e.at.getTime());
      events.source.push(sourceNumber.get(e.source)!);
    }
  });
  return { events, count: events.learner.length };
}

async function insertBatch(
  db: Database,
  options: Pick<SeedOptions, 'roadmapSlug' | 'topicIds'>,
  learners: SyntheticLearner[],
  fast: boolean,
): Promise<number> {
  const users = learners.map((l) => l.user);
  const ids = param(users.map((u) => u.id));
  const { events, count } = columns(learners, options.topicIds);
  await db.transaction(async (tx) => {
    // As pg_restore --disable-triggers does: the rows are consistent by construction, and
    // checking each event's foreign keys one by one would take most of the time.
    if (fast) await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into users (id, email, display_name, password_hash, role, email_verified_at,
                         created_at, updated_at)
      select id, email, name, ${SYNTHETIC_PASSWORD_HASH}, 'member', joined, joined, joined
      from unnest(${ids}::uuid[], ${param(users.map((u) => u.email))}::text[],
                  ${param(users.map((u) => u.displayName))}::text[],
                  ${param(users.map((u) => u.createdAt.toISOString()))}::timestamptz[])
           as u(id, email, name, joined)`);
    if (count === 0) return;
    // Ids come from the sequence in this order, so each learner's events are numbered as
    // they happened, as the app numbers them; each topic's state is its newest event.
    await tx.execute(sql`
      with events as (
        insert into progress_events (user_id, roadmap_slug, topic_id, from_status, to_status,
                                     at, source)
        select (${ids}::uuid[])[learner], ${options.roadmapSlug},
               (${param([...options.topicIds])}::text[])[topic],
               (${param([...progressStatuses])}::text[])[from_status],
               (${param([...progressStatuses])}::text[])[to_status],
               timestamptz 'epoch' + at_ms * interval '1 millisecond',
               (${param([...progressSources])}::text[])[source]
        from unnest(${param(events.learner)}::int[], ${param(events.topic)}::int[],
                    ${param(events.from)}::int[], ${param(events.to)}::int[],
                    ${param(events.atMs)}::float8[], ${param(events.source)}::int[])
             with ordinality as e(learner, topic, from_status, to_status, at_ms, source, n)
        order by n
        returning id, user_id, roadmap_slug, topic_id, to_status, at)
      insert into topic_progress (user_id, roadmap_slug, topic_id, status, updated_at,
                                  last_event_id)
      select distinct on (user_id, roadmap_slug, topic_id)
             user_id, roadmap_slug, topic_id, to_status, at, id
      from events
      order by user_id, roadmap_slug, topic_id, id desc`);
  });
  return count;
}

/** Whether this role may turn triggers off for its transactions (a superuser). */
async function maySkipTriggers(db: Database): Promise<boolean> {
  const result = await db.execute(
    sql`select rolsuper as super from pg_roles where rolname = current_user`,
  );
  return (result as { rows: { super: boolean }[] }).rows[0]?.super === true;
}

/**
 * Rewrites the progress tables in time order, as a live database has them: there, a
 * learner's events arrive over months among everyone else's, so reading them touches a page
 * per event or so; written learner by learner, they would sit on a few pages and flatter
 * every query that reads one learner's history.
 */
async function layOutByTime(db: Database): Promise<void> {
  const layouts = [
    { table: 'progress_events', columns: 'at, id' },
    { table: 'topic_progress', columns: 'updated_at' },
  ];
  for (const { table, columns } of layouts) {
    const index = sql.raw(`${table}_synthetic_layout`);
    await db.execute(sql`create index ${index} on ${sql.raw(table)} (${sql.raw(columns)})`);
    await db.execute(sql`cluster ${sql.raw(table)} using ${index}`);
    await db.execute(sql`drop index ${index}`);
  }
}

export async function seedSynthetic(db: Database, options: SeedOptions): Promise<SeedReport> {
  const fast = await maySkipTriggers(db);
  const deleted = options.reset ? await deleteSynthetic(db, fast) : 0;
  const progress: SeedProgress = { done: 0, total: options.users, created: 0, events: 0 };
  // The next batch is drawn while the database writes the last one.
  let writing: Promise<void> = Promise.resolve();
  for (let start = 0; start < options.users; start += options.batchSize) {
    const end = Math.min(options.users, start + options.batchSize);
    const numbers = Array.from({ length: end - start }, (_, i) => start + i);
    const present = await existingIds(
      db,
      numbers.map((n) => syntheticUserId(options.seed, n)),
    );
    const learners = numbers
      .filter((n) => !present.has(syntheticUserId(options.seed, n)))
      .map((n) => generateLearner(options, n));
    await writing;
    writing = (async () => {
      const events = learners.length > 0 ? await insertBatch(db, options, learners, fast) : 0;
      progress.done = end;
      progress.created += learners.length;
      progress.events += events;
      options.onProgress?.({ ...progress });
    })();
  }
  await writing;
  if (progress.created > 0) {
    options.onLayout?.();
    await layOutByTime(db);
  }
  // Fresh statistics and visibility maps, as autovacuum keeps them on a live database (so
  // the planner sees the tables as they are, and index-only scans need no heap visits).
  await db.execute(sql`vacuum analyze users, progress_events, topic_progress`);
  return { ...progress, deleted, skipped: options.users - progress.created };
}
