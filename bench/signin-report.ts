/**
 * Figures of the sign-in case: sign-ins per second at each concurrency, and the latency of an
 * unrelated read with and without a sign-in flood alongside. No bare server here: the cost
 * is argon2id by design, so what matters is the rate, and that other requests still flow.
 */
import type { Measurement } from './load.js';
import { median } from './stats.js';

export interface HashingFigures {
  memoryKib: number;
  iterations: number;
  parallelism: number;
  /** At most this many hashes at once (HASH_CONCURRENCY); more wait in a bounded queue. */
  concurrency: number;
  /** Milliseconds one hash took on an idle hasher (the fastest of a few). */
  hashMs: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  serverCpu: number;
  cpuMicrosPerRequest: number;
  /** Responses by status over all rounds. */
  statuses: Record<string, number>;
}

export function loadFigures(runs: readonly Measurement[]): LoadFigures {
  const of = (pick: (m: Measurement) => number) => median(runs.map(pick));
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.statuses)) {
      statuses[status] = (statuses[status] ?? 0) + count;
    }
  }
  return {
    requestsPerSecond: of((m) => m.requestsPerSecond),
    p50: of((m) => m.p50),
    p99: of((m) => m.p99),
    max: of((m) => m.max),
    serverCpu: of((m) => m.serverCpu),
    cpuMicrosPerRequest: of((m) => m.cpuMicrosPerRequest),
    statuses,
  };
}

/**
 * Accounts enough that none is signed into more than half its limit (per 15 minutes) in the
 * whole run, even at twice the rate the hasher could sustain: the per-account limit must
 * never be what the figures measure.
 */
export function poolSize(input: {
  hashing: Pick<HashingFigures, 'concurrency' | 'hashMs'>;
  /** Seconds of sign-in load in the whole run, warm-ups included. */
  seconds: number;
  perAccountLimit: number;
}): number {
  const { hashing, seconds, perAccountLimit } = input;
  const ceiling = 2 * hashing.concurrency * (1000 / hashing.hashMs);
  return Math.max(10, Math.ceil((ceiling * seconds) / (perAccountLimit / 2)));
}

export function hashingLine(h: HashingFigures): string {
  return (
    `argon2id m=${h.memoryKib} KiB, t=${h.iterations}, p=${h.parallelism}; at most ` +
    `${h.concurrency} hashes at once (HASH_CONCURRENCY); one hash ${h.hashMs.toFixed(1)} ms idle`
  );
}

const ms = (value: number) => value.toFixed(value >= 100 ? 0 : 2);
const statusText = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([status, count]) => `${count.toLocaleString('en-US')}×${status}`)
    .join(' ');

function align(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)));
  return [
    line(rows[0]!).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map((row) => line(row).join('  ')),
  ].join('\n');
}

/** One row per load: `connections` is a number, or a number with a word (e.g. "64 flood"). */
export function signInTable(rows: readonly { connections: string; figures: LoadFigures }[]) {
  return align([
    ['connections', 'sign-ins/s', 'p50 ms', 'p99 ms', 'server CPU', 'CPU ms/sign-in', 'responses'],
    ...rows.map(({ connections, figures: f }) => [
      connections,
      f.requestsPerSecond.toFixed(1),
      ms(f.p50),
      ms(f.p99),
      `${Math.round(f.serverCpu * 100)}%`,
      (f.cpuMicrosPerRequest / 1000).toFixed(1),
      statusText(f.statuses),
    ]),
  ]);
}

export function probeTable(probe: { quiet: LoadFigures; flooded: LoadFigures }) {
  const row = (name: string, f: LoadFigures) => [
    name,
    f.requestsPerSecond.toFixed(0),
    ms(f.p50),
    ms(f.p99),
    ms(f.max),
    statusText(f.statuses),
  ];
  return align([
    ['probe', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'responses'],
    row('alone', probe.quiet),
    row('during the flood', probe.flooded),
  ]);
}
