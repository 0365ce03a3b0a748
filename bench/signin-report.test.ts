import { describe, expect, it } from 'vitest';
import type { Measurement } from './load.js';
import { hashingLine, loadFigures, poolSize, probeTable, signInTable } from './signin-report.js';

function run(requestsPerSecond: number, statuses: Record<string, number>): Measurement {
  return {
    requestsPerSecond,
    requests: requestsPerSecond * 10,
    warmupRequests: 0,
    p50: 1000 / requestsPerSecond,
    p99: 4000 / requestsPerSecond,
    max: 5000 / requestsPerSecond,
    statuses,
    errors: 0,
    loaderCpu: 0.1,
    serverCpu: 1.8,
    cpuMicrosPerRequest: 20_000,
    machineLoad: 2,
  };
}

describe('poolSize', () => {
  const hashing = { concurrency: 2, hashMs: 20 };

  it('keeps every account under half its limit at twice the rate the hasher allows', () => {
    // At most 2 × 2 × 50 = 200 sign-ins/s for 100 s: 20,000 over accounts of 15 each.
    expect(poolSize({ hashing, seconds: 100, perAccountLimit: 30 })).toBe(1334);
  });

  it('never goes below ten accounts', () => {
    expect(
      poolSize({ hashing: { concurrency: 1, hashMs: 1000 }, seconds: 1, perAccountLimit: 30 }),
    ).toBe(10);
  });
});

describe('loadFigures', () => {
  it('takes the median round of each figure and adds up the responses of all rounds', () => {
    const figures = loadFigures([
      run(40, { 200: 400 }),
      run(10, { 200: 90, 503: 10 }),
      run(50, { 200: 500 }),
    ]);
    expect(figures.requestsPerSecond).toBe(40);
    expect(figures.p99).toBe(100);
    expect(figures.statuses).toEqual({ 200: 990, 503: 10 });
  });
});

describe('the printed sign-in report', () => {
  it('names the argon2id cost and the concurrency limit', () => {
    const line = hashingLine({
      memoryKib: 19_456,
      iterations: 2,
      parallelism: 1,
      concurrency: 2,
      hashMs: 17.04,
    });
    expect(line).toBe(
      'argon2id m=19456 KiB, t=2, p=1; at most 2 hashes at once (HASH_CONCURRENCY); ' +
        'one hash 17.0 ms idle',
    );
  });

  it('puts one row per load, with the CPU per sign-in in milliseconds', () => {
    const lines = signInTable([
      { connections: '8', figures: loadFigures([run(40, { 200: 400 })]) },
      { connections: '64 flood', figures: loadFigures([run(50, { 200: 490, 503: 10 })]) },
    ]).split('\n');
    expect(lines[0]).toMatch(/^connections\s+sign-ins\/s\s+p50 ms\s+p99 ms/);
    expect(lines[2]).toMatch(/^8\s+40\.0\s+25\.00\s+100\s+180%\s+20\.0\s+400×200$/);
    expect(lines[3]).toMatch(/^64 flood\s+50\.0 .* 490×200 10×503$/);
  });

  it('sets the probe alone beside the probe during the flood', () => {
    const table = probeTable({
      quiet: loadFigures([run(200, { 200: 2000 })]),
      flooded: loadFigures([run(100, { 200: 1000 })]),
    });
    expect(table.split('\n').slice(2)).toEqual([
      expect.stringMatching(/^alone\s+200\s+5\.00\s+20\.00\s+25\.00\s+2,000×200$/),
      expect.stringMatching(/^during the flood\s+100\s+10\.00\s+40\.00\s+50\.00\s+1,000×200$/),
    ]);
  });
});
