/**
 * The Kanban board's state: a card per topic with the learner's status from the shared
 * progress module (the account when signed in, this browser otherwise; a move shows at once
 * and rolls back if the server refuses it), and the work-in-progress check on `learning`.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { RoadmapView } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { cardsOf, groupColumns, STATUS_LABELS, wipState, type BoardStatus } from './board';
import { useRoadmapProgress } from './progress';
import { useWipLimit } from './useWipLimit';

export function useBoard(view: RoadmapView, announce: (message: string) => void) {
  const progress = useRoadmapProgress(view);
  const wipLimit = useWipLimit(progress.mode);
  const cards = useMemo(() => cardsOf(view, progress.statuses), [view, progress.statuses]);
  const learning = cards.filter((c) => c.status === 'learning').length;
  const wip = wipLimit.limit === null ? null : wipState(learning, wipLimit.limit);

  const latest = useRef({ cards, learning, limit: wipLimit.limit });
  latest.current = { cards, learning, limit: wipLimit.limit };

  const move = useCallback(
    (id: string, to: BoardStatus): void => {
      const { cards, learning, limit } = latest.current;
      const card = cards.find((c) => c.id === id);
      if (!card || card.status === to) return;
      const after = learning + (to === 'learning' ? 1 : 0) - (card.status === 'learning' ? 1 : 0);
      const warning = to === 'learning' && limit !== null ? wipState(after, limit).message : null;
      announce(`“${card.title}” moved to ${STATUS_LABELS[to]}.${warning ? ` ${warning}` : ''}`);
      void progress.setStatus(id, to);
    },
    [progress.setStatus, announce],
  );

  // A refused move is rolled back by the progress module; say so.
  const failure = progress.failure;
  const failureMessage = failure
    ? `Could not move “${cards.find((c) => c.id === failure.topicId)?.title ?? failure.topicId}” ` +
      `to ${STATUS_LABELS[failure.status]}: ${failure.message}`
    : null;
  useEffect(() => {
    if (failureMessage) announce(failureMessage);
  }, [failure]);

  const changeLimit = useCallback(
    async (next: number): Promise<void> => {
      const stored = await wipLimit.save(next);
      const warning = wipState(latest.current.learning, stored).message;
      announce(`Learning limit set to ${stored}.${warning ? ` ${warning}` : ''}`);
    },
    [wipLimit.save, announce],
  );

  return {
    mode: progress.mode,
    error: progress.error,
    retry: progress.retry,
    columns: (section: string | null) => groupColumns(cards, section),
    wip,
    move,
    changeLimit,
    failure: failureMessage,
    dismissFailure: progress.dismissFailure,
    /** Topics whose progress in this browser was just added to the account, or null. */
    merged: progress.merged,
    mergeFailure: progress.mergeFailure,
  };
}
