/**
 * The topic panel's progress part: the learner's status (buttons, with the keyboard shortcut
 * of each), "new since your last visit", and the topic's history of changes.
 */
import { useState, type ReactElement } from 'react';
import type { RoadmapView } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { formatDateTime } from '../lib/dates';
import {
  STATUSES,
  STATUS_KEYS,
  STATUS_LABELS,
  useRoadmapProgress,
  type RoadmapProgressHandle,
} from '../lib/progress';
import { useTopicHistory, type HistoryItem } from '../lib/progressHistory';
import { useNewTopics } from '../lib/progressVisits';
import { currentPath, signInHref } from '../lib/router';
import { StatusIcon } from './GraphStatus';
import '../progress.css';

const SOURCES: Record<string, string> = {
  web: 'on the web',
  api: 'through the API',
  cli: 'from the command line',
  import: 'by an import',
  browser: 'in this browser',
};

function HistoryList({
  progress,
  slug,
  topicId,
}: {
  progress: RoadmapProgressHandle;
  slug: string;
  topicId: string;
}): ReactElement {
  const history = useTopicHistory(progress, slug, topicId, true);
  if (history.status === 'loading') return <p className="muted">Loading…</p>;
  if (history.status === 'error') {
    return (
      <div role="alert" className="status-history-error">
        <p>{history.error.message}</p>
        <button type="button" className="btn" onClick={history.retry}>
          Try again
        </button>
      </div>
    );
  }
  if (history.events.length === 0) return <p className="muted">No changes yet.</p>;
  const label = (s: HistoryItem['to'] | null) => (s ? STATUS_LABELS[s] : 'Not started');
  return (
    <ol className="status-history-list">
      {history.events.map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <StatusIcon status={e.to} size={14} />
          <span>
            <strong>{label(e.to)}</strong>
            <span className="muted"> from {label(e.from).toLowerCase()}</span>
          </span>
          <span className="status-history-meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> {SOURCES[e.source] ?? e.source}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function TopicStatus({
  view,
  topicId,
}: {
  view: RoadmapView;
  topicId: string;
}): ReactElement {
  const progress = useRoadmapProgress(view);
  const isNew = useNewTopics(view.slug, view).has(topicId);
  const [showHistory, setShowHistory] = useState(false);
  const current = progress.statusOf(topicId);
  const ready = progress.mode === 'account' || progress.mode === 'local';

  return (
    <section className="topic-status" aria-labelledby="topic-status-h">
      <div className="topic-status-head">
        <h3 id="topic-status-h" className="panel-h3">
          Your progress
        </h3>
        {isNew && <span className="chip chip--new">New since your last visit</span>}
      </div>
      <div className="status-buttons" role="group" aria-labelledby="topic-status-h">
        {STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            className={`status-btn status-btn--${status}`}
            aria-pressed={current === status}
            aria-keyshortcuts={STATUS_KEYS[status].toUpperCase()}
            title={`${STATUS_LABELS[status]} (${STATUS_KEYS[status].toUpperCase()})`}
            disabled={!ready}
            onClick={() => void progress.setStatus(topicId, status)}
          >
            <StatusIcon status={status} />
            {STATUS_LABELS[status]}
          </button>
        ))}
      </div>
      {progress.mode === 'local' && (
        <p className="status-local muted">
          Saved in this browser. <a href={signInHref(currentPath())}>Sign in</a> to keep it in your
          account.
        </p>
      )}
      <details className="status-history" onToggle={(e) => setShowHistory(e.currentTarget.open)}>
        <summary>History</summary>
        {showHistory && <HistoryList progress={progress} slug={view.slug} topicId={topicId} />}
      </details>
    </section>
  );
}
