/**
 * Command-line flags of `npm run bench`. Every run is bounded: rounds × runs per round ×
 * (warm-up + duration) seconds, about two and a half minutes per group of cases with the
 * defaults.
 */
import { parseArgs } from 'node:util';

/**
 * Groups of cases: the roadmap read, GET /me with a session and a token, sign-in, status
 * updates against the raw driver, and the dashboard on the synthetic data set.
 */
export const caseNames = ['roadmap', 'me', 'signin', 'status', 'dashboard'] as const;
export type CaseName = (typeof caseNames)[number];

export interface BenchOptions {
  /** Seconds measured per run. */
  duration: number;
  /** Seconds of unmeasured load before each run, so the JIT and caches are warm. */
  warmup: number;
  connections: number;
  /** Each round measures every case on both servers; the report takes the median round. */
  rounds: number;
  /** Where the JSON results go, relative to the working directory. */
  output: string;
  /** Which groups of cases run, in the order of caseNames. */
  cases: CaseName[];
  /** Learners in the dashboard case's synthetic data set. */
  syntheticUsers: number;
}

export const usage = `Usage: npm run bench -- [options]
  --duration <s>      seconds measured per run (default 10)
  --warmup <s>        seconds of unmeasured load before each run (default 2)
  --connections <n>   concurrent connections (default 32)
  --rounds <n>        rounds; each runs every case on both servers (default 3)
  --cases <list>      comma-separated, of ${caseNames.join(', ')} (default all)
  --output <file>     JSON results (default test-results/bench.json)
  --synthetic-users <n>  learners seeded for the dashboard case (default 100000)`;

export class UsageError extends Error {}

function count(name: string, raw: string, minimum: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new UsageError(`--${name} must be a whole number >= ${minimum} (got "${raw}")`);
  }
  return value;
}

function cases(raw: string): CaseName[] {
  const asked = raw.split(',').map((name) => name.trim());
  const unknown = asked.filter((name) => !(caseNames as readonly string[]).includes(name));
  if (unknown.length > 0 || raw.trim() === '') {
    throw new UsageError(
      `--cases takes a comma-separated list of ${caseNames.join(', ')} (got "${raw}")`,
    );
  }
  return caseNames.filter((name) => asked.includes(name));
}

/** Parses argv (without node and the script); returns undefined when help was asked for. */
export function parseOptions(argv: string[]): BenchOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '2' },
        connections: { type: 'string', default: '32' },
        rounds: { type: 'string', default: '3' },
        output: { type: 'string', default: 'test-results/bench.json' },
        cases: { type: 'string', default: caseNames.join(',') },
        'synthetic-users': { type: 'string', default: '100000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return undefined;
  return {
    duration: count('duration', values.duration, 1),
    warmup: count('warmup', values.warmup, 0),
    connections: count('connections', values.connections, 1),
    rounds: count('rounds', values.rounds, 1),
    output: values.output,
    cases: cases(values.cases),
    syntheticUsers: count('synthetic-users', values['synthetic-users'], 1),
  };
}
