/**
 * The load generator process (started by bench/load.ts). For each job: an unmeasured
 * warm-up, then the measured run, timing every response itself in microseconds.
 */
import autocannon from 'autocannon';
import type { ChildMessage, LoadJob, LoadResult } from './load.js';
import { varyRequests } from './requests.js';
import { percentile } from './stats.js';

/** Counts requests across jobs, so a varied request (an address, say) is never repeated. */
const counter = { next: 0 };
/** Walks go on across jobs where the last stopped (see Walk in requests.ts). */
const walkCounter = { next: 0 };

function send(message: ChildMessage): void {
  process.send!(message);
}

async function run(job: LoadJob): Promise<LoadResult> {
  const target = {
    url: job.url,
    method: job.method ?? 'GET',
    headers: job.headers,
    connections: job.connections,
    ...(job.rate === undefined ? {} : { overallRate: job.rate }),
    ...(job.bodies || job.spreadAddresses || job.walk
      ? { requests: [{ setupRequest: varyRequests(job, job.walk ? walkCounter : counter) }] }
      : {}),
  };
  const warmup = job.warmup > 0 ? await autocannon({ ...target, duration: job.warmup }) : undefined;

  send({ type: 'measuring' });
  const cpuStart = process.cpuUsage();
  const startedAt = process.hrtime.bigint();
  const latencies: number[] = [];
  const instance = autocannon({ ...target, duration: job.duration });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  const cpu = process.cpuUsage(cpuStart);
  const elapsedMicros = Number(process.hrtime.bigint() - startedAt) / 1000;

  const sorted = Float64Array.from(latencies).sort();
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
  );
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    warmupRequests: warmup?.requests.total ?? 0,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    statuses,
    errors: result.errors,
    loaderCpu: (cpu.user + cpu.system) / elapsedMicros,
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => send({ type: 'result', result }),
    (error: unknown) => send({ type: 'failed', message: String(error) }),
  );
});
