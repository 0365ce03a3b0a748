/**
 * Drives the load generator (bench/load-child.ts), which runs in a process of its own: sharing
 * an event loop with the servers would cap both at the same rate and hide the difference.
 * While a run is measured, this process samples its own CPU use, which is the servers' use
 * (nothing else runs here then): near one full core means the server, not the load
 * generator, was the bottleneck, which is what the comparison needs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Variation } from './requests.js';

export interface LoadJob extends Variation {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Seconds of unmeasured load first. */
  warmup: number;
  /** Requests per second over all connections; as fast as the server answers when absent. */
  rate?: number;
}

export interface LoadResult {
  /** Mean of autocannon's per-second samples. */
  requestsPerSecond: number;
  requests: number;
  /** Requests answered during the warm-up. */
  warmupRequests: number;
  /** Milliseconds, from every response's own timing (autocannon's table rounds to 1 ms). */
  p50: number;
  p99: number;
  max: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  errors: number;
  /** CPU time of the load generator per second of run (1 = one core busy). */
  loaderCpu: number;
}

export interface Measurement extends LoadResult {
  /** CPU time of the server process per second of run (1 = one core busy). */
  serverCpu: number;
  /**
   * Server CPU time per request, in microseconds. It depends much less than req/s on what
   * else the machine is doing, so it still compares the servers on a busy machine.
   */
  cpuMicrosPerRequest: number;
  /** The machine's 1-minute load average at the end of the run (os.loadavg). */
  machineLoad: number;
}

export type ChildMessage =
  | { type: 'measuring' }
  | { type: 'result'; result: LoadResult }
  | { type: 'failed'; message: string };

export interface LoadGenerator {
  run(job: LoadJob): Promise<Measurement>;
  close(): void;
}

function serverFigures(result: LoadResult, cpuStart: NodeJS.CpuUsage, startedAt: bigint) {
  const used = process.cpuUsage(cpuStart);
  const cpuMicros = used.user + used.system;
  const elapsedMicros = Number(process.hrtime.bigint() - startedAt) / 1000;
  return {
    serverCpu: cpuMicros / elapsedMicros,
    cpuMicrosPerRequest: cpuMicros / result.requests,
    machineLoad: os.loadavg()[0]!,
  };
}

/** Throws unless every response of a run had one of the expected statuses. */
export function checkStatuses(run: LoadResult, expected: readonly number[], what: string): void {
  const unexpected = Object.keys(run.statuses).filter((s) => !expected.includes(Number(s)));
  if (unexpected.length > 0 || run.errors > 0 || run.requests === 0) {
    throw new Error(
      `${what}: expected only ${expected.join(' or ')} responses, got ` +
        `${JSON.stringify(run.statuses)} and ${run.errors} errors; the figures would not mean ` +
        'what they say',
    );
  }
}

export function startLoadGenerator(): LoadGenerator {
  // fork keeps this process's execArgv, so tsx loads the TypeScript child as it loaded us.
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)));
  return {
    run(job) {
      return new Promise((resolve, reject) => {
        let cpuStart: NodeJS.CpuUsage | undefined;
        let startedAt = 0n;
        const onExit = (code: number | null) => {
          child.off('message', onMessage);
          reject(new Error(`load generator exited (${code})`));
        };
        const onMessage = (message: ChildMessage) => {
          if (message.type === 'measuring') {
            cpuStart = process.cpuUsage();
            startedAt = process.hrtime.bigint();
            return;
          }
          child.off('message', onMessage);
          child.off('exit', onExit);
          if (message.type === 'failed') return reject(new Error(message.message));
          if (cpuStart === undefined)
            return reject(new Error('load generator never started measuring'));
          resolve({ ...message.result, ...serverFigures(message.result, cpuStart, startedAt) });
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send(job);
      });
    },
    close() {
      // The child exits once its IPC channel closes and it has no load running.
      if (child.connected) child.disconnect();
    },
  };
}
