/**
 * Calendar dates in a learner's time zone. A learner's day is a date on their wall calendar
 * ("2026-03-29"), not a 24-hour span: days around a DST change are 23 or 25 hours long, and
 * counting them as dates keeps streaks and weeks right. Dates are plain `YYYY-MM-DD` strings,
 * the form PostgreSQL's `date::text` gives, and arithmetic on them is done in UTC, where
 * every day has 24 hours: a date is a whole number of days since 1970-01-01.
 */

/** A calendar date, `YYYY-MM-DD`, with no time and no zone. */
export type PlainDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The date on the wall calendar of `timeZone` at `instant`. */
export function dateIn(instant: Date, timeZone: string): PlainDate {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Days since 1970-01-01 of a date, and back: plain integer arithmetic (H. Hinnant's
 * days_from_civil), since a dashboard walks hundreds of dates per request.
 */
export function dayNumber(date: PlainDate): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export function fromDayNumber(days: number): PlainDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

export const addDays = (date: PlainDate, days: number): PlainDate =>
  fromDayNumber(dayNumber(date) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: PlainDate, to: PlainDate): number =>
  dayNumber(to) - dayNumber(from);

/** The Monday of the week `date` is in (weeks start on Monday, ISO 8601). */
export function startOfWeek(date: PlainDate): PlainDate {
  const days = dayNumber(date);
  // 1970-01-01 was a Thursday: Monday is 0 ... Sunday 6.
  const weekday = (((days + 3) % 7) + 7) % 7;
  return fromDayNumber(days - weekday);
}

/** The same day `months` months earlier, or the month's last day when it has no such day. */
export function monthsBefore(date: PlainDate, months: number): PlainDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = index - y * 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${pad(m + 1)}-${pad(Math.min(day, lastDay))}`;
}
