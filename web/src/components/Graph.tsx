/**
 * The roadmap graph, drawn as SVG from the layout the server computed (the browser does no
 * layout). Pan with drag / arrow keys, zoom with wheel / pinch / + and - ; topics are buttons
 * in reading order, arrow keys move between them spatially, Enter or Space opens one.
 */
import {
  useCallback,
  useImperativeHandle,
  useRef,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactElement,
  type Ref,
} from 'react';
import type { RoadmapView, TopicNode } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { nearestInDirection, type Direction } from '../lib/spatial';
import { useViewport, type Viewport } from '../lib/useViewport';
import { GraphContent } from './GraphContent';
import { GraphLegend, ZoomControls } from './GraphControls';
import { StatusLegendItems, type GraphProgress } from './GraphStatus';

export interface GraphHandle {
  /** Moves keyboard focus to a topic node and pans it into view. */
  focusTopic: (id: string) => void;
  /** Pans a topic node into view without moving focus. */
  revealTopic: (id: string) => void;
}

interface GraphProps {
  view: RoadmapView;
  selectedId: string | null;
  onOpen: (id: string) => void;
  /** Pixels on the right covered by an overlay (the topic panel); kept clear when revealing nodes. */
  insetRight: number;
  /** Takes the graph out of focus order (while a drawer covers it on small screens). */
  inert?: boolean;
  /** The learner's progress to draw on the topics and sections. */
  progress?: GraphProgress;
  ref?: Ref<GraphHandle>;
}

const ARROW_KEYS: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

