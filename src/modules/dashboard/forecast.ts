/**
 * The forecast: when the learner will have completed every topic of a roadmap, extrapolated
 * from their own history. Each day on which their count of complete topics changed is a data
 * point (the count at the end of that day); a least-squares line through the points is
 * extended to the roadmap's total, with the line's 95% confidence band around it. Shown from
 * MIN_POINTS data points on.
 */
import { addDays, daysBetween, type PlainDate } from './calendar.js';
import { bandAt, crossing, fitLine } from './regression.js';

export const MIN_POINTS = 5;
/** Projections further out than this are not dates anyone can plan by. */
const HORIZON_DAYS = 100 * 366;
const BAND_SAMPLES = 24;

export const FORECAST_METHOD =
  'A least-squares straight line through your count of completed topics on each day it ' +
  "changed, extended until it reaches the roadmap's total; the band is the line's 95% " +
  'confidence band, and the date range is where that band reaches the total.';

export type ForecastStatus = 'complete' | 'needs_more_data' | 'no_trend' | 'projected';

export interface Forecast {
  status: ForecastStatus;
  method: string;
  dataPoints: number;
  /** Data points still needed before a forecast is made (0 once there are enough). */
  moreNeeded: number;
  /** Completed topics at the end of each day the count changed, oldest first. */
  history: { date: PlainDate; completed: number }[];
  /** The count on the history's scale at which every current topic is complete. */
  target: number;
  slopePerWeek: number | null;
  expectedFinish: PlainDate | null;
  /** The 95% range of the finish date; null ends when the band does not bound it. */
  earliestFinish: PlainDate | null;
  latestFinish: PlainDate | null;
  /** The fitted line and its band from the first data point to the latest finish. */
  band: { date: PlainDate; expected: number; low: number; high: number }[];
}

const hundredths = (n: number) => Math.round(n * 100) / 100;

export function forecastOf(input: {
  /** Net change in complete topics per day (entered minus left), any order. */
  dailyNet: readonly { date: PlainDate; net: number }[];
  totalTopics: number;
  completeNow: number;
  today: PlainDate;
}): Forecast {
  const { totalTopics, completeNow, today } = input;
  const history: Forecast['history'] = [];
  let completed = 0;
  for (const { date, net } of [...input.dailyNet].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    if (net === 0) continue;
    completed += net;
    history.push({ date, completed });
  }
  // The history also counts topics since removed from the roadmap; shifting the target by
  // the difference leaves exactly the topics still to complete between the two.
  const target = totalTopics + (completed - completeNow);
  const base: Forecast = {
    status: 'needs_more_data',
    method: FORECAST_METHOD,
    dataPoints: history.length,
    moreNeeded: Math.max(0, MIN_POINTS - history.length),
    history,
    target,
    slopePerWeek: null,
    expectedFinish: null,
    earliestFinish: null,
    latestFinish: null,
    band: [],
  };
  if (completeNow >= totalTopics) return { ...base, status: 'complete' };
  if (history.length < MIN_POINTS) return base;

  const first = history[0]!.date;
  const fit = fitLine(history.map((p) => ({ x: daysBetween(first, p.date), y: p.completed })));
  const xToday = daysBetween(first, today);
  const { expected, range } = crossing(fit, target);
  if (!(fit.slope > 0) || expected === undefined || expected - xToday > HORIZON_DAYS) {
    return { ...base, status: 'no_trend', slopePerWeek: hundredths(fit.slope * 7) };
  }
  // A finish the line puts in the past has not happened: the learner is not done yet.
  const dateAt = (x: number) => addDays(first, Math.max(xToday, Math.ceil(x - 1e-9)));
  const latest = range && range.high - xToday <= HORIZON_DAYS ? range.high : undefined;
  const xEnd = Math.max(xToday, Math.ceil((latest ?? expected) - 1e-9));
  const band: Forecast['band'] = [];
  let previous = -1;
  for (let i = 0; i <= BAND_SAMPLES; i++) {
    const x = Math.round((xEnd * i) / BAND_SAMPLES);
    if (x === previous) continue;
    previous = x;
    const at = bandAt(fit, x);
    band.push({
      date: addDays(first, x),
      expected: hundredths(at.expected),
      low: hundredths(Math.max(0, at.low)),
      high: hundredths(at.high),
    });
  }
  return {
    ...base,
    status: 'projected',
    slopePerWeek: hundredths(fit.slope * 7),
    expectedFinish: dateAt(expected),
    earliestFinish: range ? dateAt(range.low) : null,
    latestFinish: latest === undefined ? null : dateAt(latest),
    band,
  };
}
