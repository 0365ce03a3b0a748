/**
 * The activity heatmap: how many changes of progress the learner made on each day of the
 * twelve months ending today, in their time zone. Every day is listed, quiet ones with 0, so
 * a client draws the grid without date arithmetic of its own.
 */
import { addDays, dayNumber, fromDayNumber, monthsBefore, type PlainDate } from './calendar.js';

export interface Heatmap {
  from: PlainDate;
  to: PlainDate;
  /** Changes in the whole period. */
  total: number;
  /** Changes on the busiest day, to scale a colour ramp. */
  max: number;
  activeDays: number;
  days: { date: PlainDate; count: number }[];
}

export function heatmapOf(counts: ReadonlyMap<PlainDate, number>, today: PlainDate): Heatmap {
  const from = addDays(monthsBefore(today, 12), 1);
  const days: Heatmap['days'] = [];
  let total = 0;
  let max = 0;
  let activeDays = 0;
  for (let n = dayNumber(from), last = dayNumber(today); n <= last; n++) {
    const date = fromDayNumber(n);
    const count = counts.get(date) ?? 0;
    days.push({ date, count });
    total += count;
    max = Math.max(max, count);
    if (count > 0) activeDays++;
  }
  return { from, to: today, total, max, activeDays, days };
}