export function Graph({
  view,
  selectedId,
  onOpen,
  insetRight,
  inert = false,
  progress,
  ref,
}: GraphProps): ReactElement {
  const containerRef = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const nodes = useRef(new Map<string, SVGGElement>());
  const { vp, animate, vpRef, sizeRef, userMoved, limits, setVp, fit, zoomCentre, reveal } =
    useViewport(view, insetRight, containerRef, [zoomRef, legendRef]);

  useImperativeHandle(
    ref,
    () => ({
      focusTopic(id) {
        const el = nodes.current.get(id);
        el?.focus({ preventScroll: true });
        reveal(id);
      },
      revealTopic: reveal,
    }),
    [reveal],
  );

  // Pointer drag to pan; two pointers to pinch-zoom.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<
    | { kind: 'drag'; id: number; sx: number; sy: number; v: Viewport; moved: boolean }
    | { kind: 'pinch'; dist: number; mx: number; my: number; v: Viewport }
    | null
  >(null);
  const suppressClick = useRef(false);

  const pinchInfo = (): { dist: number; mx: number; my: number } => {
    const [a, b] = [...pointers.current.values()];
    const r = containerRef.current!.getBoundingClientRect();
    return {
      dist: Math.hypot(a!.x - b!.x, a!.y - b!.y),
      mx: (a!.x + b!.x) / 2 - r.left,
      my: (a!.y + b!.y) / 2 - r.top,
    };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 1) {
      gesture.current = {
        kind: 'drag',
        id: e.pointerId,
        sx: e.clientX,
        sy: e.clientY,
        v: vpRef.current,
        moved: false,
      };
    } else if (pointers.current.size === 2) {
      const info = pinchInfo();
      gesture.current = { kind: 'pinch', ...info, v: vpRef.current };
      for (const id of pointers.current.keys()) {
        try {
          containerRef.current?.setPointerCapture(id);
        } catch {
          /* pointer already gone */
        }
      }
      suppressClick.current = true;
    }
  };

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>): void => {
    if (!pointers.current.has(e.pointerId)) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'drag' && g.id === e.pointerId) {
      const dx = e.clientX - g.sx;
      const dy = e.clientY - g.sy;
      if (!g.moved) {
        if (Math.hypot(dx, dy) < 4) return;
        g.moved = true;
        suppressClick.current = true;
        userMoved.current = true;
        try {
          containerRef.current?.setPointerCapture(e.pointerId);
        } catch {
          /* ignore */
        }
      }
      setVp({ ...g.v, x: g.v.x + dx, y: g.v.y + dy });
    } else if (g.kind === 'pinch' && pointers.current.size >= 2) {
      const now = pinchInfo();
      const { min, max } = limits(sizeRef.current.w, sizeRef.current.h);
      const k = Math.min(max, Math.max(min, g.v.k * (now.dist / Math.max(1, g.dist))));
      const r = k / g.v.k;
      userMoved.current = true;
      setVp({ k, x: now.mx - (g.mx - g.v.x) * r, y: now.my - (g.my - g.v.y) * r });
    }
  };

  const onPointerEnd = (e: React.PointerEvent<HTMLDivElement>): void => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size === 1) {
      // Continue as a drag with the remaining finger.
      const [[id, p]] = [...pointers.current.entries()] as [[number, { x: number; y: number }]];
      gesture.current = { kind: 'drag', id, sx: p.x, sy: p.y, v: vpRef.current, moved: true };
    } else if (pointers.current.size === 0) {
      gesture.current = null;
      // The click (if any) fires right after pointerup; forget the drag after that.
      window.setTimeout(() => {
        suppressClick.current = false;
      }, 0);
    }
  };

  const onClickCapture = (e: React.MouseEvent): void => {
    if (suppressClick.current) {
      e.stopPropagation();
      e.preventDefault();
      suppressClick.current = false;
    }
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      zoomCentre(1.25);
    } else if (e.key === '-' || e.key === '_') {
      e.preventDefault();
      zoomCentre(0.8);
    } else if (e.key === '0') {
      e.preventDefault();
      userMoved.current = false;
      fit(true);
    } else if (e.target === e.currentTarget && e.key in ARROW_KEYS) {
      e.preventDefault();
      const step = e.shiftKey ? 240 : 80;
      const d = ARROW_KEYS[e.key];
      userMoved.current = true;
      setVp(
        (v) => ({
          ...v,
          x: v.x + (d === 'left' ? step : d === 'right' ? -step : 0),
          y: v.y + (d === 'up' ? step : d === 'down' ? -step : 0),
        }),
        true,
      );
    }
  };

  const onNodeKey = useCallback(
    (e: ReactKeyboardEvent<SVGGElement>, t: TopicNode) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        onOpen(t.id);
        return;
      }
      const dir = ARROW_KEYS[e.key];
      if (!dir) return;
      e.preventDefault();
      e.stopPropagation();
      const next = nearestInDirection(t, view.topics, dir);
      if (next) {
        nodes.current.get(next.id)?.focus({ preventScroll: true });
        reveal(next.id);
      }
    },
    [view, onOpen, reveal],
  );

  const registerNode = useCallback((id: string, el: SVGGElement | null) => {
    if (el) nodes.current.set(id, el);
    else nodes.current.delete(id);
  }, []);

  const onNodeFocus = useCallback((id: string) => reveal(id), [reveal]);

  return (
    <div className="graph-wrap" inert={inert}>
      <div
        ref={containerRef}
        className={`graph${selectedId ? ' graph--has-selection' : ''}`}
        tabIndex={0}
        role="region"
        aria-label={`${view.title}: roadmap graph`}
        aria-describedby="graph-help"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onClickCapture={onClickCapture}
        onKeyDown={onKeyDown}
      >
        <p id="graph-help" className="visually-hidden">
          Drag or use the arrow keys to pan, plus and minus to zoom, 0 to fit. Press Tab to reach
          the topics; arrow keys move between topics and Enter opens one. On a topic, D marks it
          done, L learning, R review, S skipped and N not started.
        </p>
        <svg className="graph-svg" width="100%" height="100%">
          <defs>
            <marker
              id="wm-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0 1 L9 5 L0 9 Z" className="arrow" />
            </marker>
            <marker
              id="wm-arrow-active"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="6"
              markerHeight="6"
              orient="auto"
            >
              <path d="M0 1 L9 5 L0 9 Z" className="arrow arrow--active" />
            </marker>
          </defs>
          <g
            className={animate ? 'graph-layer graph-layer--animate' : 'graph-layer'}
            style={{ transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.k})` }}
          >
            <GraphContent
              view={view}
              selectedId={selectedId}
              onOpen={onOpen}
              onNodeKey={onNodeKey}
              onNodeFocus={onNodeFocus}
              registerNode={registerNode}
              progress={progress}
            />
          </g>
        </svg>
      </div>

      <ZoomControls
        ref={zoomRef}
        level={vp.k}
        onZoomIn={() => zoomCentre(1.25)}
        onZoomOut={() => zoomCentre(0.8)}
        onFit={() => {
          userMoved.current = false;
          fit(true);
        }}
      />
      <GraphLegend ref={legendRef}>{progress && <StatusLegendItems />}</GraphLegend>
    </div>
  );
}
