/**
 * The pan/zoom state of the roadmap graph: the viewport (translation and scale), kept within
 * limits that leave part of the graph on screen; the initial fitted view; zooming about a
 * point; revealing a topic; and wheel / trackpad input. Graph.tsx adds pointer gestures and
 * keyboard handling on top.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { RoadmapView } from '../../../src/modules/roadmaps/roadmaps.schemas';

export interface Viewport {
  x: number;
  y: number;
  k: number;
}

const PAD = 16;
/** The smallest scale at which node labels stay legible on a phone. */
const READABLE_K = 0.5;
const MAX_K = 2.5;

export function useViewport(
  view: RoadmapView,
  insetRight: number,
  containerRef: RefObject<HTMLDivElement | null>,
  /** Elements drawn over the canvas's bottom edge (zoom buttons, legend): kept clear too. */
  overlays: readonly RefObject<HTMLElement | null>[] = [],
) {
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [vp, setVpState] = useState<Viewport>({ x: 0, y: 0, k: 1 });
  const [animate, setAnimate] = useState(false);
  const vpRef = useRef(vp);
  const sizeRef = useRef(size);
  const insetRef = useRef(insetRight);
  const overlaysRef = useRef(overlays);
  overlaysRef.current = overlays;
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

  /**
   * The top of the highest overlay above the canvas columns `left`..`right` (in canvas
   * pixels), or Infinity: a node revealed there must stay above it, or the legend hides it.
   */
  const overlayTop = useCallback(
    (left: number, right: number): number => {
      const canvas = containerRef.current?.getBoundingClientRect();
      let top = Infinity;
      if (!canvas) return top;
      for (const overlay of overlaysRef.current) {
        const r = overlay.current?.getBoundingClientRect();
        if (!r || r.height === 0) continue;
        if (r.left - canvas.left < right && r.right - canvas.left > left)
          top = Math.min(top, r.top - canvas.top);
      }
      return top;
    },
    [containerRef],
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
      const bottom = Math.min(h, overlayTop(sx + dx, sx + dx + sw));
      if (sy < margin) dy = margin - sy;
      else if (sy + sh > bottom - margin) dy = bottom - margin - (sy + sh);
      if (dx !== 0 || dy !== 0) setVp({ ...v, x: v.x + dx, y: v.y + dy }, true);
    },
    [view, setVp, overlayTop],
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

  return { vp, animate, vpRef, sizeRef, userMoved, limits, setVp, fit, zoomCentre, reveal };
}
