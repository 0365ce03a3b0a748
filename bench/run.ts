/**
 * `npm run bench`: how close Waymark comes to a bare Fastify route that serves the same bytes
 * from memory, on its roadmap read (a full 200 and a 304) and on GET /me (with a session
 * cookie and with a bearer token); how many sign-ins per second it takes, and whether a
 * sign-in flood starves other requests; status updates against the raw `pg` driver doing the
 * same transaction; and the dashboard of a heavy learner among 100,000 synthetic ones (those
 * two on PostgreSQL only). The servers run in this process; the load comes from
 * others (bench/load.ts). A missed target is reported, not failed: this is a measurement,
 * not a test. See docs/benchmarks.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { meCases } from './cases/me.js';
import { roadmapCases } from './cases/roadmap.js';
import { dashboardLines, measureDashboard } from './cases/dashboard.js';
import { measureSignIn, startSignInWaymark } from './cases/signin.js';
import { measureStatus, statusLines } from './cases/status.js';
import { compare, type ComparisonSet } from './compare.js';
import { startLoadGenerator } from './load.js';
import { parseOptions, usage, UsageError, type BenchOptions } from './options.js';
import { assertAlike } from './recording.js';
import {
  busyWarning,
  machine,
  queriesLine,
  saturationNotes,
  summarise,
  table,
  verdict,
} from './report.js';
import { databaseTarget, startBare, startWaymark } from './servers.js';
import { hashingLine, probeTable, signInTable } from './signin-report.js';
import type { DatabaseTarget } from '../test/helpers/databases.js';

interface Closable {
  close(): Promise<void> | void;
}
/** Registers something to close when the run ends (or is interrupted); returns it. */
type Track = <T extends Closable>(resource: T) => T;

/** Credentials are secrets (if of a database that is dropped); the results keep their names. */
const redact = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      name === 'cookie' || name === 'authorization' ? '(redacted)' : value,
    ]),
  );

/** The Waymark-against-bare cases: the printed report and the JSON of the results. */
async function comparisons(options: BenchOptions, database: DatabaseTarget, track: Track) {
  const waymark = track(await startWaymark(database));
  const sets: ComparisonSet[] = [];
  if (options.cases.includes('roadmap')) sets.push(await roadmapCases(waymark));
  if (options.cases.includes('me')) sets.push(await meCases(waymark));
  const all = sets.flatMap((set) => set.comparisons);
  const bare = track(await startBare(sets.flatMap((set) => set.replays)));
  await assertAlike([waymark.url, bare.url], all);
  const load = track(startLoadGenerator());
  console.error(
    `Waymark on ${database.name} at ${waymark.url}, bare Fastify at ${bare.url}; ` +
      `${options.rounds} rounds × (${options.warmup} s warm-up + ${options.duration} s), ` +
      `${options.connections} connections; ${all.map((c) => c.name).join(', ')}`,
  );
  const cases = await compare(options, load, { waymark, bare }, all);
  const summaries = cases.map(summarise);
  const cores = machine().cores;
  const notes = [
    busyWarning(summaries, cores),
    ...saturationNotes(summaries),
    ...sets.flatMap((set) => set.notes.map((note) => `Note: ${note}`)),
  ];
  const lines = [
    `Database: ${database.name}; logging off on both servers; session and token checks ` +
      `cached for ${waymark.waymark.config.authCacheTtlMs} ms; median of ${options.rounds} rounds`,
    '',
    table(summaries),
    '',
    ...summaries.map(verdict),
    queriesLine(summaries),
    ...notes.flatMap((note) => (note ? ['', note] : [])),
  ].filter((line) => line !== undefined);
  const json = await Promise.all(
    cases.map(async ({ comparison, runs }, i) => ({
      ...summaries[i]!,
      path: comparison.path,
      requestHeaders: redact(await comparison.headers()),
      bodyBytes: comparison.bodyBytes,
      runs,
    })),
  );
  return { lines, json };
}

/** A group of cases that runs on PostgreSQL only, said so in the report. */
const skipped = (name: string, why: string) => ({
  lines: [`${name}: not run: it ${why}, so it needs PostgreSQL (set DATABASE_URL).`],
  json: undefined,
});

