import { describe, expect, it } from 'vitest';
import { findCycle } from './graph.js';

const edges = (...pairs: [string, string][]) => pairs.map(([from, to]) => ({ from, to }));

/** A returned cycle must be closed and follow real edges. */
function expectRealCycle(cycle: string[] | undefined, graph: { from: string; to: string }[]) {
  expect(cycle).toBeDefined();
  expect(cycle!.length).toBeGreaterThanOrEqual(2);
  expect(cycle!.at(-1)).toBe(cycle![0]);
  for (let i = 0; i + 1 < cycle!.length; i++) {
    expect(graph).toContainEqual({ from: cycle![i], to: cycle![i + 1] });
  }
}

describe('findCycle', () => {
  it('finds nothing in a graph without edges', () => {
    expect(findCycle(['a', 'b'], [])).toBeUndefined();
    expect(findCycle([], [])).toBeUndefined();
  });

  it('finds nothing in a DAG, even with diamonds and shared prerequisites', () => {
    const dag = edges(['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd'], ['d', 'e'], ['a', 'e']);
    expect(findCycle(['e', 'd', 'c', 'b', 'a'], dag)).toBeUndefined();
  });

  it('finds a two-node cycle, with the first id repeated at the end', () => {
    expect(findCycle(['a', 'b'], edges(['a', 'b'], ['b', 'a']))).toEqual(['a', 'b', 'a']);
  });

  it('finds a self-loop', () => {
    expect(findCycle(['a'], edges(['a', 'a']))).toEqual(['a', 'a']);
  });

  it('returns only the cycle, not the path that led to it', () => {
    const graph = edges(['start', 'x'], ['x', 'y'], ['y', 'z'], ['z', 'x']);
    expect(findCycle(['start', 'x', 'y', 'z'], graph)).toEqual(['x', 'y', 'z', 'x']);
  });

  it('finds a cycle that is not reachable from the first id', () => {
    const graph = edges(['a', 'b'], ['c', 'd'], ['d', 'e'], ['e', 'c']);
    expectRealCycle(findCycle(['a', 'b', 'c', 'd', 'e'], graph), graph);
  });

  it('finds a long cycle through the middle of a larger graph', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `t${i}`);
    const chain = ids.slice(1).map((id, i): [string, string] => [ids[i]!, id]);
    const graph = edges(...chain, ['t40', 't10']);
    const cycle = findCycle(ids, graph);
    expectRealCycle(cycle, graph);
    expect(cycle).toHaveLength(32);
  });

  it('ignores edges from ids it was not given', () => {
    expect(findCycle(['a', 'b'], edges(['a', 'b'], ['ghost', 'a'], ['b', 'ghost']))).toBeUndefined();
  });
});
