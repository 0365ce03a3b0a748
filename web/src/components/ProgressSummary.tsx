/**
 * The roadmap page's progress: the total bar, a bar per section, where the progress is kept,
 * what went wrong, and (for screen readers) what each change did to the bars.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { RoadmapView } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { STATUS_LABELS, type RoadmapProgressHandle } from '../lib/progress';
import { currentPath, signInHref } from '../lib/router';
import '../progress.css';

function Bar({
  label,
  complete,
  topics,
  percent,
}: {
  label: string;
  complete: number;
  topics: number;
  percent: number;
}): ReactElement {
  return (
    <div
      className="progress-bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${complete} of ${topics} topics complete (${percent}%)`}
    >
      <div className="progress-bar-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** Every section's bar, in a drop-down that closes on Escape or a click elsewhere. */
function SectionBars({
  sections,
}: {
  sections: RoadmapProgressHandle['summary']['sections'];
}): ReactElement {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  return (
    <details
      ref={ref}
      className="progress-sections"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !ref.current?.open) return;
        // Before the page's Escape, which would close the topic panel.
        e.preventDefault();
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }}
    >
      <summary>By section</summary>
      <ul>
        {sections.map((s) => (
          <li key={s.sectionId}>
            <span className="progress-section-title">{s.title}</span>
            <Bar label={`${s.title} complete`} {...s} />
            <span className="progress-section-count" aria-hidden="true">
              {s.complete}/{s.topics}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What a change did, in words: "DNS: done. Networking: 3 of 10 complete." */
function announcement(view: RoadmapView, progress: RoadmapProgressHandle): string {
  const change = progress.lastChange;
  if (!change) return '';
  const topic = view.topics.find((t) => t.id === change.topicId);
  const section = progress.summary.sections.find((s) => s.sectionId === topic?.sectionId);
  const total = progress.summary.total;
  return [
    `${topic?.title ?? change.topicId}: ${STATUS_LABELS[change.status].toLowerCase()}.`,
    section ? `${section.title}: ${section.complete} of ${section.topics} complete.` : '',
    `Roadmap: ${total.percent}%.`,
  ]
    .filter(Boolean)
    .join(' ');
}

export function ProgressSummary({
  view,
  progress,
}: {
  view: RoadmapView;
  progress: RoadmapProgressHandle;
}): ReactElement {
  const { summary, failure, mode } = progress;
  const [said, setSaid] = useState('');
  // Only changes made here are announced, not the progress arriving.
  const text = announcement(view, progress);
  useEffect(() => setSaid(text), [progress.lastChange]);
  const failedTopic = failure && view.topics.find((t) => t.id === failure.topicId);

  return (
    <section className="progress-summary" aria-label="Your progress">
      <div className="progress-total">
        <span className="progress-total-label" id="progress-total-label">
          Your progress
        </span>
        <Bar label="Roadmap complete" {...summary.total} />
        <span className="progress-total-text" aria-hidden="true">
          {mode === 'loading' ? '…' : `${summary.total.percent}%`}
        </span>
        <SectionBars sections={summary.sections} />
      </div>
      {mode === 'local' && (
        <p className="progress-where">
          Saved in this browser. <a href={signInHref(currentPath())}>Sign in</a> to keep it.
        </p>
      )}
      <div className="progress-messages">
        {progress.merged !== null && (
          <p className="progress-note" role="status">
            Your progress from this browser is now in your account.
          </p>
        )}
        {progress.mergeFailure && (
          <p className="progress-alert" role="alert">
            {progress.mergeFailure}
          </p>
        )}
        {progress.error && (
          <div className="progress-alert" role="alert">
            Your progress could not be loaded: {progress.error.message}{' '}
            <button type="button" className="btn" onClick={progress.retry}>
              Try again
            </button>
          </div>
        )}
        {failure && (
          <div className="progress-alert" role="alert">
            <span>
              “{failedTopic?.title ?? failure.topicId}” could not be marked{' '}
              {STATUS_LABELS[failure.status].toLowerCase()}: {failure.message}
            </span>{' '}
            <button type="button" className="btn" onClick={progress.dismissFailure}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {said}
      </p>
    </section>
  );
}
