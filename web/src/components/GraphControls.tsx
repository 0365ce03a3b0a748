/** The graph's zoom buttons and its legend, drawn over the canvas. */
import type { ReactElement, ReactNode, Ref } from 'react';
import { FitIcon, MinusIcon, PlusIcon } from './Icons';

interface ZoomProps {
  /** The current scale (1 = 100%). */
  level: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  ref?: Ref<HTMLDivElement>;
}

export function ZoomControls({ level, onZoomIn, onZoomOut, onFit, ref }: ZoomProps): ReactElement {
  return (
    <div ref={ref} className="zoom-controls" role="group" aria-label="Zoom">
      <button
        type="button"
        className="icon-btn"
        onClick={onZoomIn}
        aria-label="Zoom in"
        title="Zoom in (+)"
      >
        <PlusIcon />
      </button>
      <output className="zoom-level" aria-live="off" title="Zoom level">
        {Math.round(level * 100)}%
      </output>
      <button
        type="button"
        className="icon-btn"
        onClick={onZoomOut}
        aria-label="Zoom out"
        title="Zoom out (−)"
      >
        <MinusIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={onFit}
        aria-label="Fit to screen"
        title="Fit to screen (0)"
      >
        <FitIcon />
      </button>
    </div>
  );
}

/** `children`: more entries (the progress statuses), before the closing note. */
export function GraphLegend({
  children,
  ref,
}: {
  children?: ReactNode;
  ref?: Ref<HTMLDivElement>;
}): ReactElement {
  return (
    <div ref={ref} className="legend" aria-hidden="true">
      <span className="legend-item">
        <svg width="26" height="14" viewBox="0 0 26 14">
          <rect x="1" y="1" width="24" height="12" rx="3" className="legend-required" />
        </svg>
        Core topic
      </span>
      <span className="legend-item">
        <svg width="26" height="14" viewBox="0 0 26 14">
          <rect x="1" y="1" width="24" height="12" rx="3" className="legend-optional" />
        </svg>
        Optional
      </span>
      <span className="legend-item">
        <svg width="30" height="14" viewBox="0 0 30 14">
          <path d="M1 7 H24" className="legend-edge" markerEnd="url(#wm-arrow)" />
        </svg>
        Prerequisite
      </span>
      <span className="legend-item">
        <svg width="30" height="14" viewBox="0 0 30 14">
          <path d="M1 7 H29" className="legend-alt" />
        </svg>
        Alternative
      </span>
      {children}
      <span className="legend-item legend-note">Select a topic to see links to other sections</span>
    </div>
  );
}
