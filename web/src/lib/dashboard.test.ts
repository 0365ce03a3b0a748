import { describe, expect, it } from 'vitest';
import { chartGeometry, forecastSentence, heatLevel, heatmapWeeks, weekdayOf } from './dashboard';
import type { Forecast } from './dashboardApi';
import { parseRoute } from './router';

const days = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
    count: i,
  }));

const forecast = (over: Partial<Forecast>): Forecast => ({
  status: 'projected',
  method: 'method',
  dataPoints: 5,
  moreNeeded: 0,
  history: [
    { date: '2026-01-01', completed: 1 },
    { date: '2026-01-05', completed: 3 },
  ],
  target: 10,
  slopePerWeek: 3.5,
  expectedFinish: '2026-01-19',
  earliestFinish: '2026-01-15',
  latestFinish: '2026-01-25',
  band: [
    { date: '2026-01-01', expected: 1, low: 0, high: 2 },
    { date: '2026-01-11', expected: 6, low: 5, high: 7 },
    { date: '2026-01-21', expected: 11, low: 9, high: 13 },
  ],
  ...over,
});

describe('heatmapWeeks', () => {
  it('lays days out in Monday-first weeks, blank before the first and after the last', () => {
    // 2026-03-11 is a Wednesday; 10 days run to Friday 03-20.
    const weeks = heatmapWeeks(days('2026-03-11', 10));
    expect(weeks.map((w) => w.start)).toEqual(['2026-03-09', '2026-03-16']);
    expect(weeks[0]!.days.map((d) => d?.date ?? null)).toEqual([
      null,
      null,
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(weeks[1]!.days.slice(4).map((d) => d?.date ?? null)).toEqual(['2026-03-20', null, null]);
  });

  it('names the month of each week holding a first day, and of the first week', () => {
    const weeks = heatmapWeeks(days('2026-03-02', 40));
    expect(weeks.map((w) => w.month !== null)).toEqual([true, false, false, false, true, false]);
  });

  it('leaves the first week unnamed when the next month starts within two weeks', () => {
    const weeks = heatmapWeeks(days('2026-03-25', 14));
    expect(weeks.map((w) => w.month !== null)).toEqual([false, true, false]);
  });

  it('gives a year of days 53 columns at most', () => {
    expect(heatmapWeeks(days('2025-03-12', 365)).length).toBeLessThanOrEqual(53);
  });
});

describe('heatLevel', () => {
  it('is 0 without activity and 1 to 4 by quarters of the busiest day', () => {
    expect(heatLevel(0, 8)).toBe(0);
    expect(heatLevel(1, 8)).toBe(1);
    expect(heatLevel(2, 8)).toBe(1);
    expect(heatLevel(3, 8)).toBe(2);
    expect(heatLevel(8, 8)).toBe(4);
    expect(heatLevel(0, 0)).toBe(0);
  });
});

describe('weekdayOf', () => {
  it('reads the date as a calendar date whatever the local zone', () => {
    expect(weekdayOf('2026-03-09')).toBe(0);
    expect(weekdayOf('2026-03-15')).toBe(6);
  });
});

describe('forecastSentence', () => {
  it('says how many more data points are needed', () => {
    expect(
      forecastSentence(forecast({ status: 'needs_more_data', dataPoints: 3, moreNeeded: 2 })),
    ).toMatch(/you have 3, so 2 more to go/);
  });

  it('gives the expected finish and the range, or says the range is open', () => {
    expect(forecastSentence(forecast({}))).toMatch(
      /^Expected to finish on .+ \(95% range: .+ to .+\)/,
    );
    expect(forecastSentence(forecast({ latestFinish: null }))).toMatch(/too wide/);
  });
});

describe('chartGeometry', () => {
  it('maps the first day to the left edge and the last band day to the right', () => {
    const g = chartGeometry(forecast({}), '2026-01-10')!;
    expect(g.start).toBe('2026-01-01');
    expect(g.end).toBe('2026-01-21');
    expect(g.dots[0]).toMatchObject({ x: 28, date: '2026-01-01', completed: 1 });
    expect(g.line.split(' ').at(-1)!.startsWith('312,')).toBe(true);
    expect(g.yMax).toBe(13);
    expect(g.band.split(' ')).toHaveLength(6);
    expect(g.todayX).toBeGreaterThan(28);
    expect(g.todayX).toBeLessThan(312);
  });

  it('draws nothing without a projection', () => {
    expect(chartGeometry(forecast({ status: 'no_trend', band: [] }), '2026-01-10')).toBeNull();
  });
});

describe('the dashboard route', () => {
  it('is /dashboard', () => {
    expect(parseRoute('/dashboard')).toEqual({ name: 'dashboard' });
    expect(parseRoute('/dashboard/')).toEqual({ name: 'dashboard' });
  });
});
