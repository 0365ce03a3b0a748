/** A topic's history of status changes: from the account, or from this browser. */
import { useEffect, useState } from 'react';
import { ApiError } from './api';
import { messageOf, type ProgressStatus, type RoadmapProgressHandle } from './progress';
import { progressApi } from './progressApi';
import { localChanges } from './progressLocal';

export interface HistoryItem {
  from: ProgressStatus | null;
  to: ProgressStatus;
  at: string;
  /** `web`, `api`, `cli`, `import`, or `browser` for a change kept only in this browser. */
  source: string;
}

export type TopicHistoryState =
  | { status: 'loading' }
  | { status: 'ok'; events: HistoryItem[] }
  | { status: 'error'; error: ApiError; retry: () => void };

/**
 * A topic's changes, newest first, loaded while `enabled` and again after each change of the
 * topic made here.
 */
export function useTopicHistory(
  progress: Pick<RoadmapProgressHandle, 'mode' | 'revisionOf'>,
  slug: string,
  topicId: string,
  enabled: boolean,
): TopicHistoryState {
  const revision = progress.revisionOf(topicId);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; value: TopicHistoryState } | null>(null);
  const key = `${progress.mode}|${slug}|${topicId}|${revision}|${attempt}`;
  useEffect(() => {
    if (!enabled) return;
    if (progress.mode === 'local') {
      const events = localChanges(slug)
        .filter((c) => c.topicId === topicId)
        .reverse()
        .map((c) => ({ ...c, source: 'browser' }));
      setState({ key, value: { status: 'ok', events } });
      return;
    }
    if (progress.mode !== 'account') return;
    let live = true;
    progressApi.history(slug, topicId).then(
      (h) => live && setState({ key, value: { status: 'ok', events: h.events } }),
      (e: unknown) =>
        live &&
        setState({
          key,
          value: {
            status: 'error',
            error: e instanceof ApiError ? e : new ApiError(0, 'Error', messageOf(e)),
            retry: () => setAttempt((a) => a + 1),
          },
        }),
    );
    return () => {
      live = false;
    };
  }, [key, enabled]);
  // While a newer one loads, the last list of the same topic stays (no flicker on a change).
  if (state && (state.key === key || state.key.startsWith(`${progress.mode}|${slug}|${topicId}|`)))
    return state.value;
  return { status: 'loading' };
}
