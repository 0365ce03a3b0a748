import { describe, expect, it } from 'vitest';
import { generateLearner, syntheticUserId, type GeneratorOptions } from './generate.js';

const topicIds = Array.from({ length: 40 }, (_, i) => `topic-${i}`);
const options: GeneratorOptions = {
  seed: 7,
  topicIds,
  until: new Date('2026-06-01T00:00:00Z'),
  heavyEvents: 2_000,
};
const YEAR_MS = 365 * 86_400_000;

describe('synthetic learners', () => {
  it('when drawn twice with the same seed, then they are the same, whatever was drawn before', () => {
    const first = [3, 1, 2].map((n) => generateLearner(options, n));
    const again = [1, 2, 3].map((n) => generateLearner(options, n));
    expect(first[0]).toEqual(again[2]);
    expect(first[1]).toEqual(again[0]);
    expect(generateLearner({ ...options, seed: 8 }, 1).user.id).not.toBe(first[1]!.user.id);
    expect(syntheticUserId(7, 3)).toBe(first[0]!.user.id);
  });

  it('when a learner is drawn, then each topic changes in a chain, in time order, within the year', () => {
    const problems: string[] = [];
    for (let n = 0; n < 200; n++) {
      const { user, events } = generateLearner(options, n);
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      if (!uuid.test(user.id)) problems.push(`${n}: id ${user.id}`);
      if (user.createdAt.getTime() < options.until.getTime() - YEAR_MS)
        problems.push(`${n}: joined`);
      const last = new Map<string, string>();
      let previous = user.createdAt.getTime();
      events.forEach((e, i) => {
        const at = e.at.getTime();
        if (e.fromStatus !== (last.get(e.topicId) ?? null)) problems.push(`${n}/${i}: chain`);
        if (e.toStatus === (e.fromStatus ?? 'not_started')) problems.push(`${n}/${i}: no change`);
        if (at < previous || at > options.until.getTime()) problems.push(`${n}/${i}: time`);
        if (!topicIds.includes(e.topicId)) problems.push(`${n}/${i}: topic`);
        last.set(e.topicId, e.toStatus);
        previous = at;
      });
    }
    expect(problems).toEqual([]);
  });

  it('when learner 0 is drawn, then it has exactly the heavy count of events', () => {
    expect(generateLearner(options, 0).events).toHaveLength(2_000);
  });

  it('when many learners are drawn, then most have a few dozen events, some none, few hundreds', () => {
    const counts = Array.from({ length: 2_000 }, (_, n) => generateLearner(options, n + 1))
      .map((l) => l.events.length)
      .sort((a, b) => a - b);
    const median = counts[counts.length / 2]!;
    expect(median).toBeGreaterThanOrEqual(12);
    expect(median).toBeLessThanOrEqual(50);
    expect(counts.filter((c) => c === 0).length).toBeGreaterThan(0);
    expect(counts.filter((c) => c > 300).length).toBeLessThan(counts.length / 50);
  });
});
