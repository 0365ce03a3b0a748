/**
 * Status updates: `PUT /api/v1/me/roadmaps/senior-backend/topics/{topicId}/status` through
 * Waymark (browser sessions: cookie and CSRF header), against the raw `pg` driver running
 * the same transaction (bench/raw-status.ts) from a pool of Waymark's size, at the same
 * concurrency, on the same PostgreSQL database, in the same run. Targets from the issue: at
 * least 0.75 of the raw driver's rate, and a p99 of at most 25 ms, at 64 connections.
 *
 * Every request must change something (an idempotent no-op would be cheaper than a change):
 * 64 learners on each side, each walking the roadmap's topics with three statuses in turn
 * (see Walk in bench/requests.ts). Both sides count the events they added to prove it.
 */
import os from 'node:os';
import { count, inArray } from 'drizzle-orm';
import pg from 'pg';
import { progressEvents } from '../../src/db/schema.js';
import { createAccountsRepository } from '../../src/modules/accounts/accounts.repository.js';
import { SESSION_COOKIE } from '../../src/modules/auth/authenticate.js';
import { checkStatuses, type LoadGenerator, type LoadJob, type Measurement } from '../load.js';
import type { BenchOptions } from '../options.js';
import { rawStatusLoad, type RawRun } from '../raw-status.js';
import { clientHeaders, serverCounts, type RunningWaymark } from '../servers.js';
import { median } from '../stats.js';

export const statusConnections = 64;
export const statusTargets = { ratio: 0.75, p99Ms: 25 };
const SLUG = 'senior-backend';
/** Each differs from the one before it, so no change is ever a no-op (see Walk). */
const statuses = ['learning', 'done', 'review'];

export type WaymarkStatusRun = Measurement & {
  eventsPerRequest: number;
  dbQueriesPerRequest: number;
};
export type RawStatusRun = RawRun & {
  eventsPerRequest: number;
  cpuMicrosPerRequest: number;
  machineLoad: number;
};

export interface StatusFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /**
   * Events added per request answered: 1 when every request changed a status (one cut off
   * when a run ended still records its event, so slightly above 1 is expected).
   */
  eventsPerRequest: number;
  /** CPU time of this process per request (Waymark's server, or the raw driver's caller). */
  cpuMicrosPerRequest: number;
  /** The machine's 1-minute load average at the end of the run. */
  machineLoad: number;
}

export interface StatusResults {
  connections: number;
  learnersPerSide: number;
  topics: number;
  poolSize: number;
  waymark: { runs: WaymarkStatusRun[]; figures: StatusFigures; dbQueriesPerRequest: number };
  raw: { runs: RawStatusRun[]; figures: StatusFigures };
  ratio: number;
  roundRatios: number[];
  targets: typeof statusTargets;
  targetMet: boolean;
  p99Met: boolean;
}

/** Waymark's pool size, read from the pool itself so the floor always matches it. */
function poolSizeOf(server: RunningWaymark): number {
  const client = (server.waymark.core.database.db as unknown as { $client?: pg.Pool }).$client;
  const max = client?.options.max;
  if (typeof max !== 'number') throw new Error('Waymark is not on a pg pool');
  return max;
}

async function learners(server: RunningWaymark, side: string, n: number): Promise<string[]> {
  const repository = createAccountsRepository(server.waymark.core.database.db);
  const passwordHash = await server.waymark.security.hasher.hash(`pw-${side}`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const email = `bench-status-${side}-${i}@example.test`;
    const user = await repository.insertUser({
      email,
      displayName: `${side} ${i}`,
      passwordHash,
      role: 'member',
      emailVerifiedAt: new Date(),
    });
    if (!user) throw new Error(`could not create ${email}`);
    ids.push(user.id);
  }
  return ids;
}

/**
 * Waymark's counts once the requests still in flight when the load generator stopped have
 * been answered (so events and requests are counted over the same requests).
 */
