/**
 * `npm run bench`: how close Waymark's roadmap endpoint comes to a bare Fastify route that
 * serves the same bytes from memory, for a full 200 response and for a 304. Both servers run
 * in this process; the load comes from another (bench/load.ts). Runs alternate between the
 * servers, in ABBA order across rounds, so drift and noise on the machine hit both alike.
 * A missed target is reported, not failed: this is a measurement, not a test.
 * See docs/benchmarks.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { startLoadGenerator, type LoadGenerator, type Measurement } from './load.js';
import { parseOptions, usage, UsageError, type BenchOptions } from './options.js';
import { assertAlike, record } from './recording.js';
import {
  busyWarning,
  machine,
  saturationNotes,
  summarise,
  table,
  target,
  verdict,
  type CaseRuns,
  type ServerName,
} from './report.js';
import {
  clientHeaders,
  databaseTarget,
  roadmapPath,
  startBare,
  startWaymark,
  type Recording,
  type RunningServer,
} from './servers.js';

type Case = CaseRuns & { headers: Record<string, string> };

function checkStatuses(run: Measurement, expected: number, what: string): void {
  const unexpected = Object.keys(run.statuses).filter((status) => Number(status) !== expected);
  if (unexpected.length > 0 || run.errors > 0 || run.requests === 0) {
    throw new Error(
      `${what}: expected only ${expected} responses, got ${JSON.stringify(run.statuses)} ` +
        `and ${run.errors} errors; the figures would not mean what they say`,
    );
  }
}

async function measure(
  options: BenchOptions,
  load: LoadGenerator,
  origins: Record<ServerName, string>,
  recording: Recording,
): Promise<Case[]> {
  const cases: Case[] = [
    { name: '200 full JSON', status: 200, headers: {}, runs: { waymark: [], bare: [] } },
    {
      name: '304 If-None-Match',
      status: 304,
      headers: { 'if-none-match': recording.etag },
      runs: { waymark: [], bare: [] },
    },
  ];
  for (let round = 1; round <= options.rounds; round++) {
    const order: ServerName[] = round % 2 === 1 ? ['waymark', 'bare'] : ['bare', 'waymark'];
    for (const c of cases) {
      for (const server of order) {
        const run = await load.run({
          url: `${origins[server]}${roadmapPath}`,
          headers: { ...clientHeaders, ...c.headers },
          connections: options.connections,
          duration: options.duration,
          warmup: options.warmup,
        });
        checkStatuses(run, c.status, `${server}, ${c.name}`);
        c.runs[server].push(run);
        console.error(
          `round ${round}/${options.rounds}  ${c.name.padEnd(17)}  ${server.padEnd(7)}  ` +
            `${Math.round(run.requestsPerSecond)} req/s  p50 ${run.p50.toFixed(2)} ms  ` +
            `p99 ${run.p99.toFixed(2)} ms  ${Math.round(run.cpuMicrosPerRequest)} µs CPU/req  ` +
            `server CPU ${Math.round(run.serverCpu * 100)}%  load generator CPU ` +
            `${Math.round(run.loaderCpu * 100)}%  machine load ${run.machineLoad.toFixed(1)}`,
        );
      }
    }
  }
  return cases;
}

async function bench(options: BenchOptions): Promise<void> {
  const database = databaseTarget();
  const waymark = await startWaymark(database);
  let bare: RunningServer | undefined;
  let load: LoadGenerator | undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      load?.close();
      await bare?.close();
      await waymark.close();
    })());
  // Ctrl-C still closes the servers, which drops the PostgreSQL database made for the run.
  // Not `once`: tsx relays the terminal's SIGINT, so it arrives twice, and a second one
  // without a listener would kill the process before the database is dropped.
  const interrupt = () => void close().finally(() => process.exit(130));
  process.on('SIGINT', interrupt);
  try {
    const recording = await record(waymark.url);
    bare = await startBare(recording);
    await assertAlike(recording, [waymark.url, bare.url]);
    load = startLoadGenerator();
    const bodyBytes = Buffer.byteLength(recording.ok.body);
    console.error(
      `Waymark on ${database.name} at ${waymark.url}, bare Fastify at ${bare.url}; ` +
        `GET ${roadmapPath} (${(bodyBytes / 1024).toFixed(1)} KiB); ${options.rounds} rounds × ` +
        `(${options.warmup} s warm-up + ${options.duration} s), ${options.connections} connections`,
    );
    const cases = await measure(options, load, { waymark: waymark.url, bare: bare.url }, recording);

    const summaries = cases.map(summarise);
    const host = machine();
    console.log(
      `\nMachine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}, ${host.os}`,
    );
    console.log(
      `Database: ${database.name}; logging off on both servers; median of ${options.rounds} rounds\n`,
    );
    console.log(table(summaries));
    console.log('');
    for (const summary of summaries) console.log(verdict(summary));
    const notes = [busyWarning(summaries, host.cores), ...saturationNotes(summaries)];
    for (const note of notes) if (note) console.log(`\n${note}`);

    const output = path.resolve(options.output);
    await fs.mkdir(path.dirname(output), { recursive: true });
    const results = {
      measuredAt: new Date().toISOString(),
      machine: host,
      database: database.name,
      options,
      path: roadmapPath,
      requestHeaders: clientHeaders,
      bodyBytes,
      target,
      cases: cases.map(({ headers, ...c }, i) => ({ ...summaries[i]!, headers, runs: c.runs })),
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
