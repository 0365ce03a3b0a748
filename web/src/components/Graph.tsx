/**
 * The roadmap graph, drawn as SVG from the layout the server computed (the browser does no
 * layout). Pan with drag / arrow keys, zoom with wheel / pinch / + and - ; topics are buttons
 * in reading order, arrow keys move between them spatially, Enter or Space opens one.
 */
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactElement,
  type Ref,
} from 'react';
import type { RoadmapView, TopicNode } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { nearestInDirection, type Direction } from '../lib/spatial';
import { GraphContent } from './GraphContent';
import { GraphLegend, ZoomControls } from './GraphControls';

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
  ref?: Ref<GraphHandle>;
}

interface Viewport {
  x: number;
  y: number;
  k: number;
}

const PAD = 16;
/** The smallest scale at which node labels stay legible on a phone. */
const READABLE_K = 0.5;
const MAX_K = 2.5;
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
  ref,
}: GraphProps): ReactElement {
  const containerRef = useRef<HTMLDivElement>(null);
  const nodes = useRef(new Map<string, SVGGElement>());
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [vp, setVpState] = useState<Viewport>({ x: 0, y: 0, k: 1 });
  const [animate, setAnimate] = useState(false);
  const vpRef = useRef(vp);
  const sizeRef = useRef(size);
  const insetRef = useRef(insetRight);
  const userMoved = useRef(false);
  sizeRef.current = size;
  insetRef.current = insetRight;

  const W = Math.max(1, view.layout.width);
  const H = Math.max(1, view.layout.height);

  const limits = useCallback(
    (w: number, h: number) => {
      const fitAll = Math.min((w - 2 * PAD) / W, (h - 2 * PAD) / H);
      return { min: Math.max(0.02, Math.min(0.25, fitAll * 0.8)), max: MAX_K };
    },
    [W, H],
  );

  /** Keeps part of the graph on screen whatever the user does. */
  const clamp = useCallback(
    (v: Viewport): Viewport => {
      const { w, h } = sizeRef.current;
      const { min, max } = limits(w, h);
      const k = Math.min(max, Math.max(min, v.k));
      const keep = 80;
      const x = Math.min(w - keep, Math.max(keep - W * k, v.x));
      const y = Math.min(h - keep, Math.max(keep - H * k, v.y));
      return { x, y, k };
    },
    [W, H, limits],
  );

  const setVp = useCallback(
    (next: Viewport | ((v: Viewport) => Viewport), animated = false) => {
      const v = clamp(typeof next === 'function' ? next(vpRef.current) : next);
      vpRef.current = v;
      setAnimate(animated);
      setVpState(v);
    },
    [clamp],
  );

  /**
   * The whole width of the graph, top aligned (centred if it is short). For the initial view
   * (`readable`) on a narrow screen that would shrink labels past reading, so it keeps a
   * legible scale and starts on the centre of the first section, where the roadmap begins;
   * the fit button still shows the whole width.
   */
  const fit = useCallback(
    (animated: boolean, readable = false) => {
      const { w, h } = sizeRef.current;
      if (w === 0) return;
      const floor = readable && w < 640 ? READABLE_K : 0;
      const k = Math.min(1, Math.max(floor, (w - 2 * PAD) / W));
      const x = (w - W * k) / 2;
      const y = H * k < h - 2 * PAD ? (h - H * k) / 2 : PAD;
      setVp({ x, y, k }, animated);
    },
    [W, H, setVp],
  );

  const zoomAt = useCallback(
    (factor: number, px: number, py: number, animated = false) => {
      userMoved.current = true;
      setVp((v) => {
        const { min, max } = limits(sizeRef.current.w, sizeRef.current.h);
        const k = Math.min(max, Math.max(min, v.k * factor));
        const r = k / v.k;
        return { k, x: px - (px - v.x) * r, y: py - (py - v.y) * r };
      }, animated);
    },
    [limits, setVp],
  );

  const zoomCentre = useCallback(
    (factor: number) => {
      const { w, h } = sizeRef.current;
      zoomAt(factor, (w - insetRef.current) / 2, h / 2, true);
    },
    [zoomAt],
  );

  const reveal = useCallback(
    (id: string) => {
      const t = view.topics.find((n) => n.id === id);
      if (!t) return;
      const { w, h } = sizeRef.current;
      const v = vpRef.current;
      const margin = 24;
      const right = Math.max(w * 0.4, w - insetRef.current);
      const sx = v.x + t.box.x * v.k;
      const sy = v.y + t.box.y * v.k;
      const sw = t.box.width * v.k;
      const sh = t.box.height * v.k;
      let dx = 0;
      let dy = 0;
      if (sx < margin) dx = margin - sx;
      else if (sx + sw > right - margin) dx = right - margin - (sx + sw);
      if (sy < margin) dy = margin - sy;
      else if (sy + sh > h - margin) dy = h - margin - (sy + sh);
      if (dx !== 0 || dy !== 0) setVp({ ...v, x: v.x + dx, y: v.y + dy }, true);
    },
    [view, setVp],
  );

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

  // Track the canvas size; refit on resize until the user has moved the view.
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const measure = (): void => {
      const r = el.getBoundingClientRect();
      setSize((s) => (s.w === r.width && s.h === r.height ? s : { w: r.width, h: r.height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (size.w === 0) return;
    if (!userMoved.current) fit(false, true);
    else setVp((v) => v);
  }, [size, fit, setVp]);

  // A new roadmap starts from the fitted view again.
  useLayoutEffect(() => {
    userMoved.current = false;
    fit(false, true);
  }, [view, fit]);

  // Wheel zoom needs a non-passive listener to stop the page from scrolling.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? r.height : 1;
      const dy = e.deltaY * unit;
      const dx = e.deltaX * unit;
      if (!e.ctrlKey && Math.abs(dx) > Math.abs(dy)) {
        userMoved.current = true;
        setVp((v) => ({ ...v, x: v.x - dx }));
        return;
      }
      // Trackpad pinches arrive as ctrl+wheel with small deltas; scale them up.
      const factor = Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015));
      zoomAt(factor, e.clientX - r.left, e.clientY - r.top);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomAt, setVp]);

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
          the topics; arrow keys move between topics and Enter opens one.
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
            />
          </g>
        </svg>
      </div>

      <ZoomControls
        level={vp.k}
        onZoomIn={() => zoomCentre(1.25)}
        onZoomOut={() => zoomCentre(0.8)}
        onFit={() => {
          userMoved.current = false;
          fit(true);
        }}
      />
      <GraphLegend />
    </div>
  );
}
