import { describe, expect, it } from 'vitest';
import { streakOf } from './streak.js';

describe('streakOf', () => {
  it('is zero with no activity at all', () => {
    expect(streakOf([], '2026-03-10')).toEqual({
      current: 0,
      longest: 0,
      activeToday: false,
      lastActiveOn: null,
    });
  });

  it('counts consecutive days ending today', () => {
    expect(streakOf(['2026-03-08', '2026-03-09', '2026-03-10'], '2026-03-10')).toEqual({
      current: 3,
      longest: 3,
      activeToday: true,
      lastActiveOn: '2026-03-10',
    });
  });

  it('keeps the streak through yesterday while today has no activity yet', () => {
    const streak = streakOf(['2026-03-08', '2026-03-09'], '2026-03-10');
    expect(streak).toMatchObject({ current: 2, activeToday: false, lastActiveOn: '2026-03-09' });
  });

  it('breaks when a whole day was missed', () => {
    expect(streakOf(['2026-03-07', '2026-03-08'], '2026-03-10').current).toBe(0);
    expect(
      streakOf(['2026-03-06', '2026-03-07', '2026-03-09', '2026-03-10'], '2026-03-10'),
    ).toMatchObject({ current: 2, longest: 2 });
  });

  it('remembers the longest run, unordered and repeated days included', () => {
    const days = [
      '2026-01-03',
      '2026-01-01',
      '2026-01-02',
      '2026-01-02',
      '2026-01-04',
      '2026-03-10',
    ];
    expect(streakOf(days, '2026-03-10')).toMatchObject({ current: 1, longest: 4 });
  });

  it('counts across month, year and DST boundaries as plain dates', () => {
    expect(streakOf(['2025-12-31', '2026-01-01'], '2026-01-01').current).toBe(2);
    expect(streakOf(['2026-03-28', '2026-03-29', '2026-03-30'], '2026-03-30').current).toBe(3);
    expect(streakOf(['2024-02-28', '2024-02-29', '2024-03-01'], '2024-03-01').current).toBe(3);
  });

  it('leaves days after today out', () => {
    expect(streakOf(['2026-03-09', '2026-03-11'], '2026-03-10')).toMatchObject({
      current: 1,
      longest: 1,
      lastActiveOn: '2026-03-09',
    });
  });
});
