/**
 * A small chart of the forecast: the learner's completed topics per day (dots), the fitted
 * line and its 95% band reaching the roadmap's total. The text beside it says the same in
 * words, so the chart is an image with a description.
 */
import { useId, type ReactElement } from 'react';
import { chartGeometry, formatDate } from '../../lib/dashboard';
import type { Forecast } from '../../lib/dashboardApi';

export function ForecastChart({
  forecast,
  today,
  description,
}: {
  forecast: Forecast;
  today: string;
  description: string;
}): ReactElement | null {
  const id = useId();
  const g = chartGeometry(forecast, today);
  if (!g) return null;
  return (
    <svg
      className="dash-chart"
      viewBox={`0 0 ${g.width} ${g.height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>Completed topics over time, with the forecast</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <polygon className="dash-chart-band" points={g.band} />
      <line className="dash-chart-target" x1={28} x2={g.width - 8} y1={g.targetY} y2={g.targetY} />
      <text className="dash-chart-label" x={30} y={Math.max(9, g.targetY - 3)}>
        all {forecast.target}
      </text>
      <line className="dash-chart-today" x1={g.todayX} x2={g.todayX} y1={10} y2={g.height - 18} />
      <polyline className="dash-chart-line" points={g.line} />
      {g.dots.map((d) => (
        <circle key={d.date} className="dash-chart-dot" cx={d.x} cy={d.y} r={2.2} />
      ))}
      <text className="dash-chart-label" x={2} y={g.height - 20}>
        0
      </text>
      <text className="dash-chart-label" x={28} y={g.height - 4}>
        {formatDate(g.start)}
      </text>
      <text className="dash-chart-label" x={g.width - 8} y={g.height - 4} textAnchor="end">
        {formatDate(g.end)}
      </text>
    </svg>
  );
}
