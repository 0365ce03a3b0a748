import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from './options.js';

describe('bench flags', () => {
  it('defaults to 3 rounds of 10 s runs after 2 s warm-ups, on 32 connections, every case', () => {
    expect(parseOptions([])).toEqual({
      duration: 10,
      warmup: 2,
      connections: 32,
      rounds: 3,
      output: 'test-results/bench.json',
      cases: ['roadmap', 'me', 'signin', 'status', 'dashboard'],
      syntheticUsers: 100_000,
    });
  });

  it('runs the groups of cases named in --cases, in their usual order', () => {
    expect(parseOptions(['--cases', 'signin,roadmap'])?.cases).toEqual(['roadmap', 'signin']);
    expect(parseOptions(['--cases=me'])?.cases).toEqual(['me']);
  });

  it('refuses an unknown or empty list of cases', () => {
    expect(() => parseOptions(['--cases', 'me,login'])).toThrow(/--cases takes .*"me,login"/);
    expect(() => parseOptions(['--cases', ''])).toThrow(UsageError);
  });

  it('takes --duration and --connections from the command line', () => {
    expect(parseOptions(['--duration', '5', '--connections=64'])).toMatchObject({
      duration: 5,
      connections: 64,
    });
  });

  it('allows no warm-up but refuses a zero-second run', () => {
    expect(parseOptions(['--warmup', '0'])?.warmup).toBe(0);
    expect(() => parseOptions(['--duration', '0'])).toThrow(
      /--duration must be a whole number >= 1/,
    );
  });

  it('refuses fractions, words and unknown flags with a usage error', () => {
    expect(() => parseOptions(['--connections', '2.5'])).toThrow(UsageError);
    expect(() => parseOptions(['--rounds', 'many'])).toThrow(UsageError);
    expect(() => parseOptions(['--durations', '5'])).toThrow(UsageError);
  });

  it('returns nothing when help is asked for', () => {
    expect(parseOptions(['--help'])).toBeUndefined();
  });
});
