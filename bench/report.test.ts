import { describe, expect, it } from 'vitest';
import type { Measurement } from './load.js';
import {
  busyWarning,
  queriesLine,
  queriesPerRequest,
  saturationNotes,
  summarise,
  table,
  verdict,
  type Targets,
} from './report.js';

function run(
  requestsPerSecond: number,
  machineLoad = 2,
  loaderBound = false,
  dbQueriesPerRequest?: number,
): Measurement & { dbQueriesPerRequest?: number } {
  // A load-generator-bound run: the generator's core is full, the server's is not.
  return {
    requestsPerSecond,
    requests: requestsPerSecond * 10,
    warmupRequests: requestsPerSecond * 2,
    p50: 1,
    p99: 4,
    max: 9,
    statuses: { 200: requestsPerSecond * 10 },
    errors: 0,
    loaderCpu: loaderBound ? 0.98 : 0.6,
    serverCpu: loaderBound ? 0.5 : 1,
    cpuMicrosPerRequest: 1e6 / requestsPerSecond,
    machineLoad,
    ...(dbQueriesPerRequest === undefined ? {} : { dbQueriesPerRequest }),
  };
}

const summaryOf = (
  waymark: number[],
  bare: number[],
  load?: number,
  bound: { waymark?: boolean; bare?: boolean } = {},
  targets: Targets = { ratio: 0.85 },
  queries?: number,
) =>
  summarise({
    name: '200 full JSON',
    status: 200,
    targets,
    runs: {
      waymark: waymark.map((r) => run(r, load, bound.waymark, queries)),
      bare: bare.map((r) => run(r, load, bound.bare)),
    },
  });

describe('summarise', () => {
  it('compares the median rounds, so one disturbed round does not decide the ratio', () => {
    const summary = summaryOf([900, 100, 880], [1000, 1000, 1000]);
    expect(summary.waymark.requestsPerSecond).toBe(880);
    expect(summary.ratio).toBeCloseTo(0.88);
    expect(summary.roundRatios.map((r) => Number(r.toFixed(2)))).toEqual([0.9, 0.1, 0.88]);
  });

  it('meets the target at 0.85 of the bare rate and misses it just below', () => {
    expect(summaryOf([850], [1000]).targetMet).toBe(true);
    expect(summaryOf([849], [1000]).targetMet).toBe(false);
  });

  it('gives the CPU-per-request ratio as bare over Waymark, comparable with the rate ratio', () => {
    expect(summaryOf([500], [1000]).cpuRatio).toBeCloseTo(0.5);
  });
});

describe('a load-generator limit', () => {
  it('leaves a miss standing when only the bare rate was understated', () => {
    const summary = summaryOf([500], [1000], 2, { bare: true });
    expect(summary.loadGeneratorBound).toEqual(['bare']);
    expect(summary.conclusive).toBe(true);
  });

  it('makes a pass inconclusive when the bare rate was understated', () => {
    const summary = summaryOf([1000], [1000], 2, { bare: true });
    expect(summary.conclusive).toBe(false);
    expect(verdict(summary)).toMatch(/INCONCLUSIVE: met by req\/s.*by CPU per request the ratio/);
  });

  it("leaves a pass standing when only Waymark's rate was understated", () => {
    expect(summaryOf([900], [1000], 2, { waymark: true }).conclusive).toBe(true);
  });

  it('decides nothing when both rates were understated', () => {
    const summary = summaryOf([500], [1000], 2, { waymark: true, bare: true });
    expect(summary.conclusive).toBe(false);
    expect(verdict(summary)).toMatch(/INCONCLUSIVE: missed by req\/s/);
  });
});

describe('the printed report', () => {
  it('says plainly whether the target was met', () => {
    expect(verdict(summaryOf([900], [1000]))).toMatch(/0\.90 .*target met/);
    expect(verdict(summaryOf([500], [1000]))).toMatch(/0\.50 .*TARGET MISSED/);
  });

  it('puts both servers of a case in the table with the ratio on the Waymark row', () => {
    const lines = table([summaryOf([900], [1000])]).split('\n');
    expect(lines[2]).toMatch(/^200 full JSON\s+Waymark\s+900\s.*0\.90$/);
    expect(lines[3]).toMatch(/^\s+bare Fastify\s+1,000\s/);
  });

  it("warns when other work competed for the cores, not for the benchmark's own load", () => {
    expect(busyWarning([summaryOf([900], [1000], 4.5)], 2)).toMatch(/busy.*4\.5 on 2 cores/);
    expect(busyWarning([summaryOf([900], [1000], 2.5)], 2)).toBeUndefined();
  });

  it('points out a run the load generator, not the server, limited', () => {
    const notes = saturationNotes([summaryOf([900], [1000], 2, { bare: true })]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/bare Fastify: the load generator was the bottleneck \(its CPU 98%/);
    expect(saturationNotes([summaryOf([900], [1000])])).toEqual([]);
  });
});

describe('a case with its own targets', () => {
  const me = { ratio: 0.5, p99Ms: 10 };

  it('judges the rate against the case’s own floor', () => {
    expect(summaryOf([500], [1000], 2, {}, me).targetMet).toBe(true);
    expect(verdict(summaryOf([499], [1000], 2, {}, me))).toMatch(/TARGET MISSED \(>= 0\.5\)/);
  });

  it("judges Waymark's p99 against the latency target when there is one", () => {
    // run() gives every round a p99 of 4 ms.
    expect(summaryOf([600], [1000], 2, {}, me).p99Met).toBe(true);
    expect(summaryOf([600], [1000], 2, {}, { ratio: 0.5, p99Ms: 3 }).p99Met).toBe(false);
    expect(verdict(summaryOf([600], [1000], 2, {}, { ratio: 0.5, p99Ms: 3 }))).toMatch(
      /target met \(>= 0\.5\).*; Waymark p99 = 4\.00 ms: TARGET MISSED \(<= 3 ms\)$/,
    );
  });

  it('says nothing about latency when the case has no latency target', () => {
    expect(summaryOf([900], [1000]).p99Met).toBeUndefined();
    expect(verdict(summaryOf([900], [1000]))).not.toMatch(/p99/);
  });
});

describe('database queries per request', () => {
  it('divides the queries by the requests the server counted between two readings', () => {
    const before = { queries: 100, requests: 1_000 };
    expect(queriesPerRequest(before, { queries: 5_100, requests: 6_000 })).toBe(1);
  });

  it('reports the median round per case where they were counted, and nothing otherwise', () => {
    const summary = summaryOf([900, 800, 700], [1000, 1000, 1000], 2, {}, undefined, 1.02);
    expect(summary.dbQueriesPerRequest).toBeCloseTo(1.02);
    expect(queriesLine([summary])).toMatch(/: 200 full JSON 1\.02$/);
    expect(queriesLine([summaryOf([900], [1000])])).toBeUndefined();
  });
});
