/**
 * The learner's streak: consecutive days, in their time zone, with at least one change of
 * progress. Today without activity yet does not break the streak: it still runs through
 * yesterday until the day is over.
 */
import { dayNumber, fromDayNumber, type PlainDate } from './calendar.js';

export interface Streak {
  /** Days in the run that ends today, or yesterday when today has no activity yet. */
  current: number;
  /** The longest run ever. */
  longest: number;
  activeToday: boolean;
  lastActiveOn: PlainDate | null;
}

export function streakOf(activeDays: Iterable<PlainDate>, today: PlainDate): Streak {
  const todayNumber = dayNumber(today);
  // Days after today (another instance's clock ahead) are not part of any run yet.
  const days = [...new Set(activeDays)]
    .map(dayNumber)
    .filter((d) => d <= todayNumber)
    .sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i]! - days[i - 1]! === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const last = days.at(-1);
  const activeToday = last === todayNumber;
  // `run` is now the length of the run ending on the last active day.
  const current = last !== undefined && todayNumber - last <= 1 ? run : 0;
  return {
    current,
    longest,
    activeToday,
    lastActiveOn: last === undefined ? null : fromDayNumber(last),
  };
}
