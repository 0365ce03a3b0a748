import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateIn,
  dayNumber,
  daysBetween,
  fromDayNumber,
  monthsBefore,
  startOfWeek,
} from './calendar.js';

describe('dateIn', () => {
  it("gives the date on the zone's wall calendar, not UTC's", () => {
    const instant = new Date('2026-03-10T23:30:00Z');
    expect(dateIn(instant, 'UTC')).toBe('2026-03-10');
    expect(dateIn(instant, 'Europe/Paris')).toBe('2026-03-11');
    expect(dateIn(instant, 'America/Los_Angeles')).toBe('2026-03-10');
    expect(dateIn(new Date('2026-03-10T09:59:59Z'), 'Pacific/Kiritimati')).toBe('2026-03-10');
    expect(dateIn(new Date('2026-03-10T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-03-11');
  });

  it('moves to the next day exactly at local midnight, on both sides of a DST change', () => {
    // Paris goes to summer time on 2026-03-29 (UTC+1 -> UTC+2).
    expect(dateIn(new Date('2026-03-28T22:59:59Z'), 'Europe/Paris')).toBe('2026-03-28');
    expect(dateIn(new Date('2026-03-28T23:00:00Z'), 'Europe/Paris')).toBe('2026-03-29');
    expect(dateIn(new Date('2026-03-29T21:59:59Z'), 'Europe/Paris')).toBe('2026-03-29');
    expect(dateIn(new Date('2026-03-29T22:00:00Z'), 'Europe/Paris')).toBe('2026-03-30');
  });
});

describe('day numbers', () => {
  it('count days from 1970-01-01, as UTC dates do, over four centuries each way', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(0)).toBe('1970-01-01');
    for (let n = -219_000; n <= 219_000; n += 37) {
      const date = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(fromDayNumber(n), String(n)).toBe(date);
      expect(dayNumber(date), date).toBe(n);
    }
  });

  it('know the leap days of century years', () => {
    expect(fromDayNumber(dayNumber('2000-02-28') + 1)).toBe('2000-02-29');
    expect(fromDayNumber(dayNumber('2100-02-28') + 1)).toBe('2100-03-01');
    expect(fromDayNumber(dayNumber('1900-02-28') + 1)).toBe('1900-03-01');
  });
});

describe('plain date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });

  it('counts whole days between dates, whatever DST does to the hours', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('starts weeks on Monday', () => {
    expect(startOfWeek('2026-03-09')).toBe('2026-03-09'); // a Monday
    expect(startOfWeek('2026-03-15')).toBe('2026-03-09'); // Sunday
    expect(startOfWeek('2026-03-11')).toBe('2026-03-09');
    expect(startOfWeek('2026-01-01')).toBe('2025-12-29'); // across a year
  });

  it('goes back months, clamping to the shorter month', () => {
    expect(monthsBefore('2026-03-15', 12)).toBe('2025-03-15');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-10', 1)).toBe('2025-12-10');
  });
});
