/**
 * How progress is drawn: a glyph per status (so status never depends on colour alone), the
 * badges on graph nodes, each section's bar inside the graph, and the legend's entries.
 */
import type { ReactElement } from 'react';
import type { TopicNode } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { STATUS_LABELS, type ProgressStatus } from '../lib/progress';

type Box = TopicNode['box'];

/** Progress as the graph shows it; undefined until it is known. */
export interface GraphProgress {
  statuses: Readonly<Record<string, ProgressStatus>>;
  sections: ReadonlyMap<string, { complete: number; topics: number; percent: number }>;
  newTopicIds: ReadonlySet<string>;
}

/** The glyph of a status on a 24-unit grid, drawn in currentColor. */
export function StatusGlyph({ status }: { status: ProgressStatus }): ReactElement {
  switch (status) {
    case 'done':
      return <path d="M5.5 12.5l4 4 9-9" />;
    case 'learning':
      return (
        <>
          <circle cx="12" cy="12" r="7.5" />
          <path d="M12 4.5a7.5 7.5 0 0 1 0 15Z" fill="currentColor" />
        </>
      );
    case 'review':
      return <path d="M19 12a7 7 0 1 1-2.05-4.95M19 4.5V9h-4.5" />;
    case 'skipped':
      return <path d="M5 6l6 6-6 6M13 6l6 6-6 6" />;
    default:
      return <circle cx="12" cy="12" r="7.5" />;
  }
}

/** A status's glyph as an inline icon (decorative: its label is next to it). */
export function StatusIcon({
  status,
  size = 16,
}: {
  status: ProgressStatus;
  size?: number;
}): ReactElement {
  return (
    <svg
      className={`icon status-icon status-icon--${status}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <StatusGlyph status={status} />
    </svg>
  );
}

/** A status's glyph on a coloured disc, in a 20 × 20 box: the node badge and the legend's. */
function StatusDisc({
  status,
  radius,
  transform,
}: {
  status: ProgressStatus;
  radius: number;
  transform?: string;
}): ReactElement {
  return (
    <g className={`node-status node-status--${status}`} transform={transform}>
      <circle cx={10} cy={10} r={radius} />
      <g
        transform="translate(3 3) scale(0.5833)"
        fill="none"
        strokeWidth={3.2}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <StatusGlyph status={status} />
      </g>
    </g>
  );
}

/** The round badge on a node's top-left corner; none for topics not started. */
export function NodeStatusBadge({ status }: { status: ProgressStatus }): ReactElement | null {
  if (status === 'not_started') return null;
  return <StatusDisc status={status} radius={10} transform="translate(4 -10)" />;
}

/** "New" on the node's top edge, left of the "optional" badge when there is one. */
export function NodeNewBadge({
  width,
  optional,
}: {
  width: number;
  optional: boolean;
}): ReactElement {
  const x = width - (optional ? 62 + 44 : 52);
  return (
    <g className="node-new" transform={`translate(${x} -9)`}>
      <rect width={40} height={18} rx={9} />
      <text x={20} y={12.5} textAnchor="middle">
        new
      </text>
    </g>
  );
}

const BAR_WIDTH = 160;

/** A section's completion under its title (decorative: the page lists it for everyone). */
export function SectionBar({
  box,
  completion,
}: {
  box: Box;
  completion: { complete: number; topics: number; percent: number };
}): ReactElement {
  const x = box.x + 20;
  const y = box.y + 42;
  return (
    <g className="section-progress">
      <rect x={x} y={y} width={BAR_WIDTH} height={6} rx={3} className="section-progress-track" />
      {completion.complete > 0 && (
        <rect
          x={x}
          y={y}
          width={Math.max(6, (BAR_WIDTH * completion.percent) / 100)}
          height={6}
          rx={3}
          className="section-progress-fill"
        />
      )}
      <text x={x + BAR_WIDTH + 10} y={y + 6} className="section-meta">
        {completion.complete}/{completion.topics} complete
      </text>
    </g>
  );
}

/** The statuses' entries in the graph's legend. */
export function StatusLegendItems(): ReactElement {
  return (
    <>
      {(['learning', 'done', 'review', 'skipped'] as const).map((status) => (
        <span key={status} className="legend-item">
          <svg width="16" height="16" viewBox="0 0 20 20">
            <StatusDisc status={status} radius={9} />
          </svg>
          {STATUS_LABELS[status]}
        </span>
      ))}
    </>
  );
}
