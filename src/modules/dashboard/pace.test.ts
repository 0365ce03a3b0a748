import { describe, expect, it } from 'vitest';
import { planPace } from './pace.js';

describe('planPace', () => {
  it('divides the hours left by the hours a week', () => {
    expect(planPace(20, 5, '2026-03-10')).toEqual({
      remainingHours: 20,
      hoursPerWeek: 5,
      weeksNeeded: 4,
      projectedFinish: '2026-04-07',
    });
  });

  it('rounds a part of a day up', () => {
    // 1 hour at 5 a week is 1.4 days: the second day.
    expect(planPace(1, 5, '2026-03-10').projectedFinish).toBe('2026-03-12');
    expect(planPace(0.3, 2.1, '2026-03-10')).toMatchObject({
      weeksNeeded: 0.1,
      projectedFinish: '2026-03-11',
    });
  });

  it('has no finish date when nothing is left', () => {
    expect(planPace(0, 5, '2026-03-10')).toEqual({
      remainingHours: 0,
      hoursPerWeek: 5,
      weeksNeeded: 0,
      projectedFinish: null,
    });
  });

  it('counts calendar days across a DST change and a year end', () => {
    expect(planPace(5, 5, '2026-03-25').projectedFinish).toBe('2026-04-01');
    expect(planPace(10, 5, '2025-12-25').projectedFinish).toBe('2026-01-08');
  });
});
