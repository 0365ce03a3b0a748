/**
 * /roadmaps/{slug}/board: the learner's roadmap as a Kanban board, one column per status, with
 * a section filter and the work-in-progress limit on `learning`. Visitors without an account
 * get the board of the progress kept in their browser.
 */
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { RoadmapView } from '../../../src/modules/roadmaps/roadmaps.schemas';
import { Board } from '../components/board/Board';
import { WipLimitForm } from '../components/board/WipLimitForm';
import { Header } from '../components/Header';
import { ArrowLeftIcon } from '../components/Icons';
import { Link } from '../components/Link';
import { ErrorView, Loading, NotFound } from '../components/States';
import { api, useResource } from '../lib/api';
import { plural } from '../lib/format';
import { useDocumentTitle } from '../lib/hooks';
import { currentPath, navigate, roadmapHref, signInHref, topicHref } from '../lib/router';
import { useBoard } from '../lib/useBoard';
import '../board.css';

function BoardView({
  view,
  announce,
}: {
  view: RoadmapView;
  announce: (message: string) => void;
}): ReactElement {
  const board = useBoard(view, announce);
  const [section, setSection] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus({ preventScroll: true }), []);

  let body: ReactElement;
  if (board.mode === 'loading') {
    body = <Loading label="Loading your progress…" />;
  } else if (board.mode === 'error' && board.error) {
    body = <ErrorView error={board.error} onRetry={board.retry} />;
  } else {
    body = (
      <Board
        columns={board.columns(section)}
        wip={board.wip}
        onMove={board.move}
        onOpen={(id) => navigate(topicHref(view.slug, id))}
        announce={announce}
      />
    );
  }

  return (
    <>
      <div className="board-bar">
        <div className="board-bar-text">
          <Link href={roadmapHref(view.slug)} className="board-back">
            <ArrowLeftIcon size={16} />
            Back to the roadmap
          </Link>
          <h1 ref={headingRef} tabIndex={-1}>
            <span className="board-eyebrow">Board</span> {view.title}
          </h1>
        </div>
        <div className="board-controls">
          <div className="board-filter">
            <label htmlFor="board-section">Section</label>
            <select
              id="board-section"
              value={section ?? ''}
              onChange={(e) => setSection(e.target.value || null)}
            >
              <option value="">All sections</option>
              {view.sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          {board.wip && <WipLimitForm limit={board.wip.limit} onSave={board.changeLimit} />}
        </div>
      </div>
      <p id="board-help" className="board-help">
        Drag a card to another column. Or focus it, press Space, choose a column with the arrow keys
        and press Space again; D, L, R, N and S set a status at once. Enter opens the topic.
      </p>
      {board.mode === 'local' && (
        <p className="board-notice board-notice--info">
          <span>
            Your progress is kept in this browser.{' '}
            <Link href={signInHref(currentPath())}>Sign in</Link> to keep it in your account; it
            will be added there.
          </span>
        </p>
      )}
      {board.merged !== null && (
        <p className="board-notice board-notice--success">
          Your progress from this browser was added to your account ({plural(board.merged, 'topic')}
          ).
        </p>
      )}
      {board.mergeFailure && (
        <p className="board-notice board-notice--error">{board.mergeFailure}</p>
      )}
      {board.wip?.over && (
        <p className="board-notice board-notice--warning" data-testid="wip-warning">
          {board.wip.message}
        </p>
      )}
      {board.failure && (
        <div className="board-notice board-notice--error" data-testid="move-error">
          <span>{board.failure}</span>
          <button
            type="button"
            className="btn btn--small btn--quiet"
            onClick={board.dismissFailure}
          >
            Dismiss
          </button>
        </div>
      )}
      {body}
    </>
  );
}

export function BoardPage({ slug }: { slug: string }): ReactElement {
  const res = useResource<RoadmapView>(`roadmap:${slug}`, () => api.roadmap(slug));

  // One live region for the page; a counter makes a repeated message be read again.
  const [message, setMessage] = useState({ text: '', n: 0 });
  const announce = useCallback((text: string) => setMessage((m) => ({ text, n: m.n + 1 })), []);

  useDocumentTitle(
    res.status === 'ok'
      ? `Board · ${res.data.title} · Waymark`
      : res.status === 'error'
        ? 'Not found · Waymark'
        : 'Waymark',
  );

  let content: ReactElement;
  if (res.status === 'error') {
    content =
      res.error.status === 404 ? (
        <NotFound title="Roadmap not found" detail={res.error.detail} />
      ) : (
        <ErrorView error={res.error} onRetry={res.retry} />
      );
  } else if (res.status === 'loading') {
    content = <Loading label="Loading the board…" />;
  } else {
    content = <BoardView view={res.data} announce={announce} />;
  }

  return (
    <div className="layout layout--app">
      <Header />
      <main id="main" className="board-main">
        {content}
      </main>
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {message.text}
        {message.n % 2 === 1 ? '\u00a0' : ''}
      </div>
    </div>
  );
}
