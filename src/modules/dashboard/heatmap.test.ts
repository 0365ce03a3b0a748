import { describe, expect, it } from 'vitest';
import { heatmapOf } from './heatmap.js';

describe('heatmapOf', () => {
  it('lists every day of the twelve months ending today, quiet ones with 0', () => {
    const map = heatmapOf(new Map(), '2026-03-10');
    expect(map.from).toBe('2025-03-11');
    expect(map.to).toBe('2026-03-10');
    expect(map.days).toHaveLength(365);
    expect(map.days[0]).toEqual({ date: '2025-03-11', count: 0 });
    expect(map.days.at(-1)).toEqual({ date: '2026-03-10', count: 0 });
    expect(map).toMatchObject({ total: 0, max: 0, activeDays: 0 });
  });

  it('has 366 days when the period spans a leap day', () => {
    expect(heatmapOf(new Map(), '2024-03-10').days).toHaveLength(366);
    const leap = heatmapOf(new Map(), '2024-02-29');
    expect(leap.from).toBe('2023-03-01');
    expect(leap.days).toHaveLength(366);
  });

  it('places counts on their day and leaves out days outside the period', () => {
    const counts = new Map([
      ['2025-03-10', 50], // a day before the period
      ['2025-03-11', 2],
      ['2026-01-01', 7],
      ['2026-03-10', 1],
      ['2026-03-11', 9], // after today
    ]);
    const map = heatmapOf(counts, '2026-03-10');
    expect(map.days.filter((d) => d.count > 0)).toEqual([
      { date: '2025-03-11', count: 2 },
      { date: '2026-01-01', count: 7 },
      { date: '2026-03-10', count: 1 },
    ]);
    expect(map).toMatchObject({ total: 10, max: 7, activeDays: 3 });
  });
});
