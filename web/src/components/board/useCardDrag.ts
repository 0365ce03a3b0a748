/**
 * Dragging a board card with pointer events (mouse, pen, or touch from the card's grip): the
 * card follows the pointer as a floating copy, the column under it is the drop target, and
 * the board scrolls sideways near its edges. Escape or a cancelled pointer drops nothing.
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import type { BoardStatus } from '../../lib/board';

/** How far the pointer must travel before a press becomes a drag (a shorter one is a click). */
const THRESHOLD = 5;
const EDGE = 48;
const SCROLL_STEP = 18;

export interface DragState {
  id: string;
  /** Where the floating copy's top left corner is, in viewport pixels. */
  left: number;
  top: number;
  width: number;
  over: BoardStatus | null;
}

interface Press {
  id: string;
  pointerId: number;
  startX: number;
  startY: number;
  offsetX: number;
  offsetY: number;
  width: number;
  started: boolean;
  element: HTMLElement;
}

export function useCardDrag({
  columnAt,
  scroller,
  onDrop,
}: {
  columnAt: (x: number, y: number) => BoardStatus | null;
  scroller: () => HTMLElement | null;
  onDrop: (id: string, to: BoardStatus) => void;
}) {
  const press = useRef<Press | null>(null);
  const [drag, setDrag] = useState<DragState | null>(null);
  // A press that became a drag must not also count as a click on the card.
  const dragged = useRef(false);

  const end = useCallback(() => {
    const p = press.current;
    press.current = null;
    if (p?.element.hasPointerCapture(p.pointerId)) p.element.releasePointerCapture(p.pointerId);
    setDrag(null);
  }, []);

  useEffect(() => {
    if (!drag) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      end();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [drag !== null, end]);

  const onPointerDown = (id: string) => (e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0 || press.current) return;
    const rect = e.currentTarget.getBoundingClientRect();
    dragged.current = false;
    press.current = {
      id,
      pointerId: e.pointerId,
      startX: e.clientX,
      startY: e.clientY,
      offsetX: e.clientX - rect.left,
      offsetY: e.clientY - rect.top,
      width: rect.width,
      started: false,
      element: e.currentTarget,
    };
    // Moves keep coming to the card even when the first one already left it.
    e.currentTarget.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const p = press.current;
    if (!p || p.pointerId !== e.pointerId) return;
    if (!p.started) {
      if (Math.hypot(e.clientX - p.startX, e.clientY - p.startY) < THRESHOLD) return;
      p.started = true;
      dragged.current = true;
    }
    const board = scroller();
    if (board) {
      const r = board.getBoundingClientRect();
      if (e.clientX < r.left + EDGE) board.scrollLeft -= SCROLL_STEP;
      else if (e.clientX > r.right - EDGE) board.scrollLeft += SCROLL_STEP;
    }
    setDrag({
      id: p.id,
      left: e.clientX - p.offsetX,
      top: e.clientY - p.offsetY,
      width: p.width,
      over: columnAt(e.clientX, e.clientY),
    });
  };

  const onPointerUp = (e: PointerEvent<HTMLElement>) => {
    const p = press.current;
    if (!p || p.pointerId !== e.pointerId) return;
    const to = p.started ? columnAt(e.clientX, e.clientY) : null;
    end();
    if (to) onDrop(p.id, to);
  };

  const onPointerCancel = (e: PointerEvent<HTMLElement>) => {
    if (press.current?.pointerId === e.pointerId) end();
  };

  return {
    drag,
    /** True once after a press that became a drag: the click that follows is not a click. */
    consumeDragged: (): boolean => {
      const was = dragged.current;
      dragged.current = false;
      return was;
    },
    handlers: (id: string) => ({
      onPointerDown: onPointerDown(id),
      onPointerMove,
      onPointerUp,
      onPointerCancel,
      onLostPointerCapture: onPointerCancel,
    }),
  };
}
