/**
 * The dashboard of a heavy learner: `GET /api/v1/me/dashboard` for the synthetic learner with
 * 5,000 events, on the synthetic data set (bench/synthetic/, 100,000 learners by default,
 * written into this run's database first). Target from the issue: a p95 server time of at
 * most 20 ms.
 *
 * Server time is taken by Node itself (diagnostics channels: from the request's headers
 * being parsed to its response being handed to the socket), so the load generator's own
 * delays do not count; requests go one at a time, as one learner opening the page would.
 * The client's view (autocannon's timing) is reported beside it.
 */
import dc from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { count, eq } from 'drizzle-orm';
import { progressEvents } from '../../src/db/schema.js';
import { SESSION_COOKIE } from '../../src/modules/auth/authenticate.js';
import { checkStatuses, type LoadGenerator, type Measurement } from '../load.js';
import type { BenchOptions } from '../options.js';
import { clientHeaders, serverCounts, type RunningWaymark } from '../servers.js';
import { median, percentile } from '../stats.js';
import { HEAVY_EVENTS, syntheticEmail, syntheticUserId } from '../synthetic/generate.js';
import { progressBar } from '../synthetic/progress-bar.js';
import { seedSynthetic } from '../synthetic/seed.js';

export const dashboardPath = '/api/v1/me/dashboard';
export const dashboardTarget = { p95Ms: 20 };
const SEED = 1;
const SLUG = 'senior-backend';
const connections = 1;

export interface ServerTimes {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  samples: number;
}

export interface DashboardRun {
  server: ServerTimes;
  client: Measurement;
  dbQueriesPerRequest: number;
}

export interface DashboardResults {
  learners: number;
  events: number;
  seedSeconds: number;
  learner: { email: string; id: string; events: number };
  connections: number;
  bodyBytes: number;
  runs: DashboardRun[];
  /** Medians over the rounds. */
  server: ServerTimes;
  client: { requestsPerSecond: number; p50: number; p99: number };
  dbQueriesPerRequest: number;
  target: typeof dashboardTarget;
  targetMet: boolean;
}

/** Server times (ms) of the requests for `path`, from Node's HTTP diagnostics channels. */
function serverTimer(path: string) {
  const started = new WeakMap<IncomingMessage, bigint>();
  let samples: number[] = [];
  const onStart = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.url?.startsWith(path)) started.set(request, process.hrtime.bigint());
  };
  const onFinish = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    const start = started.get(request);
    if (start !== undefined) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  dc.subscribe('http.server.request.start', onStart);
  dc.subscribe('http.server.response.finish', onFinish);
  return {
    /** The times since the last take, summarised; starts a new collection. */
    take(): ServerTimes {
      const sorted = Float64Array.from(samples).sort();
      samples = [];
      return {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: percentile(sorted, 100),
        samples: sorted.length,
      };
    },
    close() {
      dc.unsubscribe('http.server.request.start', onStart);
      dc.unsubscribe('http.server.response.finish', onFinish);
    },
  };
}

