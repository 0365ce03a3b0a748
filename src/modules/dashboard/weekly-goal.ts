/**
 * Progress towards the weekly goal: the topics marked done this week (Monday to Sunday in the
 * learner's time zone), counted as topics or as their estimated hours, per the goal's unit.
 */
import type { WeeklyGoalUnit } from '../../db/learning.schema.js';
import { addDays, startOfWeek, type PlainDate } from './calendar.js';

export interface WeeklyGoal {
  unit: WeeklyGoalUnit;
  /** 0 means no goal. */
  goal: number;
  /** Topics or hours done this week, per the unit. */
  achieved: number;
  /** achieved / goal, rounded down and at most 100; null without a goal. */
  percent: number | null;
  met: boolean;
  weekStart: PlainDate;
  weekEnd: PlainDate;
  topicsDone: number;
  hoursDone: number;
}

/** Hours add up in tenths at most, so 0.1 + 0.2 is shown as 0.3. */
const tenths = (n: number) => Math.round(n * 10) / 10;

export function weeklyGoalOf(
  settings: { weeklyGoal: number; weeklyGoalUnit: WeeklyGoalUnit },
  /** The estimated hours of each topic marked done this week. */
  doneThisWeek: readonly number[],
  today: PlainDate,
): WeeklyGoal {
  const weekStart = startOfWeek(today);
  const topicsDone = doneThisWeek.length;
  const hoursDone = tenths(doneThisWeek.reduce((sum, hours) => sum + hours, 0));
  const goal = settings.weeklyGoal;
  const achieved = settings.weeklyGoalUnit === 'topics' ? topicsDone : hoursDone;
  return {
    unit: settings.weeklyGoalUnit,
    goal,
    achieved,
    percent: goal > 0 ? Math.min(100, Math.floor((achieved * 100) / goal + 1e-9)) : null,
    met: goal > 0 && achieved >= goal,
    weekStart,
    weekEnd: addDays(weekStart, 6),
    topicsDone,
    hoursDone,
  };
}
