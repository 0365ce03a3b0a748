/**
 * Sign-in throughput: POST /api/v1/auth/login with correct credentials at a few concurrency
 * levels, with the production argon2id cost; and whether a sign-in flood starves other
 * requests, measured by the latency of a light, steady stream of GET /api/v1/roadmaps from a
 * second load generator, with and without the flood alongside.
 *
 * The sign-in limits (10 a minute per address, 30 per 15 minutes per account) stay on. The
 * load is spread as a crowd's would be: every request from an address of its own, as a
 * reverse proxy reports it (this app trusts X-Forwarded-For, as it would behind one), over a
 * pool of accounts large enough that no account nears its limit.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import type { DatabaseTarget } from '../../test/helpers/databases.js';
import { createUsers, signIn } from '../accounts.js';
import { checkStatuses, type LoadGenerator, type LoadJob, type Measurement } from '../load.js';
import type { BenchOptions } from '../options.js';
import { clientHeaders, startWaymark, type RunningWaymark } from '../servers.js';
import { loadFigures, poolSize, type HashingFigures, type LoadFigures } from '../signin-report.js';

export const signInLevels = [8, 32];
/** Connections of the flood; the hasher's queue (32 per slot) still has room for all. */
export const floodConnections = 64;
/** The per-account sign-in limit of src/modules/accounts/accounts.routes.ts. */
const perAccountLimit = 30;
export const probe = { path: '/api/v1/roadmaps', connections: 4, rate: 200 };

export interface SignInResults {
  hashing: HashingFigures;
  users: number;
  levels: { connections: number; runs: Measurement[]; figures: LoadFigures }[];
  flood: { connections: number; runs: Measurement[]; figures: LoadFigures };
  probe: typeof probe & {
    runs: { quiet: Measurement[]; flooded: Measurement[] };
    quiet: LoadFigures;
    flooded: LoadFigures;
  };
}

/**
 * Waymark as production would run it behind a proxy: argon2id at the configured cost (the
 * defaults, or ARGON2_MEMORY_KIB, ARGON2_ITERATIONS and HASH_CONCURRENCY from the
 * environment) and X-Forwarded-For trusted.
 */
export function startSignInWaymark(database: DatabaseTarget): Promise<RunningWaymark> {
  const { passwordHashing } = loadConfig({
    ARGON2_MEMORY_KIB: process.env.ARGON2_MEMORY_KIB,
    ARGON2_ITERATIONS: process.env.ARGON2_ITERATIONS,
    HASH_CONCURRENCY: process.env.HASH_CONCURRENCY,
  });
  return startWaymark(database, { passwordHashing, trustProxy: true });
}

/** The argon2id settings in use, and what one hash costs when nothing else is hashing. */
async function hashing(server: RunningWaymark, password: string) {
  const { hasher } = server.waymark.security;
  const timings: number[] = [];
  let hash = '';
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    hash = await hasher.hash(password);
    timings.push(performance.now() - started);
  }
  const figures: HashingFigures = {
    ...hasher.parameters,
    concurrency: server.waymark.config.passwordHashing.concurrency,
    hashMs: Math.min(...timings),
  };
  return { hash, figures };
}

