import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.js';
import { FORECAST_METHOD, forecastOf } from './forecast.js';

/** One topic completed on each of these days after 2026-01-01. */
const steady = (days: number[]) => days.map((d) => ({ date: addDays('2026-01-01', d), net: 1 }));

describe('forecastOf', () => {
  it('with no history, asks for five data points and explains the method', () => {
    const f = forecastOf({ dailyNet: [], totalTopics: 10, completeNow: 0, today: '2026-01-10' });
    expect(f).toMatchObject({
      status: 'needs_more_data',
      method: FORECAST_METHOD,
      dataPoints: 0,
      moreNeeded: 5,
      history: [],
      expectedFinish: null,
      band: [],
    });
  });

  it('with four days of changes, says one more is needed', () => {
    const f = forecastOf({
      dailyNet: steady([0, 1, 2, 3]),
      totalTopics: 10,
      completeNow: 4,
      today: '2026-01-05',
    });
    expect(f).toMatchObject({ status: 'needs_more_data', dataPoints: 4, moreNeeded: 1 });
    expect(f.history.map((p) => p.completed)).toEqual([1, 2, 3, 4]);
  });

  it('counts only days on which the count changed, and adds up what left and entered', () => {
    const f = forecastOf({
      dailyNet: [
        { date: '2026-01-03', net: -1 },
        { date: '2026-01-01', net: 3 },
        { date: '2026-01-02', net: 0 },
        { date: '2026-01-04', net: 2 },
      ],
      totalTopics: 10,
      completeNow: 4,
      today: '2026-01-05',
    });
    expect(f.history).toEqual([
      { date: '2026-01-01', completed: 3 },
      { date: '2026-01-03', completed: 2 },
      { date: '2026-01-04', completed: 4 },
    ]);
  });

  it('projects a perfectly steady pace to the exact day, with no spread', () => {
    // One topic every second day: days 0, 2, 4, 6, 8 -> 5 of 10; the 10th on day 18.
    const f = forecastOf({
      dailyNet: steady([0, 2, 4, 6, 8]),
      totalTopics: 10,
      completeNow: 5,
      today: '2026-01-10',
    });
    expect(f).toMatchObject({
      status: 'projected',
      dataPoints: 5,
      moreNeeded: 0,
      target: 10,
      slopePerWeek: 3.5,
      expectedFinish: '2026-01-19',
      earliestFinish: '2026-01-19',
      latestFinish: '2026-01-19',
    });
    expect(f.band[0]).toEqual({ date: '2026-01-01', expected: 1, low: 1, high: 1 });
    expect(f.band.at(-1)).toEqual({ date: '2026-01-19', expected: 10, low: 10, high: 10 });
  });

  it('gives a range around the expected finish when the pace varies', () => {
    const f = forecastOf({
      dailyNet: steady([0, 1, 4, 5, 9, 10, 11, 15]),
      totalTopics: 20,
      completeNow: 8,
      today: '2026-01-17',
    });
    expect(f.status).toBe('projected');
    expect(f.earliestFinish! < f.expectedFinish!).toBe(true);
    expect(f.expectedFinish! < f.latestFinish!).toBe(true);
    expect(f.earliestFinish! >= '2026-01-17').toBe(true);
    // The band is ordered in time, never below zero, and contains the line.
    for (const p of f.band) {
      expect(p.low).toBeGreaterThanOrEqual(0);
      expect(p.low).toBeLessThanOrEqual(p.expected);
      expect(p.high).toBeGreaterThanOrEqual(p.expected);
    }
    expect(f.band.map((p) => p.date)).toEqual([...f.band.map((p) => p.date)].sort());
    expect(f.band.at(-1)!.date).toBe(f.latestFinish);
  });

  it('makes no projection when the count is not going up', () => {
    const f = forecastOf({
      dailyNet: [
        { date: '2026-01-01', net: 3 },
        { date: '2026-01-02', net: -1 },
        { date: '2026-01-03', net: -1 },
        { date: '2026-01-04', net: 1 },
        { date: '2026-01-05', net: -1 },
      ],
      totalTopics: 10,
      completeNow: 1,
      today: '2026-01-06',
    });
    expect(f).toMatchObject({ status: 'no_trend', expectedFinish: null, band: [] });
    expect(f.slopePerWeek).toBeLessThanOrEqual(0);
  });

  it('leaves the latest finish open when the band does not bound it', () => {
    // Upwards, but too noisy for the slope to be clearly above zero.
    const f = forecastOf({
      dailyNet: [
        { date: '2026-01-01', net: 5 },
        { date: '2026-01-02', net: -4 },
        { date: '2026-01-03', net: 4 },
        { date: '2026-01-04', net: -4 },
        { date: '2026-01-05', net: 5 },
      ],
      totalTopics: 40,
      completeNow: 6,
      today: '2026-01-06',
    });
    expect(f.status).toBe('projected');
    expect(f.expectedFinish).not.toBeNull();
    expect(f.latestFinish).toBeNull();
    expect(f.earliestFinish).toBeNull();
  });

  it('never projects a finish before today', () => {
    // Fast at first, then nothing for months: the line says the learner is done already.
    const f = forecastOf({
      dailyNet: steady([0, 1, 2, 3, 4]),
      totalTopics: 6,
      completeNow: 5,
      today: '2026-06-01',
    });
    expect(f.status).toBe('projected');
    expect(f.expectedFinish).toBe('2026-06-01');
    expect(f.earliestFinish).toBe('2026-06-01');
    expect(f.latestFinish).toBe('2026-06-01');
  });

  it('says complete when every topic is complete, whatever the history', () => {
    const f = forecastOf({
      dailyNet: steady([0, 1]),
      totalTopics: 2,
      completeNow: 2,
      today: '2026-01-05',
    });
    expect(f).toMatchObject({ status: 'complete', dataPoints: 2, expectedFinish: null });
  });

  it('aims at the topics still to complete when the history counts removed topics', () => {
    // 5 completed, one of them since removed: 4 of the 8 current topics are complete.
    const f = forecastOf({
      dailyNet: steady([0, 1, 2, 3, 4]),
      totalTopics: 8,
      completeNow: 4,
      today: '2026-01-06',
    });
    expect(f.target).toBe(9);
    expect(f.expectedFinish).toBe('2026-01-09');
  });
});
