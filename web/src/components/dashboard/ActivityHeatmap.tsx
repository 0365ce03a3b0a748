/**
 * The activity heatmap as a table: a column per week, a row per weekday. Every cell names its
 * date and count in text (read by screen readers, shown on hover), so the shades are never
 * the only way to tell days apart.
 */
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import type { Dashboard } from '../../lib/dashboardApi';
import {
  changesLabel,
  formatDate,
  formatLongDate,
  heatLevel,
  heatmapWeeks,
} from '../../lib/dashboard';
import { plural } from '../../lib/format';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function ActivityHeatmap({ heatmap }: { heatmap: Dashboard['heatmap'] }): ReactElement {
  const weeks = useMemo(() => heatmapWeeks(heatmap.days), [heatmap.days]);
  const busiest = heatmap.days.find((d) => d.count === heatmap.max && d.count > 0);
  const scroller = useRef<HTMLDivElement>(null);
  // Where the grid is wider than the screen, start at the latest weeks.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  }, [weeks]);
  return (
    <section className="dash-card dash-heatmap" aria-labelledby="dash-heatmap-title">
      <h2 id="dash-heatmap-title" className="dash-card-title">
        Activity
      </h2>
      <p className="dash-note" data-testid="heatmap-summary">
        {changesLabel(heatmap.total)} on {plural(heatmap.activeDays, 'day')} from{' '}
        {formatDate(heatmap.from)} to {formatDate(heatmap.to)}
        {busiest &&
          `; busiest day ${formatDate(busiest.date)} with ${changesLabel(busiest.count).toLowerCase()}`}
        .
      </p>
      <div
        ref={scroller}
        className="dash-heatmap-scroll"
        tabIndex={0}
        role="region"
        aria-label="Activity by day, scrollable"
      >
        <table className="dash-heatmap-table">
          <caption className="visually-hidden">
            Changes of progress per day, one column per week, Monday first
          </caption>
          <thead>
            <tr>
              <td className="dash-heatmap-corner" />
              {weeks.map((w) => (
                <th key={w.start} scope="col" className="dash-heatmap-month">
                  <span aria-hidden="true">{w.month ?? ''}</span>
                  <span className="visually-hidden">Week of {formatDate(w.start)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((name, weekday) => (
              <tr key={name}>
                <th scope="row" className="dash-heatmap-day">
                  <span aria-hidden="true">{weekday % 2 === 0 ? name.slice(0, 3) : ''}</span>
                  <span className="visually-hidden">{name}</span>
                </th>
                {weeks.map((w) => {
                  const day = w.days[weekday];
                  if (!day) return <td key={w.start} className="dash-heat dash-heat--none" />;
                  const label = `${changesLabel(day.count)} on ${formatLongDate(day.date)}`;
                  return (
                    <td
                      key={w.start}
                      className={`dash-heat dash-heat--${heatLevel(day.count, heatmap.max)}`}
                      title={label}
                      data-date={day.date}
                      data-count={day.count}
                    >
                      <span className="visually-hidden">{label}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="dash-heatmap-legend" aria-hidden="true">
        Less
        {([0, 1, 2, 3, 4] as const).map((level) => (
          <span key={level} className={`dash-heat dash-heat--${level} dash-heat-swatch`} />
        ))}
        More
      </p>
    </section>
  );
}