export async function measureDashboard(
  options: BenchOptions,
  server: RunningWaymark,
  load: LoadGenerator,
): Promise<DashboardResults> {
  const { waymark } = server;
  const db = waymark.core.database.db;
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const topicIds = waymark.core.roadmaps.roadmap(SLUG).view.sections.flatMap((s) => s.topicIds);
  const bar = progressBar(process.stderr, options.syntheticUsers, 'synthetic learners');
  const seeding = performance.now();
  const seeded = await seedSynthetic(db, {
    users: options.syntheticUsers,
    seed: SEED,
    until: today,
    topicIds,
    roadmapSlug: SLUG,
    batchSize: 1000,
    reset: false,
    onProgress: (p) => bar.update(p.done, `${p.events.toLocaleString('en-US')} events`),
    onLayout: () => bar.finish(),
  });
  if (seeded.created === 0) bar.finish();
  const seedSeconds = (performance.now() - seeding) / 1000;

  const userId = syntheticUserId(SEED, 0);
  const [{ n: events }] = (await db
    .select({ n: count() })
    .from(progressEvents)
    .where(eq(progressEvents.userId, userId))) as [{ n: number }];
  if (events !== HEAVY_EVENTS) throw new Error(`learner 0 has ${events} events, not 5,000`);
  const { token } = await waymark.security.sessions.create(userId, {
    ip: '127.0.0.1',
    userAgent: 'waymark-bench',
  });
  const headers = { ...clientHeaders, cookie: `${SESSION_COOKIE}=${token}` };
  const first = await fetch(`${server.url}${dashboardPath}`, { headers });
  const body = await first.text();
  if (first.status !== 200) {
    throw new Error(`GET ${dashboardPath} answered ${first.status}: ${body.slice(0, 300)}`);
  }

  const timer = serverTimer(dashboardPath);
  const job = (duration: number) => ({
    url: `${server.url}${dashboardPath}`,
    headers,
    connections,
    duration,
    warmup: 0,
  });
  const runs: DashboardRun[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      if (options.warmup > 0) await load.run(job(options.warmup));
      timer.take();
      const before = await serverCounts(waymark);
      const client = await load.run(job(options.duration));
      checkStatuses(client, [200], 'dashboard');
      const after = await serverCounts(waymark);
      const run = {
        server: timer.take(),
        client,
        dbQueriesPerRequest: (after.queries - before.queries) / (after.requests - before.requests),
      };
      runs.push(run);
      console.error(
        `round ${round}/${options.rounds}  dashboard  server p50 ${run.server.p50.toFixed(2)} ms  ` +
          `p95 ${run.server.p95.toFixed(2)} ms  p99 ${run.server.p99.toFixed(2)} ms  ` +
          `(${run.server.samples} requests)  client p50 ${client.p50.toFixed(2)} ms  ` +
          `${Math.round(client.requestsPerSecond)} req/s  ` +
          `${run.dbQueriesPerRequest.toFixed(2)} queries/req  machine load ` +
          `${client.machineLoad.toFixed(1)}`,
      );
    }
  } finally {
    timer.close();
  }
  const of = (pick: (r: DashboardRun) => number) => median(runs.map(pick));
  const serverTimes: ServerTimes = {
    p50: of((r) => r.server.p50),
    p95: of((r) => r.server.p95),
    p99: of((r) => r.server.p99),
    max: of((r) => r.server.max),
    samples: runs.reduce((sum, r) => sum + r.server.samples, 0),
  };
  return {
    learners: options.syntheticUsers,
    events: seeded.events,
    seedSeconds,
    learner: { email: syntheticEmail(SEED, 0), id: userId, events },
    connections,
    bodyBytes: Buffer.byteLength(body),
    runs,
    server: serverTimes,
    client: {
      requestsPerSecond: of((r) => r.client.requestsPerSecond),
      p50: of((r) => r.client.p50),
      p99: of((r) => r.client.p99),
    },
    dbQueriesPerRequest: of((r) => r.dbQueriesPerRequest),
    target: dashboardTarget,
    targetMet: serverTimes.p95 <= dashboardTarget.p95Ms,
  };
}

export function dashboardLines(r: DashboardResults): string[] {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  return [
    `Dashboard (GET ${dashboardPath} with a session cookie, ${r.connections} request at a ` +
      `time) of a learner with ${r.learner.events.toLocaleString('en-US')} events, among ` +
      `${r.learners.toLocaleString('en-US')} synthetic learners with ` +
      `${r.events.toLocaleString('en-US')} events (seeded in ${r.seedSeconds.toFixed(0)} s); ` +
      `response ${r.bodyBytes.toLocaleString('en-US')} bytes; median of ${r.runs.length} rounds`,
    '',
    `server time: p50 ${ms(r.server.p50)}, p95 ${ms(r.server.p95)}, p99 ${ms(r.server.p99)} ` +
      `(${r.server.samples.toLocaleString('en-US')} requests); client: p50 ${ms(r.client.p50)}, ` +
      `p99 ${ms(r.client.p99)}, ${Math.round(r.client.requestsPerSecond)} req/s; ` +
      `${r.dbQueriesPerRequest.toFixed(2)} database queries per request`,
    `Dashboard p95 server time = ${ms(r.server.p95)}: ` +
      `${r.targetMet ? 'target met' : 'TARGET MISSED'} (<= ${r.target.p95Ms} ms)`,
  ];
}
