/**
 * The Kanban board's pure logic: which column each topic card is in, the work-in-progress check
 * on `learning`, and keyboard moves between columns. Statuses, their labels and the optimistic
 * changes themselves are the shared progress module's (progress.ts).
 */
import type { RoadmapView } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { STATUS_LABELS, STATUSES, type ProgressStatus } from './progress';

/** The columns: every status, in the order a topic usually travels through them. */
export const BOARD_COLUMNS = STATUSES;
export type BoardStatus = ProgressStatus;
export { STATUS_LABELS };

export const DEFAULT_WIP_LIMIT = 3;
export const WIP_LIMIT_RANGE = { min: 1, max: 100 } as const;

export interface BoardCard {
  id: string;
  title: string;
  sectionId: string;
  sectionTitle: string;
  hours: number;
  optional: boolean;
  status: BoardStatus;
}

export type Columns = Record<BoardStatus, BoardCard[]>;

/** A card per topic of the roadmap, in roadmap order; topics with no status are not started. */
export function cardsOf(
  view: Pick<RoadmapView, 'sections' | 'topics'>,
  statuses: Readonly<Record<string, BoardStatus>>,
): BoardCard[] {
  const sectionTitles = new Map(view.sections.map((s) => [s.id, s.title]));
  return view.topics.map((t) => ({
    id: t.id,
    title: t.title,
    sectionId: t.sectionId,
    sectionTitle: sectionTitles.get(t.sectionId) ?? '',
    hours: t.hours,
    optional: t.optional,
    status: statuses[t.id] ?? 'not_started',
  }));
}

/**
 * The cards of each column, in roadmap order (the board does not reorder topics within a
 * column), keeping only `section`'s cards when one is chosen.
 */
export function groupColumns(cards: readonly BoardCard[], section: string | null = null): Columns {
  const columns = Object.fromEntries(BOARD_COLUMNS.map((s) => [s, [] as BoardCard[]])) as Columns;
  for (const card of cards) {
    if (section === null || card.sectionId === section) columns[card.status].push(card);
  }
  return columns;
}

export interface WipState {
  count: number;
  limit: number;
  over: boolean;
  /** What the board shows and announces when over the limit; null otherwise. */
  message: string | null;
}

/** Whether `count` topics in `learning` exceed the learner's limit. Exceeding is allowed. */
export function wipState(count: number, limit: number): WipState {
  const over = count > limit;
  return {
    count,
    limit,
    over,
    message: over
      ? `You are learning ${count} topics, over your limit of ${limit}. ` +
        'Finish or set aside one before starting another.'
      : null,
  };
}

/** The column `step` columns away from `status`, stopping at either end. */
export function neighbourColumn(status: BoardStatus, step: -1 | 1): BoardStatus {
  const i = BOARD_COLUMNS.indexOf(status) + step;
  return BOARD_COLUMNS[Math.min(Math.max(i, 0), BOARD_COLUMNS.length - 1)]!;
}
