/**
 * The load generator process (started by bench/load.ts). For each job: an unmeasured
 * warm-up, then the measured run, timing every response itself in microseconds.
 */
import autocannon from 'autocannon';
import { percentile } from './stats.js';
import type { ChildMessage, LoadJob, LoadResult } from './load.js';

function send(message: ChildMessage): void {
  process.send!(message);
}

async function run(job: LoadJob): Promise<LoadResult> {
  const target = { url: job.url, headers: job.headers, connections: job.connections };
  if (job.warmup > 0) await autocannon({ ...target, duration: job.warmup });

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
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
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
