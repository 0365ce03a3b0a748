/**
 * Waymark against the bare route, case by case: runs alternate between the servers, in ABBA
 * order across rounds, so drift and noise on the machine hit both alike. Around each Waymark
 * run the app's database query counter is read, so the report can say what a request costs
 * the database.
 */
import { checkStatuses, type LoadGenerator } from './load.js';
import type { BenchOptions } from './options.js';
import type { CheckedRequest } from './recording.js';
import {
  queriesPerRequest,
  type CaseRuns,
  type Run,
  type ServerName,
  type Targets,
} from './report.js';
import { serverCounts, type Replay, type RunningServer, type RunningWaymark } from './servers.js';

export interface Comparison extends CheckedRequest {
  targets: Targets;
  /** Size of the response body, for the report. */
  bodyBytes: number;
}

/** What a case module contributes: what to compare, and what the bare server replays. */
export interface ComparisonSet {
  comparisons: Comparison[];
  replays: Replay[];
  /** Said once in the report (e.g. a part of the case that could not run). */
  notes: string[];
}

export type ComparisonRuns = CaseRuns & { comparison: Comparison };

function progress(round: number, options: BenchOptions, name: string, server: string, run: Run) {
  const queries =
    run.dbQueriesPerRequest === undefined
      ? ''
      : `  ${run.dbQueriesPerRequest.toFixed(2)} queries/req`;
  console.error(
    `round ${round}/${options.rounds}  ${name.padEnd(18)}  ${server.padEnd(7)}  ` +
      `${Math.round(run.requestsPerSecond)} req/s  p50 ${run.p50.toFixed(2)} ms  ` +
      `p99 ${run.p99.toFixed(2)} ms  ${Math.round(run.cpuMicrosPerRequest)} µs CPU/req  ` +
      `server CPU ${Math.round(run.serverCpu * 100)}%  load generator CPU ` +
      `${Math.round(run.loaderCpu * 100)}%  machine load ${run.machineLoad.toFixed(1)}${queries}`,
  );
}

export async function compare(
  options: BenchOptions,
  load: LoadGenerator,
  servers: { waymark: RunningWaymark; bare: RunningServer },
  comparisons: readonly Comparison[],
): Promise<ComparisonRuns[]> {
  const cases: ComparisonRuns[] = comparisons.map((comparison) => ({
    name: comparison.name,
    status: comparison.status,
    targets: comparison.targets,
    comparison,
    runs: { waymark: [], bare: [] },
  }));
  const counts = () => serverCounts(servers.waymark.waymark);
  for (let round = 1; round <= options.rounds; round++) {
    const order: ServerName[] = round % 2 === 1 ? ['waymark', 'bare'] : ['bare', 'waymark'];
    for (const c of cases) {
      for (const server of order) {
        const before = server === 'waymark' ? await counts() : undefined;
        const measurement = await load.run({
          url: `${servers[server].url}${c.comparison.path}`,
          headers: await c.comparison.headers(),
          connections: options.connections,
          duration: options.duration,
          warmup: options.warmup,
        });
        checkStatuses(measurement, [c.status], `${server}, ${c.name}`);
        const run: Run = before
          ? { ...measurement, dbQueriesPerRequest: queriesPerRequest(before, await counts()) }
          : measurement;
        c.runs[server].push(run);
        progress(round, options, c.name, server, run);
      }
    }
  }
  return cases;
}