async function settled(server: RunningWaymark) {
  let counts = await serverCounts(server.waymark);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await serverCounts(server.waymark);
    if (now.requests === counts.requests) return now;
    counts = now;
  }
}

function figures(runs: readonly StatusFigures[]): StatusFigures {
  const of = (pick: (r: StatusFigures) => number) => median(runs.map(pick));
  return {
    requestsPerSecond: of((r) => r.requestsPerSecond),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    eventsPerRequest: of((r) => r.eventsPerRequest),
    cpuMicrosPerRequest: of((r) => r.cpuMicrosPerRequest),
    machineLoad: of((r) => r.machineLoad),
  };
}

export async function measureStatus(
  options: BenchOptions,
  server: RunningWaymark,
  load: LoadGenerator,
): Promise<StatusResults> {
  const url = server.waymark.config.databaseUrl;
  if (url === undefined) throw new Error('the status case compares with pg, so needs PostgreSQL');
  const poolSize = poolSizeOf(server);
  const { view } = server.waymark.core.roadmaps.roadmap(SLUG);
  const topicIds = view.sections.flatMap((s) => s.topicIds);
  const waymarkUsers = await learners(server, 'waymark', statusConnections);
  const rawUsers = await learners(server, 'raw', statusConnections);
  // Sessions made as sign-in makes them, without 64 sign-ins from one address.
  const clients = await Promise.all(
    waymarkUsers.map(async (userId) => {
      const { token, session } = await server.waymark.security.sessions.create(userId, {
        ip: '127.0.0.1',
        userAgent: 'waymark-bench',
      });
      return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken };
    }),
  );
  const job = (duration: number, warmup: number): LoadJob => ({
    url: `${server.url}/api/v1/me/roadmaps/${SLUG}/topics/${topicIds[0]}/status`,
    method: 'PUT',
    headers: { ...clientHeaders, 'content-type': 'application/json' },
    walk: {
      clients,
      paths: topicIds.map((id) => `/api/v1/me/roadmaps/${SLUG}/topics/${id}/status`),
      bodies: statuses.map((status) => JSON.stringify({ status })),
    },
    connections: statusConnections,
    duration,
    warmup,
  });

  const db = server.waymark.core.database.db;
  const eventsOf = async (userIds: string[]) =>
    (
      await db
        .select({ n: count() })
        .from(progressEvents)
        .where(inArray(progressEvents.userId, userIds))
    )[0]!.n;

  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined);
  try {
    const raw = rawStatusLoad(pool, {
      userIds: rawUsers,
      slug: SLUG,
      topicIds,
      statuses,
    });
    const runs = { waymark: [] as WaymarkStatusRun[], raw: [] as RawStatusRun[] };
    const measureWaymark = async () => {
      const events = await eventsOf(waymarkUsers);
      const before = await serverCounts(server.waymark);
      const run = await load.run(job(options.duration, options.warmup));
      checkStatuses(run, [200], 'status update');
      const after = await settled(server);
      const requests = after.requests - before.requests;
      return {
        ...run,
        eventsPerRequest: ((await eventsOf(waymarkUsers)) - events) / requests,
        dbQueriesPerRequest: (after.queries - before.queries) / requests,
      };
    };
    const measureRaw = async () => {
      if (options.warmup > 0) await raw(statusConnections, options.warmup);
      const events = await eventsOf(rawUsers);
      const run = await raw(statusConnections, options.duration);
      if (run.errors > 0) throw new Error(`raw pg: ${run.errors} transactions failed`);
      return {
        ...run,
        eventsPerRequest: ((await eventsOf(rawUsers)) - events) / run.requests,
        cpuMicrosPerRequest: (run.cpu * 1e6) / run.requestsPerSecond,
        machineLoad: os.loadavg()[0]!,
      };
    };
    const log = (round: number, side: string, run: StatusFigures, more: string) =>
      console.error(
        `round ${round}/${options.rounds}  status update  ${side.padEnd(7)}  ` +
          `${Math.round(run.requestsPerSecond)} req/s  p50 ${run.p50.toFixed(2)} ms  ` +
          `p99 ${run.p99.toFixed(2)} ms  ${run.eventsPerRequest.toFixed(3)} events/req  ` +
          `${Math.round(run.cpuMicrosPerRequest)} µs CPU/req  ${more}  machine load ` +
          `${run.machineLoad.toFixed(1)}`,
      );
    for (let round = 1; round <= options.rounds; round++) {
      const order = round % 2 === 1 ? ['waymark', 'raw'] : ['raw', 'waymark'];
      for (const side of order) {
        if (side === 'waymark') {
          const run = await measureWaymark();
          runs.waymark.push(run);
          log(
            round,
            side,
            run,
            `${run.dbQueriesPerRequest.toFixed(2)} queries/req  server CPU ` +
              `${Math.round(run.serverCpu * 100)}%  load generator CPU ` +
              `${Math.round(run.loaderCpu * 100)}%`,
          );
        } else {
          const run = await measureRaw();
          runs.raw.push(run);
          log(round, side, run, `CPU ${Math.round(run.cpu * 100)}%`);
        }
      }
    }
    const waymark = figures(runs.waymark);
    const rawFigures = figures(runs.raw);
    const ratio = waymark.requestsPerSecond / rawFigures.requestsPerSecond;
    return {
      connections: statusConnections,
      learnersPerSide: statusConnections,
      topics: topicIds.length,
      poolSize,
      waymark: {
        runs: runs.waymark,
        figures: waymark,
        dbQueriesPerRequest: median(runs.waymark.map((r) => r.dbQueriesPerRequest)),
      },
      raw: { runs: runs.raw, figures: rawFigures },
      ratio,
      roundRatios: runs.waymark.map((w, i) => w.requestsPerSecond / runs.raw[i]!.requestsPerSecond),
      targets: statusTargets,
      targetMet: ratio >= statusTargets.ratio,
      p99Met: waymark.p99 <= statusTargets.p99Ms,
    };
  } finally {
    await pool.end();
  }
}

