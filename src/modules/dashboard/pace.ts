/**
 * The pace planner: at the hours a week the learner plans, when they finish a roadmap. What
 * is left is the estimated hours of the topics not yet complete (done, skipped or review).
 */
import { addDays, type PlainDate } from './calendar.js';

export interface PacePlan {
  remainingHours: number;
  hoursPerWeek: number;
  /** remainingHours / hoursPerWeek, to a tenth. */
  weeksNeeded: number;
  /** today + the weeks needed, rounded up to a whole day; null when nothing is left. */
  projectedFinish: PlainDate | null;
}

export function planPace(remainingHours: number, hoursPerWeek: number, today: PlainDate): PacePlan {
  const remaining = Math.round(remainingHours * 10) / 10;
  const weeks = remaining / hoursPerWeek;
  return {
    remainingHours: remaining,
    hoursPerWeek,
    weeksNeeded: Math.round(weeks * 10) / 10,
    // The small allowance keeps 7.000000001 days (float noise) from becoming 8.
    projectedFinish: remaining > 0 ? addDays(today, Math.ceil(weeks * 7 - 1e-9)) : null,
  };
}