export async function measureSignIn(
  options: BenchOptions,
  server: RunningWaymark,
  loads: { main: LoadGenerator; probe: LoadGenerator },
): Promise<SignInResults> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const { hash, figures } = await hashing(server, password);
  const perRound = (signInLevels.length + 1) * (options.warmup + options.duration) + 1;
  const users = poolSize({
    hashing: figures,
    seconds: options.rounds * perRound,
    perAccountLimit,
  });
  const emails = Array.from({ length: users }, (_, i) => `bench-signin-${i}@example.test`);
  await createUsers(server.waymark, emails, hash);
  const bodies = emails.map((email) => JSON.stringify({ email, password }));

  // Each run carries on through the pool where the last stopped, so use spreads evenly.
  let used = 0;
  const signIns = (connections: number, duration: number): LoadJob => ({
    url: `${server.url}/api/v1/auth/login`,
    method: 'POST',
    headers: { ...clientHeaders, 'content-type': 'application/json' },
    bodies: [...bodies.slice(used % users), ...bodies.slice(0, used % users)],
    spreadAddresses: true,
    connections,
    duration,
    warmup: 0,
  });
  const load = async (job: LoadJob, expected: number[], what: string) => {
    const run = await loads.main.run(job);
    used += run.requests;
    checkStatuses(run, expected, what);
    return run;
  };
  // The load generator stops waiting when a run ends, but the server still hashes what was
  // queued. One more sign-in, queued behind all of it, returns when the queue is empty.
  let drains = 0;
  const drain = async () => {
    const address = `172.16.${drains >> 8}.${drains++ & 0xff}`;
    await signIn(server.url, emails[used++ % users]!, password, { 'x-forwarded-for': address });
  };
  const level = async (connections: number) => {
    const what = `sign-in, ${connections} connections`;
    if (options.warmup > 0) await load(signIns(connections, options.warmup), [200], what);
    await drain();
    const run = await load(signIns(connections, options.duration), [200], what);
    await drain();
    return run;
  };
  const probeJob: LoadJob = {
    url: `${server.url}${probe.path}`,
    headers: clientHeaders,
    connections: probe.connections,
    rate: probe.rate,
    duration: options.duration,
    warmup: options.warmup,
  };
  const flooded = async () => {
    // The flood starts with the probe's warm-up and outlasts its measured run.
    const floodJob = signIns(floodConnections, options.warmup + options.duration + 1);
    const [flood, run] = await Promise.all([
      load(floodJob, [200, 503], 'sign-in flood'),
      loads.probe.run(probeJob),
    ]);
    await drain();
    return { flood, run };
  };

  console.error(`sign-in: ${users} accounts; ${JSON.stringify(figures)}`);
  const levels = signInLevels.map((connections) => ({ connections, runs: [] as Measurement[] }));
  const floodRuns: Measurement[] = [];
  const probeRuns = { quiet: [] as Measurement[], flooded: [] as Measurement[] };
  for (let round = 1; round <= options.rounds; round++) {
    const tag = `round ${round}/${options.rounds}`;
    for (const { connections, runs } of levels) {
      const run = await level(connections);
      runs.push(run);
      console.error(
        `${tag}  sign-in  ${connections} connections  ${run.requestsPerSecond.toFixed(1)}/s  ` +
          `p50 ${run.p50.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms  ` +
          `server CPU ${Math.round(run.serverCpu * 100)}%  machine load ${run.machineLoad.toFixed(1)}`,
      );
    }
    // Alone and flooded in turn, ABBA across rounds.
    const steps =
      round % 2 === 1 ? (['alone', 'flooded'] as const) : (['flooded', 'alone'] as const);
    for (const step of steps) {
      let run: Measurement;
      let flood = '';
      if (step === 'alone') {
        run = await loads.probe.run(probeJob);
        probeRuns.quiet.push(run);
      } else {
        const both = await flooded();
        run = both.run;
        floodRuns.push(both.flood);
        probeRuns.flooded.push(run);
        flood = `  (flood: ${both.flood.requestsPerSecond.toFixed(1)} sign-ins/s)`;
      }
      checkStatuses(run, [200], `probe ${step}`);
      console.error(
        `${tag}  probe ${step.padEnd(7)}  p50 ${run.p50.toFixed(2)} ms  ` +
          `p99 ${run.p99.toFixed(2)} ms  max ${run.max.toFixed(1)} ms${flood}`,
      );
    }
  }
  return {
    hashing: figures,
    users,
    levels: levels.map((l) => ({ ...l, figures: loadFigures(l.runs) })),
    flood: { connections: floodConnections, runs: floodRuns, figures: loadFigures(floodRuns) },
    probe: {
      ...probe,
      runs: probeRuns,
      quiet: loadFigures(probeRuns.quiet),
      flooded: loadFigures(probeRuns.flooded),
    },
  };
}