/** Status updates against the raw driver, on a Waymark of their own (see cases/status.ts). */
async function statusUpdates(options: BenchOptions, database: DatabaseTarget, track: Track) {
  if (database.name !== 'postgres') return skipped('Status update', 'compares with the pg driver');
  const server = track(await startWaymark(database));
  const results = await measureStatus(options, server, track(startLoadGenerator()));
  return { lines: statusLines(results), json: results };
}

/** The dashboard on the synthetic data set, on a Waymark of its own (see cases/dashboard.ts). */
async function dashboard(options: BenchOptions, database: DatabaseTarget, track: Track) {
  if (database.name !== 'postgres') return skipped('Dashboard', 'measures a large data set');
  const server = track(await startWaymark(database));
  const results = await measureDashboard(options, server, track(startLoadGenerator()));
  return { lines: dashboardLines(results), json: results };
}

/** The sign-in cases, on a Waymark of their own (see cases/signin.ts). */
async function signIns(options: BenchOptions, database: DatabaseTarget, track: Track) {
  const server = track(await startSignInWaymark(database));
  const loads = { main: track(startLoadGenerator()), probe: track(startLoadGenerator()) };
  const results = await measureSignIn(options, server, loads);
  const lines = [
    `Sign-in (POST /api/v1/auth/login, correct password, ${results.users} accounts, each ` +
      `request from its own address): ${hashingLine(results.hashing)}; median of ` +
      `${options.rounds} rounds`,
    '',
    signInTable([
      ...results.levels.map((l) => ({ connections: String(l.connections), figures: l.figures })),
      { connections: `${results.flood.connections} flood`, figures: results.flood.figures },
    ]),
    '',
    `GET ${results.probe.path} at ${results.probe.rate} req/s over ${results.probe.connections} ` +
      `connections, alone and during a ${results.flood.connections}-connection sign-in flood:`,
    '',
    probeTable(results.probe),
  ];
  return { lines, json: results };
}

async function bench(options: BenchOptions): Promise<void> {
  const database = databaseTarget();
  const opened: Closable[] = [];
  const track: Track = (resource) => (opened.push(resource), resource);
  let closing: Promise<void> | undefined;
  // Last opened, first closed: load generators, then servers (which drops their databases).
  const close = () =>
    (closing ??= (async () => {
      for (const resource of opened.reverse()) await resource.close();
    })());
  // Ctrl-C still closes the servers, which drops the PostgreSQL databases made for the run.
  // Not `once`: tsx relays the terminal's SIGINT, so it arrives twice, and a second one
  // without a listener would kill the process before the databases are dropped.
  const interrupt = () => void close().finally(() => process.exit(130));
  process.on('SIGINT', interrupt);
  try {
    const host = machine();
    const compared = options.cases.some((c) => c === 'roadmap' || c === 'me')
      ? await comparisons(options, database, track)
      : undefined;
    const signedIn = options.cases.includes('signin')
      ? await signIns(options, database, track)
      : undefined;
    const status = options.cases.includes('status')
      ? await statusUpdates(options, database, track)
      : undefined;
    const dashboardRun = options.cases.includes('dashboard')
      ? await dashboard(options, database, track)
      : undefined;

    console.log(
      `\nMachine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}, ${host.os}`,
    );
    for (const part of [compared, signedIn, status, dashboardRun]) {
      if (part) console.log(`\n${part.lines.join('\n')}`);
    }

    const output = path.resolve(options.output);
    await fs.mkdir(path.dirname(output), { recursive: true });
    const results = {
      measuredAt: new Date().toISOString(),
      machine: host,
      database: database.name,
      options,
      cases: compared?.json ?? [],
      signIn: signedIn?.json,
      status: status?.json,
      dashboard: dashboardRun?.json,
    };
    await fs.writeFile(output, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nResults written to ${path.relative(process.cwd(), output)}`);
  } finally {
    process.off('SIGINT', interrupt);
    await close();
  }
}

let options: BenchOptions | undefined;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (options === undefined) console.log(usage);
else await bench(options);
