/**
 * The Kanban board's columns and cards. A card moves by dragging it to another column, or from
 * the keyboard: Space picks it up, the arrow keys choose a column, Space or Enter drops it and
 * Escape cancels; D, L, R, N and S move it straight to a status. Every move is announced.
 */
import { useRef, useState, type FocusEvent, type KeyboardEvent, type ReactElement } from 'react';
import {
  BOARD_COLUMNS,
  neighbourColumn,
  STATUS_LABELS,
  type BoardCard,
  type BoardStatus,
  type Columns,
  type WipState,
} from '../../lib/board';
import { formatHours, shortHours } from '../../lib/format';
import { shortcutStatus } from '../../lib/progressShortcuts';
import { useCardDrag } from './useCardDrag';

interface Grab {
  id: string;
  from: BoardStatus;
  over: BoardStatus;
}

const GripIcon = (): ReactElement => (
  <svg
    className="icon"
    width={14}
    height={14}
    viewBox="0 0 24 24"
    aria-hidden="true"
    focusable="false"
  >
    {[6, 12, 18].flatMap((y) =>
      [9, 15].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r={1.6} fill="currentColor" />),
    )}
  </svg>
);

function CardContent({ card }: { card: BoardCard }): ReactElement {
  return (
    <>
      <span className="board-card-grip" aria-hidden="true">
        <GripIcon />
      </span>
      <span className="board-card-title">{card.title}</span>
      <span className="board-card-meta">
        <span className="board-card-section">{card.sectionTitle}</span>
        <span className="board-card-hours">
          <span aria-hidden="true">{shortHours(card.hours)}</span>
          <span className="visually-hidden">, about {formatHours(card.hours)}</span>
        </span>
        {card.optional && <span className="board-card-optional">optional</span>}
      </span>
    </>
  );
}

