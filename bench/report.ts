/**
 * Turns the runs into the report: per case and server the median round, the Waymark/bare
 * ratio of requests per second against the case's targets, and the machine it was measured on.
 */
import os from 'node:os';
import type { Measurement } from './load.js';
import { median } from './stats.js';

/** What the issue asks of a case. */
export interface Targets {
  /** Waymark should serve at least this share of the bare route's rate. */
  ratio: number;
  /** Waymark's p99 should be at most this many milliseconds. */
  p99Ms?: number;
}

export type ServerName = 'waymark' | 'bare';

/** A run, with what Waymark's own metrics said about it when they were read. */
export type Run = Measurement & { dbQueriesPerRequest?: number };

export interface CaseRuns {
  name: string;
  status: number;
  targets: Targets;
  runs: Record<ServerName, Run[]>;
}

export interface ServerFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  serverCpu: number;
  loaderCpu: number;
  cpuMicrosPerRequest: number;
}

export interface CaseSummary {
  name: string;
  status: number;
  targets: Targets;
  waymark: ServerFigures;
  bare: ServerFigures;
  /** Median Waymark req/s over median bare req/s. */
  ratio: number;
  /** Each round's own ratio, to show the spread. */
  roundRatios: number[];
  /** Bare CPU per request over Waymark's: the same comparison, less sensitive to a busy machine. */
  cpuRatio: number;
  targetMet: boolean;
  /** Whether Waymark's p99 is within targets.p99Ms; undefined without such a target. */
  p99Met: boolean | undefined;
  /** Database queries per Waymark request (median round), when they were counted. */
  dbQueriesPerRequest: number | undefined;
  /** Servers whose rate the load generator, not the server, limited (see limitedByLoad). */
  loadGeneratorBound: ServerName[];
  /** False when a load-generator limit could have decided the outcome either way. */
  conclusive: boolean;
  /** Median 1-minute load average of the machine over this case's runs. */
  machineLoad: number;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function figures(runs: Measurement[]): ServerFigures {
  const of = (pick: (m: Measurement) => number) => median(runs.map(pick));
  return {
    requestsPerSecond: of((m) => m.requestsPerSecond),
    p50: of((m) => m.p50),
    p99: of((m) => m.p99),
    serverCpu: of((m) => m.serverCpu),
    loaderCpu: of((m) => m.loaderCpu),
    cpuMicrosPerRequest: of((m) => m.cpuMicrosPerRequest),
  };
}

/**
 * The load generator ran out of CPU before the server did: the server could have answered
 * more, so its req/s is only a lower bound.
 */
function limitedByLoad(f: ServerFigures): boolean {
  return f.loaderCpu >= 0.9 && f.serverCpu < 0.9;
}

export function summarise({ name, status, targets, runs }: CaseRuns): CaseSummary {
  const waymark = figures(runs.waymark);
  const bare = figures(runs.bare);
  const ratio = waymark.requestsPerSecond / bare.requestsPerSecond;
  const targetMet = ratio >= targets.ratio;
  const queries = runs.waymark.flatMap((r) => r.dbQueriesPerRequest ?? []);
  const bound = (['waymark', 'bare'] as const).filter((server) =>
    limitedByLoad(server === 'waymark' ? waymark : bare),
  );
  // An understated bare rate flatters Waymark (a miss still stands); an understated Waymark
  // rate flatters the floor (a pass still stands); both understated decide nothing.
  const conclusive =
    bound.length === 0 || (bound.length === 1 && (bound[0] === 'bare' ? !targetMet : targetMet));
  return {
    name,
    status,
    targets,
    waymark,
    bare,
    ratio,
    roundRatios: runs.waymark.map((w, i) => w.requestsPerSecond / runs.bare[i]!.requestsPerSecond),
    cpuRatio: bare.cpuMicrosPerRequest / waymark.cpuMicrosPerRequest,
    targetMet,
    p99Met: targets.p99Ms === undefined ? undefined : waymark.p99 <= targets.p99Ms,
    dbQueriesPerRequest: queries.length > 0 ? median(queries) : undefined,
    loadGeneratorBound: bound,
    conclusive,
    machineLoad: median([...runs.waymark, ...runs.bare].map((m) => m.machineLoad)),
  };
}

const columns = ['case', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'Waymark/bare'];

function cells(summary: CaseSummary, server: ServerName): string[] {
  const f = summary[server];
  return [
    server === 'waymark' ? summary.name : '',
    server === 'waymark' ? 'Waymark' : 'bare Fastify',
    Math.round(f.requestsPerSecond).toLocaleString('en-US'),
    f.p50.toFixed(2),
    f.p99.toFixed(2),
    f.cpuMicrosPerRequest.toFixed(0),
    server === 'waymark' ? summary.ratio.toFixed(2) : '',
  ];
}

export function table(summaries: CaseSummary[]): string {
  const rows = [columns, ...summaries.flatMap((s) => [cells(s, 'waymark'), cells(s, 'bare')])];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  // Text left-aligned, figures right-aligned.
  const line = (row: string[]) =>
    row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** The p99 half of a verdict, for cases with a latency target. */
function latencyVerdict(summary: CaseSummary): string {
  const limit = summary.targets.p99Ms;
  if (limit === undefined) return '';
  const outcome = summary.p99Met ? 'target met' : 'TARGET MISSED';
  return `; Waymark p99 = ${summary.waymark.p99.toFixed(2)} ms: ${outcome} (<= ${limit} ms)`;
}

export function verdict(summary: CaseSummary): string {
  const spread = summary.roundRatios.map((r) => r.toFixed(2)).join(', ');
  const cpu = summary.cpuRatio.toFixed(2);
  const floor = summary.targets.ratio;
  const head = `${summary.name}: Waymark/bare = ${summary.ratio.toFixed(2)} (rounds: ${spread}); `;
  if (!summary.conclusive) {
    return (
      head +
      `INCONCLUSIVE: ${summary.targetMet ? 'met' : 'missed'} by req/s, but the load generator ` +
      `limited the rate; by CPU per request the ratio is ${cpu} (target >= ${floor})` +
      latencyVerdict(summary)
    );
  }
  const outcome = summary.targetMet ? 'target met' : 'TARGET MISSED';
  return head + `${outcome} (>= ${floor}); by CPU per request ${cpu}` + latencyVerdict(summary);
}

/**
 * Queries per request between two readings of Waymark's counters (requests counted by the
 * server, so those the load generator left unanswered when it stopped count too).
 */
export function queriesPerRequest(
  before: { queries: number; requests: number },
  after: { queries: number; requests: number },
): number {
  return (after.queries - before.queries) / (after.requests - before.requests);
}

/** How many database queries each Waymark request cost, per case where they were counted. */
export function queriesLine(summaries: CaseSummary[]): string | undefined {
  const counted = summaries.filter((s) => s.dbQueriesPerRequest !== undefined);
  if (counted.length === 0) return undefined;
  return `Database queries per Waymark request (db_query_duration_seconds_count): ${counted
    .map((s) => `${s.name} ${s.dbQueriesPerRequest!.toFixed(2)}`)
    .join('; ')}`;
}

/** The benchmark's own busy processes (server and load generator) count in the load average. */
const ownLoad = 2;

/** A warning when other work on the machine competed with the benchmark, else nothing. */
export function busyWarning(summaries: CaseSummary[], cores: number): string | undefined {
  const load = Math.max(...summaries.map((s) => s.machineLoad));
  if (load - ownLoad <= cores / 2) return undefined;
  return (
    `Warning: the machine was busy (1-minute load average ${load.toFixed(1)} on ${cores} cores, ` +
    `about ${ownLoad} of it this benchmark). req/s and latencies are depressed and noisy; ` +
    'the CPU-per-request ratio holds up better.'
  );
}

/** One note per server whose req/s the load generator limited. */
export function saturationNotes(summaries: CaseSummary[]): string[] {
  return summaries.flatMap((summary) =>
    summary.loadGeneratorBound.map(
      (server) =>
        `Note: ${summary.name}, ${server === 'waymark' ? 'Waymark' : 'bare Fastify'}: the load ` +
        `generator was the bottleneck (its CPU ${Math.round(summary[server].loaderCpu * 100)}%, ` +
        `the server's ${Math.round(summary[server].serverCpu * 100)}%); that req/s is a lower bound.`,
    ),
  );
}
