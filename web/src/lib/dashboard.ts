/**
 * What the dashboard page computes from the API's answer: the heatmap's grid of weeks, colour
 * levels, dates in words, and the forecast chart's geometry. Dates from the API are plain
 * calendar dates (`YYYY-MM-DD`) in the learner's time zone, so they are read and written as
 * UTC dates here: no zone may move them by a day.
 */
import type { Forecast, HeatmapDay } from './dashboardApi';

const utc = (date: string): Date => new Date(`${date}T00:00:00Z`);

const longDate = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const mediumDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const monthName = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

/** "Tuesday, 10 March 2026" (in the reader's locale). */
export const formatLongDate = (date: string): string => longDate.format(utc(date));
/** "10 Mar 2026" (in the reader's locale). */
export const formatDate = (date: string): string => mediumDate.format(utc(date));

/** Monday 0 ... Sunday 6. */
export const weekdayOf = (date: string): number => (utc(date).getUTCDay() + 6) % 7;

export interface HeatmapWeek {
  /** The week's Monday. */
  start: string;
  /** The month's short name when the week holds its first day (or it is the first week). */
  month: string | null;
  /** Monday to Sunday; null before the first day or after the last. */
  days: (HeatmapDay | null)[];
}

/** The days as columns of weeks, Monday on top, as a contribution graph lays them out. */
export function heatmapWeeks(days: readonly HeatmapDay[]): HeatmapWeek[] {
  const weeks: HeatmapWeek[] = [];
  for (const day of days) {
    const weekday = weekdayOf(day.date);
    let week = weeks.at(-1);
    if (!week || weekday === 0) {
      const start = new Date(utc(day.date).getTime() - weekday * 86_400_000)
        .toISOString()
        .slice(0, 10);
      week = { start, month: null, days: Array<HeatmapDay | null>(7).fill(null) };
      weeks.push(week);
    }
    week.days[weekday] = day;
    if (weeks.length === 1 && week.month === null) week.month = monthName.format(utc(day.date));
    if (day.date.endsWith('-01')) week.month = monthName.format(utc(day.date));
  }
  // The first week's month would run into the next month's name when that follows closely.
  if (weeks.slice(1, 3).some((w) => w.month !== null)) weeks[0]!.month = null;
  return weeks;
}

/** 0 for no activity, then 1 to 4 by quarters of the busiest day. */
export function heatLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4;
}

export const changesLabel = (count: number): string =>
  count === 0 ? 'No changes' : count === 1 ? '1 change' : `${count} changes`;

/** What the forecast says, in a sentence. */
export function forecastSentence(f: Forecast): string {
  switch (f.status) {
    case 'complete':
      return 'Every topic is complete.';
    case 'needs_more_data':
      return (
        `A forecast needs 5 days on which you completed topics; you have ${f.dataPoints}, ` +
        `so ${f.moreNeeded} more to go.`
      );
    case 'no_trend':
      return 'Your count of completed topics is not going up, so there is no finish date to forecast.';
    case 'projected': {
      const expected = `Expected to finish on ${formatDate(f.expectedFinish!)}`;
      const range =
        f.earliestFinish && f.latestFinish
          ? ` (95% range: ${formatDate(f.earliestFinish)} to ${formatDate(f.latestFinish)})`
          : ' (the range is too wide to give yet)';
      return `${expected}${range}, at about ${f.slopePerWeek} topics a week.`;
    }
  }
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** SVG points of the band's outline: the high edge forwards, the low edge back. */
  band: string;
  line: string;
  dots: { x: number; y: number; date: string; completed: number }[];
  targetY: number;
  /** Where today is on the x axis. */
  todayX: number;
  start: string;
  end: string;
  yMax: number;
}

/** Lays out the forecast chart in a `width` x `height` box (with room for labels inside). */
export function chartGeometry(
  f: Forecast,
  today: string,
  width = 320,
  height = 140,
  pad = { left: 28, right: 8, top: 10, bottom: 18 },
): ChartGeometry | null {
  if (f.status !== 'projected' || f.band.length < 2 || f.history.length === 0) return null;
  const start = f.history[0]!.date;
  const end = f.band.at(-1)!.date;
  const t0 = utc(start).getTime();
  const span = Math.max(1, utc(end).getTime() - t0);
  const yMax = Math.max(
    f.target,
    ...f.band.map((p) => p.high),
    ...f.history.map((p) => p.completed),
  );
  const x = (date: string) =>
    pad.left + ((utc(date).getTime() - t0) / span) * (width - pad.left - pad.right);
  const y = (value: number) =>
    pad.top + (1 - Math.max(0, value) / Math.max(1, yMax)) * (height - pad.top - pad.bottom);
  const r = (n: number) => Math.round(n * 10) / 10;
  const pt = (date: string, value: number) => `${r(x(date))},${r(y(value))}`;
  return {
    width,
    height,
    band: [
      ...f.band.map((p) => pt(p.date, p.high)),
      ...[...f.band].reverse().map((p) => pt(p.date, p.low)),
    ].join(' '),
    line: f.band.map((p) => pt(p.date, p.expected)).join(' '),
    dots: f.history.map((p) => ({
      x: r(x(p.date)),
      y: r(y(p.completed)),
      date: p.date,
      completed: p.completed,
    })),
    targetY: r(y(f.target)),
    todayX: r(Math.min(x(end), Math.max(x(start), x(today)))),
    start,
    end,
    yMax,
  };
}