export function Board({
  columns,
  wip,
  onMove,
  onOpen,
  announce,
}: {
  columns: Columns;
  wip: WipState | null;
  onMove: (id: string, to: BoardStatus) => void;
  onOpen: (id: string) => void;
  announce: (message: string) => void;
}): ReactElement {
  const scroller = useRef<HTMLDivElement>(null);
  const columnEls = useRef(new Map<BoardStatus, HTMLElement>());
  const cardEls = useRef(new Map<string, HTMLButtonElement>());
  // The card that has focus: it gets it back after a move re-creates it in another column.
  const focused = useRef<string | null>(null);
  const [grab, setGrab] = useState<Grab | null>(null);
  const grabRef = useRef(grab);
  grabRef.current = grab;

  const columnAt = (x: number, y: number): BoardStatus | null => {
    for (const [status, el] of columnEls.current) {
      const r = el.getBoundingClientRect();
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return status;
    }
    return null;
  };
  const { drag, handlers, consumeDragged } = useCardDrag({
    columnAt,
    scroller: () => scroller.current,
    onDrop: onMove,
  });
  const all = BOARD_COLUMNS.flatMap((s) => columns[s]);
  const cardOf = (id: string | undefined) => all.find((c) => c.id === id);
  const dragged = cardOf(drag?.id);

  const reveal = (status: BoardStatus): void =>
    columnEls.current.get(status)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });

  const focusCard = (id: string | undefined): void => {
    if (id) cardEls.current.get(id)?.focus();
  };

  /** Arrow keys without a card picked up walk the board: up and down a column, across rows. */
  const walk = (card: BoardCard, key: string): boolean => {
    const col = columns[card.status];
    const i = col.findIndex((c) => c.id === card.id);
    if (key === 'ArrowUp' || key === 'ArrowDown') {
      focusCard(col[i + (key === 'ArrowUp' ? -1 : 1)]?.id);
      return true;
    }
    if (key !== 'ArrowLeft' && key !== 'ArrowRight') return false;
    const step = key === 'ArrowLeft' ? -1 : 1;
    for (
      let s = BOARD_COLUMNS.indexOf(card.status) + step;
      s >= 0 && s < BOARD_COLUMNS.length;
      s += step
    ) {
      const next = columns[BOARD_COLUMNS[s]!];
      if (next.length > 0) {
        focusCard(next[Math.min(i, next.length - 1)]!.id);
        break;
      }
    }
    return true;
  };

  const drop = (card: BoardCard, to: BoardStatus): void => {
    setGrab(null);
    if (to === card.status) announce(`“${card.title}” dropped back in ${STATUS_LABELS[to]}.`);
    else onMove(card.id, to);
  };

  const onKeyDown = (card: BoardCard) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const held = grab?.id === card.id ? grab : null;
    // D, L, R, N and S, as on the roadmap page (never with a modifier, nor a repeated key).
    const shortcut = shortcutStatus(e.nativeEvent);
    let handled = true;
    if (held) {
      if (['ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowDown'].includes(e.key)) {
        const over = neighbourColumn(
          held.over,
          e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 1,
        );
        setGrab({ ...held, over });
        reveal(over);
        announce(
          `${STATUS_LABELS[over]}, column ${BOARD_COLUMNS.indexOf(over) + 1} of ${BOARD_COLUMNS.length}.`,
        );
      } else if (e.key === ' ' || e.key === 'Enter') {
        drop(card, held.over);
      } else if (e.key === 'Escape') {
        e.stopPropagation();
        setGrab(null);
        reveal(held.from);
        announce(`Move cancelled. “${card.title}” stays in ${STATUS_LABELS[held.from]}.`);
      } else if (shortcut) {
        drop(card, shortcut);
      } else {
        handled = e.key !== 'Tab';
      }
    } else if (e.key === ' ') {
      setGrab({ id: card.id, from: card.status, over: card.status });
      announce(
        `Picked up “${card.title}” in ${STATUS_LABELS[card.status]}. Choose a column with the ` +
          'arrow keys, then press Space or Enter to drop it, or Escape to cancel.',
      );
    } else if (shortcut) {
      if (shortcut === card.status)
        announce(`“${card.title}” is already in ${STATUS_LABELS[shortcut]}.`);
      else onMove(card.id, shortcut);
    } else {
      handled = walk(card, e.key);
    }
    if (handled) e.preventDefault();
  };

  const onBlur = (card: BoardCard) => (e: FocusEvent<HTMLButtonElement>) => {
    if (e.relatedTarget) focused.current = null;
    const held = grabRef.current;
    if (held?.id === card.id) {
      setGrab(null);
      announce(`Move cancelled. “${card.title}” stays in ${STATUS_LABELS[held.from]}.`);
    }
  };

  const cardRef = (id: string) => (el: HTMLButtonElement | null) => {
    if (!el) {
      cardEls.current.delete(id);
      return;
    }
    cardEls.current.set(id, el);
    const active = document.activeElement;
    if (focused.current === id && (active === null || active === document.body)) {
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  };

  const over = drag?.over ?? grab?.over ?? null;
  const grabbed = grab ? cardOf(grab.id) : undefined;

  return (
    <div className="board" ref={scroller}>
      {BOARD_COLUMNS.map((status) => {
        const cards = columns[status];
        const overLimit = status === 'learning' && wip?.over === true;
        const classes = [
          'board-column',
          `board-column--${status}`,
          over === status ? 'board-column--target' : '',
          overLimit ? 'board-column--over' : '',
        ].filter(Boolean);
        return (
          <section
            key={status}
            className={classes.join(' ')}
            data-status={status}
            aria-labelledby={`board-col-${status}`}
            ref={(el) => {
              if (el) columnEls.current.set(status, el);
              else columnEls.current.delete(status);
            }}
          >
            <header className="board-column-head">
              <h2 id={`board-col-${status}`}>{STATUS_LABELS[status]}</h2>
              <span className="board-count">
                {cards.length}
                <span className="visually-hidden"> {cards.length === 1 ? 'topic' : 'topics'}</span>
              </span>
              {status === 'learning' && wip && (
                <span className="board-limit" data-testid="wip-badge">
                  {wip.count} of {wip.limit} limit
                </span>
              )}
            </header>
            <ul className="board-list">
              {grab && grabbed && grab.over === status && grab.from !== status && (
                <li className="board-drop-hint" aria-hidden="true">
                  Drop “{grabbed.title}” here
                </li>
              )}
              {cards.map((card) => {
                const cls = [
                  'board-card',
                  grab?.id === card.id ? 'board-card--grabbed' : '',
                  drag?.id === card.id ? 'board-card--placeholder' : '',
                ].filter(Boolean);
                return (
                  <li key={card.id} className="board-item">
                    <button
                      type="button"
                      ref={cardRef(card.id)}
                      className={cls.join(' ')}
                      data-topic-id={card.id}
                      aria-describedby="board-help"
                      {...handlers(card.id)}
                      onKeyDown={onKeyDown(card)}
                      onKeyUp={(e) => e.key === ' ' && e.preventDefault()}
                      onFocus={() => (focused.current = card.id)}
                      onBlur={onBlur(card)}
                      onClick={(e) => {
                        // A keyboard click (detail 0) is never the end of a drag.
                        if (consumeDragged() && e.detail > 0) return;
                        onOpen(card.id);
                      }}
                    >
                      <CardContent card={card} />
                    </button>
                  </li>
                );
              })}
            </ul>
            {cards.length === 0 && <p className="board-empty">No topics</p>}
          </section>
        );
      })}
      {drag && dragged && (
        <div
          className="board-card board-card--ghost"
          aria-hidden="true"
          style={{ left: drag.left, top: drag.top, width: drag.width }}
        >
          <CardContent card={dragged} />
        </div>
      )}
    </div>
  );
}