/** The report's lines for the status case. */
export function statusLines(r: StatusResults): string[] {
  const row = (name: string, f: StatusFigures) =>
    `${name.padEnd(8)}  ${Math.round(f.requestsPerSecond).toLocaleString('en-US').padStart(6)}  ` +
    `${f.p50.toFixed(2).padStart(6)}  ${f.p99.toFixed(2).padStart(6)}  ` +
    `${Math.round(f.cpuMicrosPerRequest).toString().padStart(10)}  ` +
    `${f.eventsPerRequest.toFixed(3).padStart(10)}`;
  const met = (ok: boolean) => (ok ? 'target met' : 'TARGET MISSED');
  return [
    `Status update (PUT .../topics/{topicId}/status with a session cookie; ${r.connections} ` +
      `connections; ${r.learnersPerSide} learners a side × ${r.topics} topics, three statuses ` +
      `in turn; a pool of ${r.poolSize} PostgreSQL connections on both sides); median of ` +
      `${r.waymark.runs.length} rounds; machine load average ` +
      `${r.waymark.figures.machineLoad.toFixed(1)} (Waymark) and ${r.raw.figures.machineLoad.toFixed(1)} (raw)`,
    '',
    'side        req/s  p50 ms  p99 ms  CPU µs/req  events/req',
    '--------  ------  ------  ------  ----------  ----------',
    row('Waymark', r.waymark.figures),
    row('raw pg', r.raw.figures),
    '',
    `Waymark/raw pg = ${r.ratio.toFixed(2)} (rounds: ${r.roundRatios
      .map((x) => x.toFixed(2))
      .join(', ')}): ${met(r.targetMet)} (>= ${r.targets.ratio}); Waymark p99 = ` +
      `${r.waymark.figures.p99.toFixed(2)} ms: ${met(r.p99Met)} (<= ${r.targets.p99Ms} ms); ` +
      `${r.waymark.dbQueriesPerRequest.toFixed(2)} database queries per Waymark request`,
  ];
}
